"""The packaging tests: README.md's install, upgrade and uninstall sections
run on fresh stock Horizons (25 and 27).

They need no cloud, only pip's index. Marked ``packaging`` so a quick run
can leave them out: ``-m "not packaging"``.
"""


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "packaging: builds the wheel and installs, upgrades and "
        "uninstalls it in a fresh venv with Horizon 25, then 27 (pip's "
        "index, a few minutes)")

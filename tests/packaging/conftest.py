"""The packaging tests: build the wheel, install it on a fresh Horizon.

They need no cloud, only pip's index (and its cache). Marked ``packaging``
so a quick run can leave them out: ``-m "not packaging"``.
"""


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "packaging: builds the wheel and installs it into a "
        "fresh venv with Horizon (pip's index, about a minute)")

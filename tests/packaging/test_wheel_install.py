"""README.md's "Installing into an existing Horizon", run as written.

A copy of this checkout (the files git tracks, the package's new files, and
the git metadata pbr reads), a fresh venv with a stock Horizon 27 (the pins of
constraints/dashboard.txt, and pymemcache, the library Horizon's default
cache needs), then the lines of README.md's install section run by bash in
the copy with that venv first on PATH: build the wheel, install it, copy the
enabled files, Django's check, collectstatic and compress. The tests below
look at what that left: the wheel's files, the collected and compressed
static files, the message catalogs Horizon serves.
"""

import json
import os
import pathlib
import re
import shutil
import subprocess
import venv
import zipfile
from dataclasses import dataclass

import pytest
import rjsmin

pytestmark = pytest.mark.packaging

ROOT = pathlib.Path(__file__).resolve().parents[2]
SECTION = "## Installing into an existing Horizon"
STOCK_HORIZON = ["horizon", "pymemcache"]
TIMEOUT = 900  # seconds for one pip or Django command, cold cache included

# Run by the fresh venv's python after the README's lines: what Horizon's
# settings say of the installed plugin.
FACTS = """
import json, os
import django
django.setup()
from django.conf import settings
from openstack_dashboard.context_processors import get_js_catalog
import mr_dashboard
config = settings.HORIZON_CONFIG
print(json.dumps({
    "static_root": settings.STATIC_ROOT,
    "compress_dir": os.path.join(settings.COMPRESS_ROOT,
                                 settings.COMPRESS_OUTPUT_DIR),
    "js_files": [f for f in config["js_files"] if f.startswith("mr_dash")],
    "scss_files": [f for f in config["scss_files"]
                   if f.startswith("mr_dash")],
    "js_catalog": get_js_catalog(settings).split("+"),
    "package": os.path.dirname(mr_dashboard.__file__),
}))
"""


@dataclass
class Installed:
    checkout: pathlib.Path
    venv: pathlib.Path
    log: str
    facts: dict

    @property
    def wheel(self) -> pathlib.Path:
        (wheel,) = (self.checkout / "dist").glob("mr_dashboard-*.whl")
        return wheel


def readme_install_lines() -> str:
    """The indented code block of README.md's install section."""
    text = (ROOT / "README.md").read_text()
    section = text.split(SECTION, 1)[1].split("\n## ", 1)[0]
    block = re.search(r"(?:^ {4}\S.*\n)+", section, re.MULTILINE)
    assert block, f"no code block under {SECTION!r} in README.md"
    return "\n".join(line[4:] for line in block.group(0).splitlines())


def _run(command, log: list, **kwargs) -> None:
    result = subprocess.run(command, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True,
                            timeout=TIMEOUT, **kwargs)
    log.append(f"$ {command}\n{result.stdout}")
    assert result.returncode == 0, "\n".join(log)[-6000:]


def _git_files(*options: str) -> list[str]:
    listed = subprocess.run(["git", "ls-files", "-z", *options], cwd=ROOT,
                            check=True, stdout=subprocess.PIPE)
    return [name for name in listed.stdout.decode().split("\0") if name]


def _copy_checkout(destination: pathlib.Path) -> None:
    """The files git tracks, as they are in the working tree, and the new
    files of the package not yet added (so a forgotten ``git add`` shows),
    plus the git metadata pbr reads."""
    for name in (_git_files("--cached")
                 + _git_files("--others", "--exclude-standard",
                              "--", "mr_dashboard")):
        source = ROOT / name
        if not (source.exists() or source.is_symlink()):
            continue  # deleted in the working tree, not yet committed
        target = destination / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target, follow_symlinks=False)
    git = ROOT / ".git"
    if git.is_dir():
        shutil.copytree(git, destination / ".git", symlinks=True)
    else:  # a worktree: .git names the real git directory
        shutil.copy2(git, destination / ".git")


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Installed:
    base = tmp_path_factory.mktemp("wheel-install")
    checkout, env_dir, log = base / "checkout", base / "venv", []
    _copy_checkout(checkout)
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = str(env_dir / "bin" / "python")
    _run([python, "-m", "pip", "install", "--disable-pip-version-check",
          "-c", str(ROOT / "constraints" / "dashboard.txt"), *STOCK_HORIZON],
         log)
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("DJANGO_", "PYTHON", "MRD_"))}
    env.update(PATH=f"{env_dir / 'bin'}{os.pathsep}{env['PATH']}",
               VIRTUAL_ENV=str(env_dir))
    _run(["bash", "-euo", "pipefail", "-c", readme_install_lines()], log,
         cwd=checkout, env=env)
    facts = subprocess.run(
        [python, "-c", FACTS], cwd=base, check=True, text=True,
        stdout=subprocess.PIPE, timeout=TIMEOUT,
        env=dict(env, DJANGO_SETTINGS_MODULE="openstack_dashboard.settings"))
    return Installed(checkout, env_dir, "\n".join(log),
                     json.loads(facts.stdout.splitlines()[-1]))


def test_the_wheel_ships_every_file_of_the_package(installed):
    # pbr ships the modules it finds and the data files git tracks: a new
    # template, script or catalog must be committed to be shipped.
    with zipfile.ZipFile(installed.wheel) as wheel:
        names = set(wheel.namelist())
    package = installed.checkout / "mr_dashboard"
    files = {str(path.relative_to(installed.checkout))
             for path in package.rglob("*")
             if path.is_file() and "__pycache__" not in path.parts}
    assert files - names == set()
    for name in ("mr_dashboard/enabled/local_settings.d/_6000_mr_dashboard.py",
                 "mr_dashboard/locale/en/LC_MESSAGES/django.mo",
                 "mr_dashboard/locale/en/LC_MESSAGES/djangojs.mo"):
        assert name in names


def test_the_wheel_says_where_it_comes_from(installed):
    with zipfile.ZipFile(installed.wheel) as wheel:
        dist_info = installed.wheel.name.split("-py3")[0] + ".dist-info"
        metadata = wheel.read(f"{dist_info}/METADATA").decode()
        pbr = json.loads(wheel.read(f"{dist_info}/pbr.json"))
        license_text = wheel.read(f"{dist_info}/licenses/LICENSE").decode()
    # The commit the wheel was built from, HEAD then (HEAD or one of its
    # ancestors now, should a commit have come meanwhile).
    built_from = subprocess.run(
        ["git", "merge-base", "--is-ancestor", pbr["git_version"], "HEAD"],
        cwd=ROOT)
    assert built_from.returncode == 0, pbr
    assert "Requires-Python: >=3.11" in metadata
    assert "Requires-Dist: horizon>=27.0.0" in metadata
    assert "Apache License" in license_text and "Version 2.0" in license_text


def test_django_check_finds_no_issue(installed):
    assert "System check identified no issues" in installed.log


def test_collectstatic_collects_the_plugins_static_files(installed):
    static = pathlib.Path(installed.facts["package"]) / "static"
    root = pathlib.Path(installed.facts["static_root"])
    sources = [path for path in static.rglob("*") if path.is_file()]
    assert sources
    for source in sources:
        collected = root / source.relative_to(static)
        assert collected.read_bytes() == source.read_bytes(), collected


def test_compress_holds_the_plugins_scripts_and_styles(installed):
    assert re.search(r"Compressed \d+ block", installed.log)
    output = pathlib.Path(installed.facts["compress_dir"])
    scripts = "".join(p.read_text() for p in output.glob("js/*.js"))
    styles = "".join(p.read_text() for p in output.glob("css/*.css"))
    static = pathlib.Path(installed.facts["package"]) / "static"
    assert installed.facts["js_files"] and installed.facts["scss_files"]
    for name in installed.facts["js_files"]:
        assert rjsmin.jsmin((static / name).read_text()) in scripts, name
    for name in installed.facts["scss_files"]:
        classes = set(re.findall(r"\.(mr-[\w-]+)", (static / name).read_text()))
        assert classes and all(f".{c}" in styles for c in classes), name


def test_horizon_serves_the_plugins_message_catalogs(installed):
    assert "mr_dashboard" in installed.facts["js_catalog"]
    locale = pathlib.Path(installed.facts["package"]) / "locale"
    for domain in ("django", "djangojs"):
        check = subprocess.run(
            [str(installed.venv / "bin" / "python"), "-c",
             "import gettext, sys; gettext.translation(sys.argv[1], "
             "sys.argv[2], ['en']).info()", domain, str(locale)],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        assert check.returncode == 0, check.stdout

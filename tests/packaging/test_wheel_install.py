"""README.md's install, upgrade and uninstall sections, run as written.

For each Horizon in :data:`HORIZONS` (the oldest supported and the demo's):
a copy of this checkout (the files git tracks, the package's new files, and
the git metadata pbr reads), a fresh venv with that stock Horizon (its pins
in constraints/, and pymemcache, the library Horizon's default cache needs),
then in the copy, with that venv first on PATH and bash running the lines
of each README.md section as written:

1. the install section: build the wheel, install it, copy the enabled
   files, Django's check, collectstatic and compress; the plugin's pages
   rendered by Django's test client on Horizon's own settings;
2. a new commit in the copy (an enabled file renamed, a script changed),
   then the upgrade section;
3. the uninstall section.

``pip freeze`` is taken after each step. The tests below look at what the
steps left: the wheel's files, the freezes, the collected and compressed
static files, the message catalogs Horizon serves, the pages.
"""

import json
import os
import pathlib
import re
import shutil
import subprocess
import time
import venv
import zipfile
from dataclasses import dataclass, field

import pytest
import rjsmin

from democloud import install

pytestmark = pytest.mark.packaging

ROOT = pathlib.Path(__file__).resolve().parents[2]
HERE = pathlib.Path(__file__).resolve().parent
#: A stock Horizon: its name in the tests' ids, the pins it is installed with.
HORIZONS = {
    "horizon25": ROOT / "constraints" / "horizon25.txt",
    "horizon27": ROOT / "constraints" / "dashboard.txt",
}
STOCK_HORIZON = ["horizon", "pymemcache"]
INSTALL = "## Installing into an existing Horizon"
UPGRADE = "## Upgrading"
UNINSTALL = "## Uninstalling"
TIMEOUT = 900  # seconds for one pip or Django command, cold cache included
#: What the new commit of the upgrade step changes in the copy.
RENAMED = ("_6040_mr_dashboard_resource_types.py",
           "_6041_mr_dashboard_resource_types.py")
MARK = "mrDashboardUpgradeMark"

# Run by the fresh venv's python after a step: what Horizon's settings say
# of the plugin, installed or not.
FACTS = """
import importlib.util, json, os
import django
django.setup()
from django.conf import settings
from openstack_dashboard.context_processors import get_js_catalog
config = settings.HORIZON_CONFIG
spec = importlib.util.find_spec("mr_dashboard")
print(json.dumps({
    "static_root": settings.STATIC_ROOT,
    "compress_dir": os.path.join(settings.COMPRESS_ROOT,
                                 settings.COMPRESS_OUTPUT_DIR),
    "js_files": [f for f in config["js_files"] if f.startswith("mr_dash")],
    "scss_files": [f for f in config["scss_files"]
                   if f.startswith("mr_dash")],
    "js_catalog": get_js_catalog(settings).split("+"),
    "installed_apps": [a for a in settings.INSTALLED_APPS
                       if a.startswith("mr_dash")],
    "package": spec and os.path.dirname(spec.origin),
}))
"""


@dataclass
class Lifecycle:
    """What the three sections did on one stock Horizon."""
    horizon: str
    checkout: pathlib.Path
    venv: pathlib.Path
    wheels: dict = field(default_factory=dict)  # step: wheel names in dist/
    logs: dict = field(default_factory=dict)  # step: its commands' output
    freezes: dict = field(default_factory=dict)  # step: {name: version}
    facts: dict = field(default_factory=dict)  # step: FACTS's answer
    static: dict = field(default_factory=dict)  # step: a Static
    pages: dict = field(default_factory=dict)  # URL: what pages.py saw
    seconds: dict = field(default_factory=dict)  # step: how long it took

    @property
    def enabled(self) -> pathlib.Path:
        """The local/enabled folder of the venv's Horizon."""
        (folder,) = self.venv.glob(
            "lib/python*/site-packages/openstack_dashboard/local/enabled")
        return folder


@dataclass
class Static:
    """The static files after a step: the installed plugin's, those
    collected in STATIC_ROOT (path: bytes), the compressed output's text."""
    sources: dict
    collected: dict
    scripts: str
    styles: str
    enabled: list

    @classmethod
    def read(cls, facts: dict, enabled: pathlib.Path) -> "Static":
        def files(root: pathlib.Path) -> dict:
            """root's files under mr_dashboard/, by their path in root."""
            return {str(path.relative_to(root)): path.read_bytes()
                    for path in (root / "mr_dashboard").rglob("*")
                    if path.is_file()}
        package = facts["package"]
        output = pathlib.Path(facts["compress_dir"])
        return cls(
            sources=files(pathlib.Path(package) / "static") if package else {},
            collected=files(pathlib.Path(facts["static_root"])),
            scripts="".join(p.read_text() for p in output.glob("js/*.js")),
            styles="".join(p.read_text() for p in output.glob("css/*.css")),
            enabled=sorted(p.name for p in enabled.glob("_6*.py")))


def readme_lines(section: str) -> str:
    """The indented code block of one README.md section."""
    text = (ROOT / "README.md").read_text()
    body = text.split(section + "\n", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"(?:^ {4}\S.*\n)+", body, re.MULTILINE)
    assert block, f"no code block under {section!r} in README.md"
    return "\n".join(line[4:] for line in block.group(0).splitlines())


def _normalized(name: str) -> str:
    """A distribution's name as PEP 503 compares them."""
    return re.sub(r"[-_.]+", "-", name).lower()


def _run(command, log: list, **kwargs) -> str:
    result = subprocess.run(command, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True,
                            timeout=TIMEOUT, **kwargs)
    log.append(f"$ {command}\n{result.stdout}")
    assert result.returncode == 0, "\n".join(log)[-6000:]
    return result.stdout


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


def _new_commit(checkout: pathlib.Path, script: str, env: dict,
                log: list) -> None:
    """What a release may do: an enabled file renamed, a script (one the
    enabled files add to every page) changed."""
    enabled = checkout / "mr_dashboard" / "enabled"
    (enabled / RENAMED[0]).rename(enabled / RENAMED[1])
    script = checkout / "mr_dashboard" / "static" / script
    script.write_text(f'{script.read_text()}\nwindow.{MARK} = "upgraded";\n')
    who = {"GIT_AUTHOR_NAME": "packaging test",
           "GIT_AUTHOR_EMAIL": "packaging-test@localhost"}
    who.update(GIT_COMMITTER_NAME=who["GIT_AUTHOR_NAME"],
               GIT_COMMITTER_EMAIL=who["GIT_AUTHOR_EMAIL"])
    git_env = dict(env, **who)
    _run(["git", "add", "--all", "mr_dashboard"], log, cwd=checkout,
         env=git_env)
    _run(["git", "commit", "--quiet", "--no-verify", "-m", "A new release"],
         log, cwd=checkout, env=git_env)


@pytest.fixture(scope="module", params=sorted(HORIZONS))
def lifecycle(request, tmp_path_factory) -> Lifecycle:
    horizon = request.param
    base = tmp_path_factory.mktemp(f"wheel-{horizon}")
    done = Lifecycle(horizon, base / "checkout", base / "venv")
    _copy_checkout(done.checkout)
    venv.EnvBuilder(with_pip=True).create(done.venv)
    python = str(done.venv / "bin" / "python")
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("DJANGO_", "PYTHON", "MRD_", "GIT_"))}
    env.update(PATH=f"{done.venv / 'bin'}{os.pathsep}{env['PATH']}",
               VIRTUAL_ENV=str(done.venv))
    django_env = dict(env, DJANGO_SETTINGS_MODULE="openstack_dashboard.settings")

    def freeze(step: str) -> None:
        # pip freeze's list, with versions also for what was installed from
        # a file (freeze writes "name @ file://..." for those).
        listed = _run([python, "-m", "pip", "list", "--format=json"], [])
        done.freezes[step] = {_normalized(item["name"]): item["version"]
                              for item in json.loads(listed)}

    def facts(step: str) -> None:
        out = _run([python, "-c", FACTS], [], cwd=base, env=django_env)
        done.facts[step] = json.loads(out.splitlines()[-1])
        done.static[step] = Static.read(done.facts[step], done.enabled)

    def section(step: str, heading: str) -> None:
        log = []
        _run(["bash", "-euo", "pipefail", "-c", readme_lines(heading)], log,
             cwd=done.checkout, env=env)
        done.logs[step] = "\n".join(log)
        done.wheels[step] = sorted(
            p.name for p in (done.checkout / "dist").glob("*"))
        freeze(step)
        facts(step)

    def stock() -> None:
        # The stock Horizon is installed the way democloud fills its venvs
        # (uv, pip if uv fails): how it came is not what is tested, and pip
        # took 50-65 s of a core for it.
        log = base / "stock-install.log"
        install.pip_install(done.venv, ["-c", str(HORIZONS[horizon]), *STOCK_HORIZON], log)
        done.logs["stock"] = log.read_text()
        freeze("stock")

    def pages() -> None:
        out = _run([python, str(HERE / "pages.py")], [], cwd=base,
                   env=django_env)
        done.pages = json.loads(out.splitlines()[-1])

    def upgrade() -> None:
        _new_commit(done.checkout, done.facts["install"]["js_files"][0],
                    env, [])
        section("upgrade", UPGRADE)

    for step, run in (("stock", stock),
                      ("install", lambda: section("install", INSTALL)),
                      ("pages", pages), ("upgrade", upgrade),
                      ("uninstall", lambda: section("uninstall", UNINSTALL))):
        started = time.monotonic()
        run()
        done.seconds[step] = round(time.monotonic() - started, 1)
    print(f"\n{horizon}: seconds per step {done.seconds}")
    return done


def _version(lifecycle: Lifecycle, step: str) -> str:
    return lifecycle.freezes[step]["mr-dashboard"]


def test_the_wheel_ships_every_file_of_the_package(lifecycle):
    # pbr ships the modules it finds and the data files git tracks: a new
    # template, script or catalog must be committed to be shipped.
    (name,) = lifecycle.wheels["upgrade"]
    with zipfile.ZipFile(lifecycle.checkout / "dist" / name) as wheel:
        names = set(wheel.namelist())
    package = lifecycle.checkout / "mr_dashboard"
    files = {str(path.relative_to(lifecycle.checkout))
             for path in package.rglob("*")
             if path.is_file() and "__pycache__" not in path.parts}
    assert files - names == set()
    for name in ("mr_dashboard/enabled/local_settings.d/_6000_mr_dashboard.py",
                 "mr_dashboard/locale/en/LC_MESSAGES/django.mo",
                 "mr_dashboard/locale/en/LC_MESSAGES/djangojs.mo"):
        assert name in names


def test_the_wheel_says_where_it_comes_from(lifecycle):
    (name,) = lifecycle.wheels["upgrade"]
    with zipfile.ZipFile(lifecycle.checkout / "dist" / name) as wheel:
        dist_info = name.split("-py3")[0] + ".dist-info"
        metadata = wheel.read(f"{dist_info}/METADATA").decode()
        pbr = json.loads(wheel.read(f"{dist_info}/pbr.json"))
        license_text = wheel.read(f"{dist_info}/licenses/LICENSE").decode()
    # The copy's new commit, made on the checkout's HEAD then (HEAD or one
    # of its ancestors now, should a commit have come meanwhile).
    parent = subprocess.run(
        ["git", "rev-parse", f"{pbr['git_version']}^"], cwd=lifecycle.checkout,
        check=True, text=True, stdout=subprocess.PIPE).stdout.strip()
    built_from = subprocess.run(
        ["git", "merge-base", "--is-ancestor", parent, "HEAD"], cwd=ROOT)
    assert built_from.returncode == 0, pbr
    assert re.search(r"^Version: 1\.0\.\d", metadata, re.MULTILINE)
    assert "Requires-Python: >=3.11" in metadata
    assert "Requires-Dist: horizon>=25.0.0" in metadata
    assert "Apache License" in license_text and "Version 2.0" in license_text


def test_installing_changes_no_package_of_horizon(lifecycle):
    stock, installed = lifecycle.freezes["stock"], lifecycle.freezes["install"]
    changed = {name: (version, installed.get(name))
               for name, version in stock.items()
               if installed.get(name) != version}
    assert changed == {}
    assert "mr-dashboard" in set(installed) - set(stock)


def test_django_check_finds_no_issue(lifecycle):
    for step in ("install", "upgrade", "uninstall"):
        assert "System check identified no issues" in lifecycle.logs[step]


def test_collectstatic_collects_the_plugins_static_files(lifecycle):
    for step in ("install", "upgrade"):
        static = lifecycle.static[step]
        assert static.sources
        assert {name: static.collected.get(name)
                for name in static.sources} == static.sources, step


def test_compress_holds_the_plugins_scripts_and_styles(lifecycle):
    for step in ("install", "upgrade"):
        facts, static = lifecycle.facts[step], lifecycle.static[step]
        assert re.search(r"Compressed \d+ block", lifecycle.logs[step])
        assert facts["js_files"] and facts["scss_files"]
        for name in facts["js_files"]:
            script = rjsmin.jsmin(static.sources[name].decode())
            assert script in static.scripts, (step, name)
        for name in facts["scss_files"]:
            classes = set(re.findall(r"\.(mr-[\w-]+)",
                                     static.sources[name].decode()))
            assert classes, name
            assert all(f".{c}" in static.styles for c in classes), (step, name)


def test_horizon_serves_the_plugins_message_catalogs(lifecycle):
    # The catalogs the wheel shipped (gone from the venv once uninstalled).
    assert "mr_dashboard" in lifecycle.facts["install"]["js_catalog"]
    for domain in ("django", "djangojs"):
        catalog = lifecycle.checkout / "mr_dashboard" / "locale"
        check = subprocess.run(
            [str(lifecycle.venv / "bin" / "python"), "-c",
             "import gettext, sys; gettext.translation(sys.argv[1], "
             "sys.argv[2], ['en']).info()", domain, str(catalog)],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        assert check.returncode == 0, check.stdout


def test_the_plugins_pages_render(lifecycle):
    assert lifecycle.pages
    for url, page in lifecycle.pages.items():
        assert page["status"] == 200, (url, page)
        assert page["plugin"], (url, page)


def test_upgrading_installs_the_new_build_and_its_enabled_files(lifecycle):
    assert len(lifecycle.wheels["install"]) == 1
    assert len(lifecycle.wheels["upgrade"]) == 1
    assert _version(lifecycle, "upgrade") != _version(lifecycle, "install")
    old, new = RENAMED
    installed, upgraded = (lifecycle.static["install"].enabled,
                           lifecycle.static["upgrade"].enabled)
    assert old in installed and new not in installed
    assert new in upgraded and old not in upgraded
    assert MARK not in lifecycle.static["install"].scripts
    assert MARK in lifecycle.static["upgrade"].scripts


def test_upgrading_changes_no_package_of_horizon(lifecycle):
    stock, upgraded = lifecycle.freezes["stock"], lifecycle.freezes["upgrade"]
    assert {name: upgraded.get(name) for name in stock} == stock


def test_uninstalling_leaves_the_stock_horizon(lifecycle):
    stock = lifecycle.freezes["stock"]
    left = lifecycle.freezes["uninstall"]
    assert "mr-dashboard" not in left
    assert {name: left.get(name) for name in stock} == stock
    facts, static = lifecycle.facts["uninstall"], lifecycle.static["uninstall"]
    assert facts["package"] is None
    assert facts["js_files"] == facts["scss_files"] == []
    assert facts["installed_apps"] == []
    assert "mr_dashboard" not in facts["js_catalog"]
    assert static.enabled == [name for name in static.enabled
                              if "mr_dashboard" not in name]
    assert static.collected == {}
    assert static.scripts and MARK not in static.scripts
    before = lifecycle.static["install"]
    for name in lifecycle.facts["install"]["js_files"]:
        assert rjsmin.jsmin(before.sources[name].decode()) not in static.scripts

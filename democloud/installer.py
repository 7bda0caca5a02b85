"""Which program installs into the venvs: uv (pinned, from PyPI) when it can, else pip.

uv resolves, downloads and installs the pinned constraints in parallel, several
times faster than pip. It lives in a folder of its own beside the venvs it
builds (``<venvs>/uv-<version>``), put there once by the pip of the Python that
runs democloud (``pip install --target``: no venv to make first). pip stays the
fallback, said once on the console: when ``MRD_INSTALLER=pip`` asks for it, when
uv cannot be installed (that Python has no pip, no wheel for this machine, PyPI
out of reach), or once uv has failed an install in this run.
"""
import os
import pathlib
import shutil
import subprocess
import sys
import threading

UV_VERSION = "0.13.8"

_LOCK = threading.Lock()
_UV: dict[pathlib.Path, pathlib.Path | None] = {}  # venvs folder -> uv, or None for pip


def say(msg: str) -> None:
    print(f"[democloud] {msg}", flush=True)


def uv(venvs: pathlib.Path) -> pathlib.Path | None:
    """The pinned uv for venvs under ``venvs``, installed on first use; None: use pip."""
    if os.environ.get("MRD_INSTALLER", "uv") == "pip":
        return None
    with _LOCK:  # the venvs are built side by side: one installs uv, the other waits
        if venvs not in _UV:
            _UV[venvs] = _install_uv(venvs)
        return _UV[venvs]


def uv_failed(venvs: pathlib.Path, what: str, log: pathlib.Path) -> None:
    """uv failed ``what``: say so, and let pip do every later install of this run."""
    with _LOCK:
        if _UV.get(venvs):
            say(f"uv failed {what} (see {log}); pip installs from now on")
        _UV[venvs] = None


def _install_uv(venvs: pathlib.Path) -> pathlib.Path | None:
    home = venvs / f"uv-{UV_VERSION}"
    if (home / ".complete").exists():
        return home / "bin/uv"
    venvs.mkdir(parents=True, exist_ok=True)
    log = venvs / "uv-install.log"
    shutil.rmtree(home, ignore_errors=True)  # what a broken try left
    with open(log, "w") as out:
        rc = subprocess.call([sys.executable, "-m", "pip", "install", "--target", str(home),
                              "--disable-pip-version-check", f"uv=={UV_VERSION}"],
                             stdout=out, stderr=subprocess.STDOUT)
    if rc:
        say(f"uv {UV_VERSION} could not be installed (see {log}); pip installs instead")
        return None
    (home / ".complete").touch()
    return home / "bin/uv"


def install_command(venv: pathlib.Path, tool: pathlib.Path | None) -> list[str]:
    """The command line that installs into ``venv`` (the packages and options follow it).

    uv compiles the bytecode as pip does, so both build the same venv.
    """
    if tool is None:
        return [str(venv / "bin/pip"), "install", "--disable-pip-version-check"]
    return [str(tool), "pip", "install", "--python", str(venv / "bin/python"),
            "--compile-bytecode"]

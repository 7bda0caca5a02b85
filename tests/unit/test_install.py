"""Tests of how democloud builds its venvs (``democloud/install.py``,
``democloud/installer.py``): uv when it can be had, pip when not or when uv
fails, and the Debian packages and both venvs side by side.

Nothing is installed here: ``subprocess.call`` is replaced by a recorder
that answers with the exit codes a test gives it.
"""

import pathlib
import threading

import pytest

from democloud import install, installer


class Commands:
    """Stands in for ``subprocess.call``: records each command, answers its exit code
    (and makes the folder that ``pip install --target`` would)."""

    def __init__(self, fails=(), missing=()):
        self.fails = fails  # a command fails when it contains one of these
        self.missing = missing  # no such program: these raise OSError
        self.run = []

    def __call__(self, command, **kwargs):
        self.run.append([str(word) for word in command])
        if any(word in self.run[-1] for word in self.missing):
            raise FileNotFoundError(2, "No such file or directory", self.run[-1][0])
        if "--target" in self.run[-1]:
            pathlib.Path(self.run[-1][self.run[-1].index("--target") + 1]).mkdir()
        return 1 if any(word in self.run[-1] for word in self.fails) else 0


@pytest.fixture
def venvs(tmp_path, monkeypatch):
    monkeypatch.setattr(install, "VENVS", tmp_path)
    monkeypatch.setattr(installer, "_UV", {})
    monkeypatch.delenv("MRD_INSTALLER", raising=False)
    return tmp_path


def use(monkeypatch, commands):
    monkeypatch.setattr(installer.subprocess, "call", commands)
    return commands


def test_uv_is_installed_once_into_its_own_folder(venvs, monkeypatch):
    commands = use(monkeypatch, Commands())
    home = venvs / f"uv-{installer.UV_VERSION}"
    assert installer.uv(venvs) == home / "bin/uv"
    assert installer.uv(venvs) == home / "bin/uv"
    assert commands.run == [[installer.sys.executable, "-m", "pip", "install", "--target",
                             str(home), "--disable-pip-version-check",
                             f"uv=={installer.UV_VERSION}"]]
    installer._UV.clear()  # a later run finds it installed
    assert installer.uv(venvs) == home / "bin/uv"
    assert len(commands.run) == 1


def test_pip_builds_when_uv_cannot_be_installed_and_says_so_once(venvs, monkeypatch, capsys):
    commands = use(monkeypatch, Commands(fails=(f"uv=={installer.UV_VERSION}",)))
    assert installer.uv(venvs) is None
    assert installer.uv(venvs) is None
    said = capsys.readouterr().out
    assert said.count("could not be installed") == 1
    assert str(venvs / "uv-install.log") in said
    assert len(commands.run) == 1
    install.pip_install(venvs / "v", ["six"], venvs / "v.log")
    assert commands.run[-1] == [str(venvs / "v/bin/pip"), "install",
                                "--disable-pip-version-check", "six"]


def test_mrd_installer_pip_asks_for_pip(venvs, monkeypatch):
    commands = use(monkeypatch, Commands())
    monkeypatch.setenv("MRD_INSTALLER", "pip")
    assert installer.uv(venvs) is None
    assert commands.run == []


def test_uv_installs_with_the_venvs_python_and_compiles_bytecode(venvs, monkeypatch):
    commands = use(monkeypatch, Commands())
    install.pip_install(venvs / "v", ["-c", "pins.txt", "nova"], venvs / "v.log")
    assert commands.run[-1] == [str(venvs / f"uv-{installer.UV_VERSION}/bin/uv"), "pip",
                                "install", "--python", str(venvs / "v/bin/python"),
                                "--compile-bytecode", "-c", "pins.txt", "nova"]


def test_pip_takes_over_when_uv_fails(venvs, monkeypatch, capsys):
    commands = use(monkeypatch, Commands(fails=("--compile-bytecode",)))
    install.pip_install(venvs / "v", ["nova"], venvs / "v.log")
    assert [c[:2] for c in commands.run[-2:]] == [
        [str(venvs / f"uv-{installer.UV_VERSION}/bin/uv"), "pip"],
        [str(venvs / "v/bin/pip"), "install"]]
    install.pip_install(venvs / "w", ["heat"], venvs / "w.log")  # pip from now on
    assert commands.run[-1][0] == str(venvs / "w/bin/pip")
    said = capsys.readouterr().out
    assert said.count("uv failed") == 1
    assert str(venvs / "v.log") in said


def test_pip_takes_over_when_uv_cannot_run(venvs, monkeypatch, capsys):
    commands = use(monkeypatch, Commands(missing=("--compile-bytecode",)))
    installer._UV[venvs] = venvs / "uv"  # installed once, since gone or not for this machine
    install.pip_install(venvs / "v", ["nova"], venvs / "v.log")
    assert commands.run[-1][0] == str(venvs / "v/bin/pip")
    assert "No such file or directory" in (venvs / "v.log").read_text()
    assert "uv failed" in capsys.readouterr().out


def test_a_failed_install_names_its_log(venvs, monkeypatch):
    use(monkeypatch, Commands(fails=("nova",)))
    installer._UV[venvs] = venvs / "uv"  # uv at hand
    with pytest.raises(SystemExit, match="v.log"):
        install.pip_install(venvs / "v", ["nova"], venvs / "v.log")


def test_prepare_runs_apt_and_both_venvs_at_the_same_time(monkeypatch):
    together = threading.Barrier(3, timeout=10)  # broken unless all three wait at once

    def meet(result):
        def meeting():
            together.wait()
            return result
        return meeting

    monkeypatch.setattr(install, "ensure_apt", meet(None))
    monkeypatch.setattr(install, "cloud_venv", meet("cloud"))
    monkeypatch.setattr(install, "dashboard_venv", meet("dashboard"))
    assert install.prepare() == ("cloud", "dashboard")


def test_prepare_without_horizon(monkeypatch):
    monkeypatch.setattr(install, "ensure_apt", lambda: None)
    monkeypatch.setattr(install, "cloud_venv", lambda: "cloud")
    monkeypatch.setattr(install, "dashboard_venv", pytest.fail)
    assert install.prepare(with_horizon=False) == ("cloud", None)

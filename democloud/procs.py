"""Start, stop and watch the demo cloud's processes (pid files, logs, ports)."""
import os
import pathlib
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request

from democloud.layout import HOST, REPO, State

CLOUDSIDE = REPO / "democloud" / "cloudside"


class StartError(RuntimeError):
    """A service did not come up; the message carries the end of its log."""


def log_tail(state: State, name: str, lines: int = 25) -> str:
    f = state.logs / f"{name}.log"
    if not f.exists():
        return "(no log)"
    return "\n".join(f.read_text(errors="replace").splitlines()[-lines:])


def pid_of(state: State, name: str) -> int | None:
    f = state.run / f"{name}.pid"
    if not f.exists():
        return None
    try:
        pid = int(f.read_text())
        os.kill(pid, 0)
    except (ValueError, ProcessLookupError, PermissionError):
        return None
    try:  # a zombie is not running
        if open(f"/proc/{pid}/stat").read().split(")")[1].split()[0] == "Z":
            return None
    except OSError:
        return None
    return pid


def spawn(state: State, name: str, argv: list[str], env: dict | None = None,
          cwd: str | None = None, user: str | None = None) -> int:
    """Start ``argv`` in its own session, output to logs/<name>.log."""
    if pid_of(state, name):
        return pid_of(state, name)
    log = open(state.logs / f"{name}.log", "ab")
    full_env = dict(os.environ)
    full_env.update(env or {})
    proc = subprocess.Popen(argv, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                            env=full_env, cwd=cwd, start_new_session=True, user=user)
    (state.run / f"{name}.pid").write_text(str(proc.pid))
    return proc.pid


def stop(state: State, name: str, sig: int = signal.SIGTERM, timeout: float = 20) -> bool:
    pid = pid_of(state, name)
    if pid is None:
        (state.run / f"{name}.pid").unlink(missing_ok=True)
        return False
    try:
        os.killpg(pid, sig)
    except ProcessLookupError:
        pass
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and pid_of(state, name):
        time.sleep(0.1)
    if pid_of(state, name):
        os.killpg(pid, signal.SIGKILL)
    (state.run / f"{name}.pid").unlink(missing_ok=True)
    return True


def port_open(port: int, host: str = HOST) -> bool:
    with socket.socket() as s:
        s.settimeout(0.5)
        return s.connect_ex((host, port)) == 0


def wait_port(state: State, name: str, port: int, timeout: float = 60) -> None:
    """Wait until ``port`` accepts connections; fail at once if ``name`` died."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if port_open(port):
            return
        if not pid_of(state, name):
            raise StartError(f"{name} exited while starting:\n{log_tail(state, name)}")
        time.sleep(0.2)
    raise StartError(
        f"{name} did not open port {port} in {timeout:.0f}s:\n{log_tail(state, name)}")


def wait_http(state: State, name: str, url: str, timeout: float = 60) -> None:
    """Wait until ``url`` answers with any HTTP status below 500."""
    deadline = time.monotonic() + timeout
    last = ""
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=5).close()
            return
        except urllib.error.HTTPError as exc:
            if exc.code < 500:
                return
            last = f"HTTP {exc.code}"
        except (OSError, urllib.error.URLError) as exc:
            last = str(exc)
        if not pid_of(state, name):
            raise StartError(f"{name} exited while starting:\n{log_tail(state, name)}")
        time.sleep(0.3)
    raise StartError(f"{name} did not answer {url} ({last}):\n{log_tail(state, name)}")


def run(argv: list[str], state: State, name: str, env: dict | None = None,
        user: str | None = None, cwd: str | None = None) -> None:
    """Run a set-up command to its end, output appended to logs/<name>.log."""
    full_env = dict(os.environ)
    full_env.update(env or {})
    with open(state.logs / f"{name}.log", "ab") as log:
        rc = subprocess.call(argv, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                             env=full_env, user=user, cwd=cwd)
    if rc:
        raise StartError(f"{' '.join(argv[:3])} failed ({rc}):\n{log_tail(state, name)}")


def gunicorn(state: State, venv: pathlib.Path, name: str, port: int, app: str, env: dict,
             workers: int = 2, threads: int = 1, pythonpath: str = str(CLOUDSIDE)) -> None:
    """Serve ``app`` with gunicorn (answers carry ``Connection: close``, see wsgi_app)."""
    spawn(state, name, [
        str(venv / "bin/gunicorn"), "--bind", f"{HOST}:{port}", "--workers", str(workers),
        "--threads", str(threads), "--timeout", "120", "--graceful-timeout", "5",
        "--no-control-socket",
        "--pythonpath", pythonpath, app], env=env)


def cloud_python(venv: pathlib.Path, script: str, *args: str, state: State, name: str) -> None:
    run([str(venv / "bin/python"), str(CLOUDSIDE / script), *args], state, name)

"""A pytest plugin that fails the run if a watched secret shows up where it
must not: in a page, a response, a log line or an error text.

Watched values: the demo user's password, every value a test registers
with :func:`watch` (the secret options of the credentials the tests create)
and every Keystone token this test process obtains (keystoneauth's
``get_access`` is wrapped: the test users' logins, and the tokens of the
other cloud got by a credential check or a stack tree walk).

Searched, while the tests run:

- every response the Django test client receives (functional tests): its
  body and every header, cookies included;
- every page the browser shows (browser tests): the page source after each
  navigation, click and submit, each time a test reads the page source,
  and once more when the test ends;
- every log record this process handles, at any logger (the
  ``mr_dashboard`` and ``keystoneauth`` loggers are set to DEBUG for the
  run), message and traceback;

and at the end of the run every file of the demo cloud's log folder
(``.democloud/logs``: Keystone, Barbican, both clouds' Heat and Horizon
at :8000).

A value found in a response or a page fails the test that got it; one
found in a log fails the run. Reports name the value by its label, never
by itself. Not searched: what the browser exchanges without showing it
(an XHR answer the page does not display), tokens of the Horizon server at
:8000 (its sessions are server-side; its log is searched for the other
values), and other processes' memory.
"""

import logging
import pathlib
import threading
from dataclasses import dataclass

import pytest

from tests.cloud import running_cloud

#: Shorter values would match by chance.
MIN_LENGTH = 8
#: WebDriver commands after which the page is searched.
_PAGE_COMMANDS = {"get", "clickElement", "submitElement", "refresh", "back"}
_DEBUG_LOGGERS = ("mr_dashboard", "keystoneauth")


class SecretLeak(AssertionError):
    """A watched value was found where it must not be."""


@dataclass
class _Watch:
    values: dict[str, str]
    counts: dict[str, int]
    leaks: list[str]
    lock: threading.Lock


_state = _Watch({}, {"responses": 0, "pages": 0, "log records": 0,
                     "log files": 0}, [], threading.Lock())


def watch(value: str, label: str) -> None:
    """Watch ``value`` (named ``label`` in reports) until the run ends."""
    if value and len(value) >= MIN_LENGTH:
        with _state.lock:
            _state.values.setdefault(value, label)


def find(text: str | bytes) -> list[str]:
    """Labels of the watched values in ``text``."""
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    with _state.lock:
        values = dict(_state.values)
    return [label for value, label in values.items() if value in text]


def _count(what: str) -> None:
    with _state.lock:
        _state.counts[what] += 1


def _check(text: str | bytes, where: str, what: str) -> None:
    _count(what)
    found = find(text)
    if found:
        raise SecretLeak(f"secret_watch: {', '.join(found)} in {where}")


def _wrap_client() -> None:
    from django.test import client

    request = client.Client.request

    def watched(self, **kwargs):
        response = request(self, **kwargs)
        where = f"the response to {kwargs.get('REQUEST_METHOD', 'GET')} " \
                f"{kwargs.get('PATH_INFO', '')}"
        headers = "\n".join(f"{k}: {v}" for k, v in response.items())
        headers += "\n" + response.cookies.output()
        body = b"" if response.streaming else response.content
        _check(headers.encode() + b"\n" + body, where, "responses")
        return response

    client.Client.request = watched


def _wrap_webdriver() -> None:
    from selenium.webdriver.remote import webdriver

    execute = webdriver.WebDriver.execute

    def watched(self, driver_command, params=None):
        answer = execute(self, driver_command, params)
        if driver_command == "getPageSource":
            _check(answer.get("value") or "", "the page the browser shows",
                   "pages")
        elif driver_command in _PAGE_COMMANDS:
            source = execute(self, "getPageSource").get("value") or ""
            _check(source, f"the page after {driver_command}", "pages")
        return answer

    webdriver.WebDriver.execute = watched


def _wrap_logging() -> None:
    handle = logging.Logger.handle
    formatter = logging.Formatter()

    def watched(self, record):
        text = record.getMessage()
        if record.exc_info:
            text += formatter.formatException(record.exc_info)
        if record.stack_info:
            text += record.stack_info
        _count("log records")
        found = find(text)
        if found:
            _state.leaks.append(f"secret_watch: {', '.join(found)} in a log "
                                f"record of {record.name} ({record.pathname}:"
                                f"{record.lineno})")
        return handle(self, record)

    logging.Logger.handle = watched
    for name in _DEBUG_LOGGERS:
        logging.getLogger(name).setLevel(logging.DEBUG)


def _wrap_keystoneauth() -> None:
    from keystoneauth1.identity import base

    get_access = base.BaseIdentityPlugin.get_access

    def watched(self, session, **kwargs):
        access = get_access(self, session, **kwargs)
        watch(access.auth_token, "a Keystone token")
        return access

    base.BaseIdentityPlugin.get_access = watched


def _log_folder() -> pathlib.Path | None:
    try:
        cloud = running_cloud()
    except RuntimeError:
        return None
    watch(cloud.demo_password, "the demo password")
    watch(cloud.tight_password, "the tight password")
    return cloud.logs()


def pytest_configure(config) -> None:
    config._secret_watch_logs = _log_folder()
    _wrap_client()
    _wrap_webdriver()
    _wrap_logging()
    _wrap_keystoneauth()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_call(item):
    outcome = yield
    driver = item.funcargs.get("driver")
    if driver is not None and outcome.excinfo is None:
        driver.execute("getPageSource")  # searched by the wrapper above


def _search_logs(folder: pathlib.Path) -> None:
    for path in sorted(folder.glob("*")):
        if path.is_file():
            _count("log files")
            found = find(path.read_bytes())
            if found:
                _state.leaks.append(f"secret_watch: {', '.join(found)} in "
                                    f"{path}")


@pytest.hookimpl(tryfirst=True)
def pytest_sessionfinish(session, exitstatus) -> None:
    folder = session.config._secret_watch_logs
    if folder is not None and folder.is_dir():
        _search_logs(folder)
    if _state.leaks and session.exitstatus == 0:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter) -> None:
    counts = ", ".join(f"{n} {what}" for what, n in _state.counts.items())
    terminalreporter.write_line(
        f"secret_watch: {len(_state.values)} values watched in {counts}")
    for leak in dict.fromkeys(_state.leaks):
        terminalreporter.write_line(leak, red=True)

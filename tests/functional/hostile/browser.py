"""A browser's side of the demo Horizon, over real HTTP: log in through
the login form, post forms as a browser does (multipart, the CSRF token,
redirects followed to the page holding the message), and read the
messages a page shows."""

import dataclasses
import html
import re

import requests

from tests.cloud import login_over_http


@dataclasses.dataclass
class Answer:
    """Horizon's answer to one request."""

    status: int | None
    text: str = ""
    sent: int = 0
    #: A client-side failure: no answer in time, connection reset.
    failure: str = ""


class Browser:
    """A logged-in session of the demo user, posting as a browser does."""

    def __init__(self, url: str, password: str) -> None:
        self.url, self.http = url, login_over_http(url, password)

    def _csrf(self) -> str:
        return self.http.cookies.get("csrftoken") or ""

    def _send(self, request: requests.Request, timeout: float) -> Answer:
        prepared = self.http.prepare_request(request)
        sent = len(prepared.body or b"")
        try:
            response = self.http.send(prepared, timeout=timeout, allow_redirects=False)
            first = response.status_code
            if response.is_redirect and response.headers.get("Location", "").startswith("/"):
                # A browser follows to the page holding the message.
                response = self.http.get(self.url + response.headers["Location"],
                                         timeout=timeout)
        except requests.Timeout:
            return Answer(None, sent=sent, failure=f"no answer within {timeout:.0f} s")
        except requests.ConnectionError as exc:
            return Answer(None, sent=sent, failure=f"connection lost: {type(exc).__name__}")
        return Answer(first, response.text, sent)

    def post(self, path: str, fields: dict, files=(), timeout: float = 60.0) -> Answer:
        """POSTs ``fields`` (and ``files``: ``(field, (name, bytes))``) as
        the multipart form a browser sends."""
        parts = [(name, (None, str(value))) for name, value in
                 {"csrfmiddlewaretoken": self._csrf(), **fields}.items()]
        return self._send(requests.Request(
            "POST", self.url + path, files=parts + list(files),
            headers={"Referer": self.url + path}), timeout)

    def get(self, path: str, timeout: float = 60.0) -> Answer:
        return self._send(requests.Request("GET", self.url + path), timeout)


_TAGS = re.compile(r"<[^>]+>")


def _text(fragment: str) -> str:
    return " ".join(html.unescape(_TAGS.sub(" ", fragment)).split())


def messages(page: str) -> list[str]:
    """The messages a page shows: form errors (field and form-wide),
    Horizon's error and warning messages, the plugin's banner of a region
    or cloud not reached, a credential check's outcome."""
    found = [_text(m) for m in re.findall(
        r'<span class="help-block[^"]*">(.*?)</span>', page, re.S)]
    found += [_text(m) for m in re.findall(
        r'<div[^>]* class="alert alert-(?:danger|warning)(?:(?! javascript-disabled)[^"])*"'
        r'[^>]*>(.*?)</div>', page, re.S)]
    check = re.search(r'data-mr-check-state="(\w+)"', page)
    if check:
        found.append(f"{check.group(1)}: {_text(page)}")
    return [text for text in found if text]

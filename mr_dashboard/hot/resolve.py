"""Build what Heat needs to launch a template: the ``files`` map.

Starting from the root template, every ``get_file``, every resource type
that names a template (provider templates, group members) and every
template an environment's ``resource_registry`` names is found, at any
depth, read from the uploaded folder (or fetched, for URLs) and put into
``files`` under one key per file: its path in the folder, or its URL. The
references are rewritten to those keys, so a template in ``nested/`` that
says ``get_file: script.sh`` gets ``nested/script.sh``, as Heat needs.
Templates pulled in are stored as JSON, like python-heatclient does.

What one launch may pull in is bounded before each read: at most
``TEMPLATE_MAX_FILES`` URLs are fetched, all within one
``TEMPLATE_URL_TIMEOUT`` from the first, and each fetch may read no more
than what ``TEMPLATE_MAX_TOTAL_BYTES`` leaves once the files read so far
are counted (nor more than ``TEMPLATE_MAX_BYTES``: the fetcher's own cap)
and take no longer than the time left.
"""

import copy
import json
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from django.utils.translation import gettext as _

from mr_dashboard import conf
from mr_dashboard.hot import bundle as bundles
from mr_dashboard.hot import parse
from mr_dashboard.hot.parse import TemplateError

#: Fetches a URL's content, at most ``max_bytes`` of it, within
#: ``seconds``: ``fetch(url, max_bytes, seconds) -> bytes``.
Fetcher = Callable[[str, int, float], bytes]


def is_url(value: str) -> bool:
    """True for an absolute http(s) URL."""
    return urlsplit(value).scheme in ("http", "https")


@dataclass
class Launchable:
    """A template with everything it pulls in, ready for Heat."""

    template: dict
    root: str
    files: dict[str, str] = field(default_factory=dict)
    environment_files: list[str] = field(default_factory=list)
    #: Parsed templates by key (the root included), for the checks.
    templates: dict[str, dict] = field(default_factory=dict)
    #: The environments merged, as Heat merges them (later files win).
    environment: dict = field(default_factory=dict)
    #: An environment given inline (an update's current registry).
    inline_environment: dict = field(default_factory=dict)

    def heat_fields(self) -> dict:
        """``template``, ``files`` and the environment, for Heat."""
        fields = {"template": self.template, "files": dict(self.files)}
        if self.environment_files:
            fields["environment_files"] = list(self.environment_files)
        if self.inline_environment:
            fields["environment"] = self.inline_environment
        return fields


class Resolver:
    """Reads files for one launch and rewrites references to their keys."""

    def __init__(self, folder: bundles.Bundle,
                 fetch: Fetcher | None = None) -> None:
        self.folder, self.fetch = folder, fetch
        self.files: dict[str, str] = {}
        self.templates: dict[str, dict] = {}
        #: URLs fetched, and bytes of every file read, so far.
        self.fetched = self.read_bytes = 0
        #: When the launch's fetches must be over (``time.monotonic()``),
        #: from the first.
        self.fetches_end: float | None = None

    def key(self, ref: str, base: str) -> str:
        """The key of ``ref``, written in the file ``base``."""
        if is_url(ref):
            return ref
        if is_url(base):
            return urljoin(base, ref)
        if urlsplit(ref).scheme:
            raise TemplateError(_("%(ref)s: only http and https URLs can be "
                                  "fetched.") % {"ref": ref}, base)
        return bundles.safe_path(ref, base)

    def read(self, key: str, referrer: str) -> bytes:
        if key in self.folder:
            data = self.folder[key]
        elif is_url(key) and self.fetch:
            data = self.fetch(key, *self._fetch_allowance(referrer))
            self.fetched += 1
        else:
            raise TemplateError(_("It refers to %(key)s, which is not among "
                                  "the uploaded files.") % {"key": key},
                                referrer)
        self.read_bytes += len(data)
        return data

    def _fetch_allowance(self, referrer: str) -> tuple[int, float]:
        """The bytes the next fetch may read and the seconds it may take;
        :class:`TemplateError` when the launch may fetch no more."""
        if self.fetches_end is None:
            self.fetches_end = time.monotonic() + conf.template_url_timeout()
        seconds = self.fetches_end - time.monotonic()
        if seconds <= 0:
            raise TemplateError(_("The template's URLs could not all be "
                                  "fetched within %(seconds).1f seconds.")
                                % {"seconds": conf.template_url_timeout()},
                                referrer)
        if self.fetched >= conf.template_max_files():
            raise TemplateError(_("The template fetches more than %(count)d "
                                  "URLs.")
                                % {"count": conf.template_max_files()},
                                referrer)
        left = conf.template_max_total_bytes() - self.read_bytes
        if left <= 0:
            raise TemplateError(_("The template pulls in more than "
                                  "%(limit)d bytes of files.")
                                % {"limit": conf.template_max_total_bytes()},
                                referrer)
        return left, seconds

    def template(self, key: str, data: bytes | str) -> dict:
        """Parse the template ``key``, resolving what it refers to."""
        if key in self.templates:
            return self.templates[key]
        template = parse.parse_template(data, key)
        self.templates[key] = template
        self._walk(template, key)
        return template

    def _pull(self, ref: str, base: str, must_be_template: bool) -> str:
        key = self.key(ref, base)
        if key in self.files:
            return key
        if key in self.templates:
            raise TemplateError(_("It refers back to %(key)s, which refers "
                                  "to it.") % {"key": key}, base)
        data = self.read(key, base)
        if must_be_template or looks_like_template(data):
            template = self.template(key, data)
            self.files[key] = json.dumps(template)
        else:
            self.files[key] = parse.decode(data, key)
        return key

    def _walk(self, node, base: str) -> None:
        if isinstance(node, dict):
            for name, value in node.items():
                if name == "get_file" and isinstance(value, str):
                    node[name] = self._pull(value, base, False)
                elif name == "type" and parse.is_template_name(value):
                    node[name] = self._pull(value, base, True)
                else:
                    self._walk(value, base)
        elif isinstance(node, list):
            for item in node:
                self._walk(item, base)

    def environment(self, key: str, data: bytes | str) -> dict:
        """Parse an environment, resolving the templates it maps."""
        environment = parse.parse_environment(data, key)
        registry = environment.get("resource_registry") or {}
        for scope in [registry] + [value for value in registry.values()
                                   if isinstance(value, dict)]:
            for name, target in scope.items():
                if parse.is_template_name(target):
                    scope[name] = self._pull(target, key, True)
        self.files[key] = json.dumps(environment)
        return environment


def looks_like_template(data: bytes) -> bool:
    try:
        return parse.version_key(parse.load(data, "")) is not None
    except TemplateError:
        return False


def merge_environments(environments: Iterable[dict]) -> dict:
    """Parameters, defaults and registry of ``environments``, merged."""
    merged: dict = {"parameters": {}, "parameter_defaults": {},
                    "resource_registry": {}}
    for environment in environments:
        for section in merged:
            merged[section].update(copy.deepcopy(
                environment.get(section) or {}))
    return merged


def resolve(root: str, data: bytes | str, folder: bundles.Bundle,
            environments: Iterable[tuple[str, bytes | str]] = (),
            fetch: Fetcher | None = None) -> Launchable:
    """Everything Heat needs to launch the template ``root``."""
    resolver = Resolver(folder, fetch)
    template = resolver.template(root, data)
    parsed, names = [], []
    for name, content in environments:
        key = resolver.key(name, "")
        parsed.append(resolver.environment(key, content))
        names.append(key)
    total = sum(len(text.encode()) for text in resolver.files.values())
    if total > conf.template_max_total_bytes():
        raise TemplateError(_("The template pulls in %(size)d bytes of "
                              "files, more than the %(limit)d allowed.")
                            % {"size": total,
                               "limit": conf.template_max_total_bytes()},
                            root)
    return Launchable(template=template, root=root, files=resolver.files,
                      environment_files=names,
                      templates=resolver.templates,
                      environment=merge_environments(parsed))


def from_heat(root: str, template: dict, files: dict[str, str],
              environment_files: Iterable[str] = (),
              environment: dict | None = None) -> Launchable:
    """A launchable from what Heat is (or was) given: the templates among
    ``files`` parsed again, the environments merged."""
    templates = {root: template}
    for key, text in files.items():
        if key in environment_files:
            continue
        try:
            document = parse.load(text, key)
        except TemplateError:
            continue
        if parse.version_key(document):
            templates[key] = document
    environments = [parse.load(files[key], key) or {}
                    for key in environment_files if key in files]
    return Launchable(template=template, root=root, files=dict(files),
                      environment_files=list(environment_files),
                      templates=templates,
                      environment=merge_environments(
                          environments + [environment or {}]),
                      inline_environment=environment or {})

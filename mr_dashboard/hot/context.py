"""Where an ``OS::Heat::Stack`` puts its child: the one reader of a
``context``.

Heat's listings do not tell where the child of an ``OS::Heat::Stack``
lives; its template does, in ``context``: ``region_name``,
``credential_secret_id`` (the child is in another cloud, reached with the
credentials that Barbican secret holds), ``ca_cert`` and ``insecure`` (TLS
towards that cloud). Every reader of the plugin goes through here: the
launch checks and the update warnings (through
:mod:`mr_dashboard.hot.children`), the stack tree and the Stacks page's
relatives (with a stack's parameters from Heat), the credentials' usage
and the launch form's secret pickers.

Values are resolved as Heat would before the stack runs: ``get_param``
(through a path of keys), ``str_replace``, ``list_join`` and ``get_file``
of a file given. A value known only once the stack runs (``get_attr``...)
leaves the region unknown, with the reason; nothing is guessed. As in
Heat's ``OS::Heat::Stack``, a child with a credential runs in the region
of the stack holding it (in the other cloud), whatever ``region_name``
says, and a child without ``region_name`` runs in its parent's region.
"""

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _
from oslo_utils import strutils

from mr_dashboard import conf
from mr_dashboard.hot import parse
from mr_dashboard.hot import walks

REMOTE_STACK = "OS::Heat::Stack"
#: Resource types whose ``parameters`` property feeds a stack of their own.
STACK_TYPES = (REMOTE_STACK, "AWS::CloudFormation::Stack")
REGION_KEY = "region_name"
CREDENTIAL_KEY = "credential_secret_id"
TLS_KEYS = ("ca_cert", "insecure")
_CONTEXT_KEYS = frozenset((REGION_KEY, CREDENTIAL_KEY) + TLS_KEYS)
_PARAM_FUNCTIONS = ("get_param", "Ref")
#: Functions whose value Heat knows only once the stack runs.
_RUN_TIME = ("get_", "Fn::", "if", "yaql", "repeat")


class Unresolved(Exception):
    """A value that is not known before the stack runs."""


@dataclass(frozen=True)
class RemoteSpec:
    """Where an OS::Heat::Stack resource puts its child.

    ``region`` is None when it cannot be known before the stack runs;
    ``problem`` then says why. With a ``secret`` the child lives in another
    cloud, reached with the credentials that Barbican secret holds, with
    the TLS options ``ca_cert`` and ``insecure`` of the context.
    """

    resource: str
    region: str | None
    secret: str | None = None
    ca_cert: str | None = None
    insecure: bool = False
    problem: str = field(default="", compare=False)


def _lookup(scope: dict, args: Any) -> Any:
    path = args if isinstance(args, list) else [args]
    if not path or not isinstance(path[0], str) or path[0] not in scope:
        raise Unresolved(_("parameter %(name)s has no value")
                         % {"name": path[0] if path else ""})
    value = scope[path[0]]
    for step in path[1:]:
        try:
            value = value[int(step) if isinstance(value, list) else step]
        except (LookupError, TypeError, ValueError):
            raise Unresolved(_("parameter %(name)s has no %(key)s")
                             % {"name": path[0], "key": step}) from None
    return value


def _within_limit(length: int) -> None:
    """Unresolved when a str_replace or list_join would build a text
    longer than a template may be, or more text than a walk may build in
    all (:func:`~mr_dashboard.hot.walks.built`): a small template can ask
    for a huge one, refused before it is built."""
    limit = conf.template_max_bytes()
    if length > limit:
        raise Unresolved(_("it builds a text of more than %(limit)d "
                           "characters") % {"limit": limit})
    if not walks.built(length):
        raise Unresolved(_("the launch builds more than %(limit)d characters "
                           "of text in all") % {
            "limit": conf.template_max_total_bytes()})


def evaluate(value: Any, scope: dict, files: dict | None = None) -> Any:
    """``value`` with get_param, str_replace, list_join, get_file done.

    Raises :class:`Unresolved` for what is known only at run time.
    """
    if isinstance(value, list):
        return [evaluate(item, scope, files) for item in value]
    if not isinstance(value, dict):
        return value
    if len(value) != 1:
        return {k: evaluate(v, scope, files) for k, v in value.items()}
    (function, args), = value.items()
    if function in _PARAM_FUNCTIONS:
        return _lookup(scope, evaluate(args, scope, files))
    if function == "get_file" and isinstance(args, str) and args in (
            files or {}):
        return files[args]
    if function == "str_replace" and isinstance(args, dict):
        text = str(evaluate(args.get("template", ""), scope, files))
        params = evaluate(args.get("params") or {}, scope, files)
        for old, new in (params if isinstance(params, dict) else {}).items():
            old, new = str(old), str(new)
            if old:
                _within_limit(len(text) + text.count(old)
                              * max(0, len(new) - len(old)))
                text = text.replace(old, new)
        return text
    if function == "list_join" and isinstance(args, list) and args:
        joined = [str(item) for part in evaluate(args[1:], scope, files)
                  for item in (part if isinstance(part, list) else [part])]
        separator = str(args[0])
        _within_limit(sum(map(len, joined))
                      + len(separator) * max(0, len(joined) - 1))
        return separator.join(joined)
    if function.startswith(_RUN_TIME):
        raise Unresolved(_("it uses %(function)s, known only once the "
                           "stack runs") % {"function": function})
    return {function: evaluate(args, scope, files)}


def _written(resource: dict) -> Any:
    properties = resource.get("properties", resource.get("Properties"))
    return properties.get("context") if isinstance(properties,
                                                   dict) else None


def context_of(resource: dict) -> dict:
    """The ``context`` property of a resource as written (not resolved)."""
    found = _written(resource)
    return found if isinstance(found, dict) else {}


def remote_resources(template: dict | None) -> dict[str, dict]:
    """The OS::Heat::Stack resources of ``template``, by name."""
    return {name: body
            for name, body in parse.resources_of(template or {}).items()
            if body.get("type", body.get("Type")) == REMOTE_STACK}


def cloud_contexts(template: dict | None) -> dict[str, dict]:
    """The contexts, as written, of the OS::Heat::Stack resources of
    ``template`` that name a credential secret, by resource name."""
    return {name: context_of(body)
            for name, body in remote_resources(template).items()
            if context_of(body).get(CREDENTIAL_KEY)}


def secret_parameters(template: dict | None) -> set[str]:
    """Parameters a template passes straight to a credential_secret_id."""
    names = set()
    for context in cloud_contexts(template).values():
        value = context[CREDENTIAL_KEY]
        if isinstance(value, dict) and len(value) == 1:
            (function, arg), = value.items()
            if function in _PARAM_FUNCTIONS and isinstance(arg, str):
                names.add(arg)
    return names


def _resolved_context(context: Any, scope: dict, files: dict | None
                      ) -> dict:
    """The context's keys resolved one by one (an unresolved one raises)."""
    if not (isinstance(context, dict) and set(context) <= _CONTEXT_KEYS):
        context = evaluate(context, scope, files)  # a context from a param
        if not isinstance(context, dict):
            raise Unresolved(_("it is not a mapping"))
    return {key: evaluate(value, scope, files)
            for key, value in context.items()}


def child_spec(resource: str, context: Any, scope: dict,
               parent_region: str | None,
               files: dict | None = None) -> RemoteSpec:
    """Where the child of the OS::Heat::Stack ``resource``, whose context
    is ``context`` (as written), lives; ``scope`` holds the parameter
    values ``get_param`` finds."""
    try:
        resolved = _resolved_context(context or {}, scope, files)
    except Unresolved as exc:
        return RemoteSpec(resource, None, problem=_(
            "Its context cannot be resolved: %(why)s.") % {"why": exc})
    secret = resolved.get(CREDENTIAL_KEY) or None
    region = resolved.get(REGION_KEY) or parent_region
    if secret:
        # Heat then ignores region_name: the child runs in the region of
        # its parent's name, in the other cloud.
        region = parent_region
    ca_cert = resolved.get("ca_cert") or None
    if not all(isinstance(value, (str, type(None)))
               for value in (secret, region, ca_cert)):
        return RemoteSpec(resource, None, problem=_(
            "Its context cannot be resolved: %(why)s.")
            % {"why": _("a value is not a string")})
    return RemoteSpec(
        resource, region, secret, ca_cert,
        strutils.bool_from_string(resolved.get("insecure")),
        "" if region else _("The region of the stack holding it is not "
                            "known."))


def remote_specs(template: dict | None, parameters: dict[str, Any],
                 own_region: str) -> dict[str, RemoteSpec]:
    """The OS::Heat::Stack resources of ``template``, by name, resolved
    against ``parameters`` (a stack's, as Heat lists them)."""
    return {name: child_spec(name, _written(body), parameters, own_region)
            for name, body in remote_resources(template).items()}

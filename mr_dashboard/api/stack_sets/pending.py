"""The parts of set operations that did not get done, kept to be retried.

A region down or frozen fails its part of an operation; the step
(:mod:`.steps`) is kept in Django's cache (shared by every Horizon worker,
like :mod:`~mr_dashboard.api.region_state`), per project and set, one per
region: a later operation's step for a region replaces the one kept. What
is sent is kept on the server only, never in a page (a hidden parameter's
value may be in it), and sealed (:func:`mr_dashboard.tokens.seal`:
encrypted and authenticated, for this project and set): whoever can read
the cache (memcached) reads nothing of it, and a changed entry is dropped.
A lost cache loses only the retry: the set page still shows the member
behind, and an update brings it in step.
"""

from django.core.cache import cache

from mr_dashboard import tokens
from mr_dashboard.api.contract import ApiRequest

#: Seconds a failed part stays retriable.
KEEP_SECONDS = 7 * 24 * 3600
PURPOSE = "mr_dashboard.stack_sets.pending"


def _key(request: ApiRequest, name: str) -> str:
    return f"mr_dashboard.stack_sets.pending:{request.user.project_id}:{name}"


def kept(request: ApiRequest, name: str) -> dict[str, dict]:
    """The steps kept for the set ``name``, by region."""
    key = _key(request, name)
    sealed = cache.get(key)
    if not isinstance(sealed, str):
        return {}
    try:
        return tokens.unseal(sealed, PURPOSE, key)
    except tokens.BadToken:
        return {}


def keep(request: ApiRequest, name: str, ran: list[str],
         failed: list[dict]) -> dict[str, dict]:
    """After an operation over the regions ``ran``: forget their kept
    steps, keep the ``failed`` ones; the steps now kept."""
    steps = {region: data for region, data in kept(request, name).items()
             if region not in ran}
    steps.update({data["region"]: data for data in failed})
    if steps:
        key = _key(request, name)
        cache.set(key, tokens.seal(steps, PURPOSE, key), KEEP_SECONDS)
    else:
        cache.delete(_key(request, name))
    return steps

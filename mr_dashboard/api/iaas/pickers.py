"""Values for the parameters a template constrains to existing things.

A parameter with ``custom_constraint: nova.flavor`` (or an image, a
network...) is shown as a choice of what its *target* region offers. All
the pickers of one form are listed at once, in parallel, each through the
service's API module (openstacksdk on the user's session, every page):
:func:`list_choices` gives one :class:`Picked` per (constraint, region),
with the choices, or why there are none; :func:`in_every_region` merges
those of a value that goes to several regions. The listings come within
the page's budget, as the Stacks page's do: a region answering slowly
(late) is not waited for; its pickers are text fields, as a failed
region's are, saying it answers slowly. A late listing runs on: the
form hands the fields it left as text over to its follow-up
(:func:`hand_over`, :mod:`mr_dashboard.api.handover`), which makes their
pickers when the listings come (:func:`collect`), without a reload. Its
answer is also kept in the cache (for the user and project, a minute at
most, taken once): the form's next rendering (the user's reload, the next
step) offers its choices without asking again.

Extension point: a picker is one :class:`Picker` entry in ``PICKERS``.
``barbican.secret`` lists the project's opaque secrets (credentials are
opaque); its value is the secret's reference, which Heat takes wherever it
takes a secret's id.
"""

import hashlib
import threading
from collections.abc import Callable, Iterable
from concurrent import futures
from dataclasses import dataclass
from functools import partial

from django.core.cache import cache
from django.utils.translation import gettext

from mr_dashboard import conf
from mr_dashboard import constants
from mr_dashboard.api import barbican
from mr_dashboard.api import handover
from mr_dashboard.api import region_state
from mr_dashboard.api.iaas import block_storage
from mr_dashboard.api.iaas import compute
from mr_dashboard.api.iaas import image
from mr_dashboard.api.iaas import network
from mr_dashboard.api import parallel
from mr_dashboard.api.iaas import sdk
from mr_dashboard.api.contract import ApiRequest
from mr_dashboard.api.regions import heat_region_names
from mr_dashboard.api.iaas.sdk import Named


@dataclass(frozen=True)
class Picker:
    """Where a constraint's values are listed."""

    service: str  # catalog service type (its aliases count)
    list: Callable[[ApiRequest, str], list[Named]]


def _secret_list(request: ApiRequest, region: str) -> list[Named]:
    secrets = barbican.secrets_list(request, region, secret_type="opaque")
    return [Named(region, barbican.secret_ref(request, region, secret.id),
                  secret.name) for secret in secrets]


PICKERS: dict[str, Picker] = {
    "nova.flavor": Picker(compute.SERVICE_TYPE, compute.flavor_list),
    "nova.keypair": Picker(compute.SERVICE_TYPE, compute.keypair_list),
    "glance.image": Picker(image.SERVICE_TYPE, image.image_list),
    "neutron.network": Picker(network.SERVICE_TYPE, network.network_list),
    "neutron.subnet": Picker(network.SERVICE_TYPE, network.subnet_list),
    "neutron.router": Picker(network.SERVICE_TYPE, network.router_list),
    "neutron.security_group": Picker(network.SERVICE_TYPE,
                                     network.security_group_list),
    "neutron.port": Picker(network.SERVICE_TYPE, network.port_list),
    "cinder.volume": Picker(block_storage.SERVICE_TYPE,
                            block_storage.volume_list),
    "cinder.vtype": Picker(block_storage.SERVICE_TYPE,
                           block_storage.volume_type_list),
    "cinder.snapshot": Picker(block_storage.SERVICE_TYPE,
                              block_storage.snapshot_list),
    "cinder.backup": Picker(block_storage.SERVICE_TYPE,
                            block_storage.backup_list),
    "barbican.secret": Picker(constants.KEY_MANAGER, _secret_list),
}
#: What the listings' answer times are learned as (``region_state.learn``).
PACE = "pickers"
#: Where late listings' answers are kept, and for how long at most.
KEPT = "mr_dashboard:late-picker:"
KEEP_SECONDS = 60


@dataclass(frozen=True)
class Picked:
    """The choices of one constraint in one region (or several: see
    :func:`in_every_region`), or why there are none (then the form keeps a
    text field and shows ``problem``)."""

    constraint: str
    region: str
    choices: tuple[tuple[str, str], ...] | None = None
    problem: str = ""
    #: Of a merged picker: each name and the regions holding it; the
    #: regions merged; the names every one of them holds.
    holders: tuple[tuple[str, tuple[str, ...]], ...] = ()
    regions: tuple[str, ...] = ()
    common: tuple[str, ...] = ()


def as_choices(items: list[Named]) -> tuple[tuple[str, str], ...]:
    """``(id, name)`` pairs sorted by name, a nameless item by its id."""
    pairs = {(item.id, item.name or item.id) for item in items}
    return tuple(sorted(pairs, key=lambda pair: (pair[1].lower(), pair[0])))


def _holders(picked: Picked) -> dict[str, tuple[str, ...]]:
    """Each name of ``picked`` and the regions holding it."""
    if picked.regions:
        return dict(picked.holders)
    return {label: (picked.region,) for _id, label in picked.choices or ()}


def in_every_region(picked: list[Picked | None]) -> Picked | None:
    """One picker for a value that goes to several regions, by name (ids
    differ between regions): first the names every region holds, then
    the others marked with the regions that hold them ("only in
    RegionOne"); the first problem if a region could not list them; None
    without a picker. Merged pickers merge again (a stack set's)."""
    if not picked or None in picked:
        return None
    if len(picked) == 1:
        return picked[0]
    first = picked[0]
    regions = tuple(dict.fromkeys(region for one in picked
                                  for region in one.regions or (one.region,)))
    failed = next((one for one in picked if one.choices is None), None)
    if failed:
        return Picked(first.constraint, ", ".join(regions),
                      problem=failed.problem)
    holders: dict[str, dict[str, None]] = {}
    for one in picked:
        for name, where in _holders(one).items():
            holders.setdefault(name, {}).update(dict.fromkeys(where))
    names = sorted(holders, key=lambda name: (name.lower(), name))
    common = tuple(name for name in names if len(holders[name]) ==
                   len(regions))
    marked = tuple((name, gettext("%(name)s (only in %(regions)s)") % {
        "name": name, "regions": ", ".join(
            region for region in regions if region in holders[name])})
        for name in names if name not in common)
    return Picked(first.constraint, ", ".join(regions), choices=tuple(
        (name, name) for name in common) + marked, holders=tuple(
        (name, tuple(region for region in regions if region in where))
        for name, where in holders.items()), regions=regions,
        common=common)


def _absent(constraint: str, region: str, service: str) -> Picked:
    return Picked(constraint, region, problem=gettext(
        "%(region)s offers no %(service)s service: enter the value.")
        % {"region": region, "service": service})


def list_choices(request: ApiRequest,
                 wanted: Iterable[tuple[str, str]],
                 late: dict[tuple[str, str], futures.Future] | None = None
                 ) -> dict[tuple[str, str], Picked]:
    """The choices of each ``(constraint, region)`` wanted that has a
    picker, all listed in parallel within the page's budget (a late
    region's: a problem saying so) and the plugin's deadline. ``late``,
    when given, receives each late listing's running call."""
    found: dict[tuple[str, str], Picked] = {}
    calls = {}
    known = set(heat_region_names(request))
    for constraint, region in dict.fromkeys(wanted):
        picker = PICKERS.get(constraint)
        if picker is None:
            continue
        if region not in known:  # a template's region, not the catalog's
            found[constraint, region] = Picked(
                constraint, region, problem=gettext(
                    "No region named %(region)s offers Heat in your "
                    "catalog: enter the value.") % {"region": region})
            continue
        if not sdk.region_offers(request, region, picker.service):
            found[constraint, region] = _absent(constraint, region,
                                                picker.service)
            continue
        calls[constraint, region] = parallel.Call(region, picker.list)

    # Kept late answers only where there is a budget: without one, every
    # listing is asked (a kept one may be up to a minute old).
    kept = _take_kept(request, calls) if conf.page_budget_ceiling() else {}
    running: dict[tuple[str, str], futures.Future] = {}
    results = {**kept, **_listed(request, {
        key: call for key, call in calls.items() if key not in kept},
        running)}
    for (constraint, region) in calls:
        found[constraint, region] = _picked(
            constraint, region,
            results.get((constraint, region)) or parallel.slow_result(region))
    if late is not None:
        late.update(running)
    return found


def _picked(constraint: str, region: str,
            result: parallel.RegionResult) -> Picked:
    """The picker of one listing's ``result``."""
    if result.ok:
        return Picked(constraint, region, choices=as_choices(result.value))
    return Picked(constraint, region, problem=gettext(
        "The choices of %(constraint)s could not be listed in "
        "%(region)s (%(error)s): enter the value.") % {
        "constraint": constraint, "region": region,
        "error": result.error.message})


def _listed(request: ApiRequest, calls: dict[tuple[str, str], parallel.Call],
            late: dict[tuple[str, str], futures.Future]
            ) -> dict[tuple[str, str], parallel.RegionResult]:
    """The listings that answered (or failed) within the page's budget:
    once the others have, a region past its allowance
    (:func:`~mr_dashboard.api.region_state.allowances` of :data:`PACE`)
    is late, and its listings are left out (they run on, into ``late``)."""
    if not calls:
        return {}
    regions = list(dict.fromkeys(region for _, region in calls))
    scheduler = parallel.CallScheduler(
        request, min(conf.max_parallel(), len(calls)),
        conf.fan_out_deadline(), queued=True)
    results: dict[tuple[str, str], parallel.RegionResult] = {}
    running = {key: scheduler.call(lambda result, key=key: results.__setitem__(
        key, result), call) for key, call in calls.items()}
    scheduler.run(region_state.allowances(request, regions, PACE))
    for key, future in running.items():
        if key not in results:
            future.add_done_callback(partial(
                _keep, kept_key(parallel.late_owner(request), key)))
            late[key] = future
    # A region's time is its slowest listing's.
    slowest = sorted(results.values(), key=lambda result: result.elapsed)
    region_state.learn(request, {result.region: result
                                 for result in slowest}, PACE)
    return results


def kept_key(owner: tuple[str, str], key: tuple[str, str]) -> str:
    """Where the answer of a late listing ``key`` (constraint, region) is
    kept for ``owner`` (a user and project:
    :func:`~mr_dashboard.api.parallel.late_owner`)."""
    text = "\n".join((*owner, *key))
    return KEPT + hashlib.sha256(text.encode()).hexdigest()[:32]


def _keep(where: str, done: futures.Future) -> None:
    """Keep a late listing's answer (runs in the thread that made it)."""
    if not done.cancelled() and done.result().ok:
        cache.set(where, done.result(), timeout=KEEP_SECONDS)


def _take_kept(request: ApiRequest, calls: Iterable[tuple[str, str]]
               ) -> dict[tuple[str, str], parallel.RegionResult]:
    """The kept answers of late listings among ``calls``, each taken once."""
    owner = parallel.late_owner(request)
    where = {kept_key(owner, key): key for key in calls}
    found = cache.get_many(list(where))
    if found:
        cache.delete_many(list(found))
    return {where[kept]: result for kept, result in found.items()}


@dataclass(frozen=True)
class LateField:
    """A form's field left as text because a listing it needs was late:
    its parameter's constraint, the regions its value lands in, whether
    it takes several values, the label of its blank choice (None: none, a
    value is required), and its label and kind for the form's notes."""

    name: str
    constraint: str
    regions: tuple[str, ...]
    multiple: bool = False
    blank: str | None = None
    label: str = ""
    kind: str = ""


@dataclass(frozen=True)
class _LateForm:
    """What a form's follow-up makes its late pickers of: the fields and
    the listings that answered in time."""

    fields: tuple[LateField, ...]
    picked: dict[tuple[str, str], Picked]


def hand_over(request: ApiRequest, fields: Iterable[LateField],
              picked: dict[tuple[str, str], Picked],
              late: dict[tuple[str, str], futures.Future]) -> str:
    """Hand the ``fields`` of a form whose ``late`` listings run on over
    to its follow-up (:func:`collect`); the key. ``picked``: the form's
    listings (those answered in time are kept with the fields)."""
    fields = tuple(fields)
    needed = {(field.constraint, region) for field in fields
              for region in field.regions}
    base = _LateForm(fields, {key: one for key, one in picked.items()
                              if key in needed and key not in late})
    return handover.hand_over(request, base, _by_region(late),
                              conf.fan_out_deadline())


def _by_region(late: dict[tuple[str, str], futures.Future]
               ) -> dict[str, futures.Future]:
    """One future per late region, done when all its listings are, with
    their results by constraint."""
    grouped: dict[str, dict[str, futures.Future]] = {}
    for (constraint, region), future in late.items():
        grouped.setdefault(region, {})[constraint] = future
    return {region: _all_of(region, calls)
            for region, calls in grouped.items()}


def _all_of(region: str, calls: dict[str, futures.Future]) -> futures.Future:
    whole: futures.Future = futures.Future()
    left, lock = [len(calls)], threading.Lock()

    def one_done(_done: futures.Future) -> None:
        with lock:
            left[0] -= 1
            if left[0]:
                return
        whole.set_result(parallel.RegionResult(region, value={
            constraint: parallel.slow_result(region) if call.cancelled()
            else call.result() for constraint, call in calls.items()}))

    for call in calls.values():
        call.add_done_callback(one_done)
    return whole


@dataclass(frozen=True)
class LatePickers:
    """A form's late fields with their pickers (a merged one's problem
    when a region could not list them), or the regions still out."""

    waiting: tuple[str, ...] = ()
    fields: tuple[tuple[LateField, Picked | None], ...] = ()


def collect(request: ApiRequest, key: str, wait: float
            ) -> LatePickers | None:
    """The late fields of the form ``key`` with their pickers, once every
    late region has answered or been given up (waited for ``wait``
    seconds at most); None when ``key`` is unknown, too old, or another
    user's or project's."""
    found = handover.collect(request, key, wait)
    if found is None or not isinstance(found.kept.base, _LateForm):
        return None  # none, or another page's
    if found.waiting:
        return LatePickers(waiting=found.waiting)
    picked = dict(found.kept.base.picked)
    for region, result in found.results.items():
        # A region given up: every listing it had not answered.
        listings = result.value if result.ok else {
            field.constraint: result for field in found.kept.base.fields
            if (field.constraint, region) not in picked}
        for constraint, one in listings.items():
            picked[constraint, region] = _picked(constraint, region, one)
    return LatePickers(fields=tuple((field, in_every_region([
        picked.get((field.constraint, region)) for region in field.regions]))
        for field in found.kept.base.fields))

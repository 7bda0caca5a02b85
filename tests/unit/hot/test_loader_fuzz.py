"""Fuzz test of mr_dashboard.hot.parse.load: YAML-ish text made of YAML's
and JSON's own tokens, and nested structures sharing parts, dumped to YAML
with anchors and aliases (a key ``<<`` becomes a merge key) and then
sometimes cut or spliced. Each document is read in a forked child with an
address-space and a CPU-time limit (loader_budget.run_untraced).
Whatever the text, the loader returns a document that JSON can write or
refuses it with a TemplateError, within the budget: it never raises
anything else, dies, or runs or grows past its limits.
"""

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.unit.hot.loader_budget import assert_within_budget
from tests.unit.hot.loader_budget import run_untraced

#: Pieces of YAML and JSON syntax, tags and implicitly typed scalars.
TOKENS = [
    "- ", "[", "]", "{", "}", ": ", ":", ", ", ",", "\n", "  ", "    ", "\t",
    "? ", "---\n", "...\n", "#", "'", '"', "\\", "|\n", ">-\n", "&a ", "&b ",
    "*a", "*b", "<<: ", "<<: [*a, *a]", "!!int ", "!!float ", "!!bool ",
    "!!str ", "!!binary ", "!!set ", "!!omap ", "!!null ", "!local ",
    "!!python/object:os.system ", "%YAML 1.1\n", "%TAG ! tag:x,2000:\n",
    "0x1f", "0o17", "0b101", "1:30", "1_000", "1e999", "-.inf", ".nan",
    "2021-04-16", "2001-12-14t21:59:43.10-05:00", "null", "~", "yes", "Off",
    '{"a": ', '"\\u00e9"', '"\\ud800"', "\ufeff", "\x85", "\u2028", "\x00",
    "heat_template_version: 2021-04-16\n", "resources:\n", "a", "b", "1",
]
yamlish = st.lists(st.one_of(st.sampled_from(TOKENS), st.text(max_size=4)),
                   max_size=120).map("".join)

SCALARS = st.one_of(st.none(), st.booleans(), st.integers(),
                    st.floats(allow_nan=False), st.text(max_size=12))
KEYS = st.one_of(st.just("<<"), st.sampled_from(["type", "a", "b"]),
                 st.text(max_size=6))


@st.composite
def shared_structures(draw) -> str:
    """A structure whose containers pick their items among the scalars and
    containers made before them (so parts are shared, often many times, and
    nested), dumped to YAML: each shared part is an anchor and its aliases."""
    pool = draw(st.lists(SCALARS, min_size=1, max_size=5))
    for _ in range(draw(st.integers(1, 30))):
        last = len(pool) - 1  # the latest, often: chains that double
        items = [pool[at] for at in draw(st.lists(st.one_of(
            st.integers(0, last), st.integers(max(0, last - 1), last)),
            max_size=6))]
        if draw(st.booleans()):
            pool.append(items)
        else:
            keys = draw(st.lists(KEYS, min_size=len(items),
                                 max_size=len(items)))
            pool.append(dict(zip(keys, items)))
    text = yaml.dump(pool[-1], Dumper=yaml.SafeDumper,
                     default_flow_style=draw(st.sampled_from(
                         [None, True, False])))
    text = text.replace("'<<'", "<<")  # the dumper quotes it: a merge key
    if draw(st.booleans()):  # cut short, or with a piece of syntax spliced
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.sampled_from(["", *TOKENS])) + text[
            at + draw(st.integers(0, 3)):]
    return text


def _check(text: str) -> None:
    outcome = run_untraced(text)
    assert outcome.kind in ("returned", "refused"), (outcome, text)
    assert_within_budget(outcome)


@settings(max_examples=100, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(yamlish)
def test_any_text_gives_a_document_or_a_refusal(text):
    _check(text)


@settings(max_examples=100, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(shared_structures())
def test_shared_and_merged_structures_give_a_document_or_a_refusal(text):
    _check(text)

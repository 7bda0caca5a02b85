"""The set tags: written within Heat's rules, read back, digests."""
import pytest

from mr_dashboard.api.stack_sets import tags

TEMPLATE = {"heat_template_version": "2021-04-16", "parameters": {
    "cidr": {"type": "string", "default": "10.0.0.0/24"},
    "size": {"type": "number", "default": 1},
    "names": {"type": "comma_delimited_list", "default": "a,b"},
    "psk": {"type": "string", "hidden": True}}}


def test_written_and_read_back():
    written = tags.SetTags("web", "0a1b2c3d4e5f", 3, "t" * 16, "p" * 16,
                           ("RegionOne", "RegionTwo"))
    heat = written.heat_tags(("mine",)).split(",")
    assert heat[0] == "mine" and all(len(tag) <= tags.MAX_TAG for tag in heat)
    assert tags.parse(heat) == written
    assert tags.own_tags(heat + ["mrd-settings"]) == ("mine", "mrd-settings")


def test_tags_without_identity_or_revision_name_no_set():
    assert tags.parse(["mrd-set=web", "mrd-set-rev=1"]) is None
    assert tags.parse(["mrd-set=web", "mrd-set-id=x", "mrd-set-rev=one"]) is None
    assert tags.parse(["other"]) is None


@pytest.mark.parametrize("name", ["<img src=x onerror=alert(1)>", "1web", "a b", ""])
def test_a_set_name_no_set_could_have_names_no_set(name):
    # Anyone can tag a stack; the set's pages reverse URLs with its name
    # (a name outside the pattern was a NoReverseMatch: a 500 of the list).
    assert tags.parse([f"mrd-set={name}", "mrd-set-id=abc", "mrd-set-rev=1"]) is None


@pytest.mark.parametrize("name", ["", "1web", "we,b", "w" * 73])
def test_names_heat_cannot_carry_are_refused(name):
    with pytest.raises(tags.TagError):
        tags.check_name(name)


@pytest.mark.parametrize("region", ["Region,One", "R" * 72, " "])
def test_regions_a_tag_cannot_carry_are_refused(region):
    with pytest.raises(tags.TagError):
        tags.check_region(region)


def test_the_parameters_digest_reads_the_form_and_heat_alike():
    sent = {"cidr": "10.1.0.0/24", "psk": "secret"}
    shown = {"cidr": "10.1.0.0/24", "size": "1", "names": "a,b", "psk": "******"}
    assert tags.parameters_digest(TEMPLATE, sent) == tags.parameters_digest(TEMPLATE, shown)
    assert tags.parameters_digest(TEMPLATE, {**sent, "size": "2"}) \
        != tags.parameters_digest(TEMPLATE, shown)


@pytest.mark.parametrize("kind, one, other", [
    ("comma_delimited_list", ["a", "b"], "a, b"),
    ("json", {"b": 1, "a": 2}, '{"a": 2, "b": 1}'),
    ("boolean", True, "true"),
    ("number", 2, "2.0"),
])
def test_canonical_spellings(kind, one, other):
    assert tags.canonical(kind, one) == tags.canonical(kind, other)


def test_template_digest_covers_the_files():
    assert tags.template_digest(TEMPLATE) != tags.template_digest(TEMPLATE, {"a.yaml": "x"})
    assert len(tags.template_digest(TEMPLATE)) == tags.DIGEST_LENGTH


@pytest.mark.parametrize("broken", [
    ["mrd-set=site", "mrd-set-id=abc", "mrd-set-rev=\u00b2"],  # a digit int() refuses
    ["mrd-set=site", "mrd-set-id=abc", "mrd-set-rev=1" + "0" * 12],
    ["mrd-set=site\n", "mrd-set-id=abc", "mrd-set-rev=1"],
])
def test_a_member_with_broken_tags_names_no_set(broken):
    assert tags.parse(broken) is None

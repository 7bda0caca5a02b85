"""The Stack Sets pages within their budget: with RegionTwo's Heat API
frozen (SIGSTOP) the list and the set's page come within the budget,
saying RegionTwo answers slowly and not calling its member missing; once
it is thawed, each page's follow-up renders its part again with
RegionTwo's member. The update and add-region forms likewise come
without the slow region's member, and their follow-up offers the form
again from its answer; but a set whose only member is in the slow region
waits for it (a form cannot be made without a member)."""
import re
import signal
import threading
from html import unescape

import pytest
from django.urls import reverse

from mr_dashboard import constants
from mr_dashboard.api.stack_sets import operations
from tests.functional import stack_sets_helpers as helpers
from tests.waiting import follow_up_done
from tests.waiting import wait_until

ONE, TWO = "RegionOne", "RegionTwo"
#: Long enough for a late call made at a freeze's start to answer after
#: the thaw: a test freezes RegionTwo across several pages (one waits for
#: RegionThree), seconds on a busy machine; at 5 s the call was given up.
TIMEOUT, MARGIN = 15.0, 0.5


def member_cell(page: str, name: str, region: str) -> str:
    row = re.search(rf'<tr data-mr-set="{name}".*?</tr>', page, re.S).group(0)
    return re.search(rf'data-mr-member-region="{region}".*?</li>', row, re.S).group(0)


def follow_up_of(page: str) -> str:
    return unescape(re.search(r'data-mr-late-section-url="([^"]+)"', page).group(1))


def done(client, url: str) -> dict:
    """The follow-up's answer once done (its region thawed just now)."""
    return follow_up_done(client, url)


@pytest.fixture
def two_members(settings, request_, name) -> str:
    """A set of members in RegionOne and RegionTwo (its name), the pages
    within a budget."""
    operations.create(request_, name, [ONE, TWO], {"template": helpers.light()},
                      {ONE: {"image": "a"}, TWO: {"image": "b"}})
    helpers.settled(request_, name, (ONE, TWO))
    settings.MR_DASHBOARD = {"REGION_TIMEOUT": TIMEOUT, "DEADLINE_MARGIN": MARGIN,
                             "PAGE_BUDGET_CEILING": 1.5}
    return name


@pytest.fixture
def member_in_two(settings, request_, name) -> str:
    """A set whose one member is in RegionTwo (its name), the pages within
    a budget."""
    operations.create(request_, name, [TWO], {"template": helpers.light()},
                      {TWO: {"image": "b"}})
    helpers.settled(request_, name, (TWO,))
    settings.MR_DASHBOARD = {"REGION_TIMEOUT": TIMEOUT, "DEADLINE_MARGIN": MARGIN,
                             "PAGE_BUDGET_CEILING": 1.5}
    return name


def test_a_set_only_in_a_late_region_is_waited_for(cloud, demo_client, member_in_two):
    """The regions that answered hold no member: the forms wait for the
    late one (thawed 3 s after it froze) instead of sending the user away
    ("no region holds a member")."""
    name = member_in_two
    update = reverse(constants.STACK_SET_UPDATE_URL, args=(name,))
    template_step = reverse(constants.STACK_SET_UPDATE_TEMPLATE_URL, args=(name,))
    assert demo_client.get(update).context["form"].regions == [TWO]  # paces learned
    demo_client.get(template_step)
    for url in (update, template_step):
        cloud.signal_heat_api(TWO, signal.SIGSTOP)
        thaw = threading.Timer(3, cloud.signal_heat_api, (TWO, signal.SIGCONT))
        thaw.start()
        try:
            page = demo_client.get(url)
        finally:
            thaw.cancel()
            cloud.signal_heat_api(TWO, signal.SIGCONT)
        assert page.status_code == 200, page.get("Location")
        form = page.context["form"]
        assert (form.regions if url == update else [form.region]) == [TWO]
        assert "data-mr-late-region" not in page.content.decode()


def test_a_frozen_region_s_members_come_after_the_page(cloud, demo_client, two_members):
    name = two_members
    index = reverse(constants.STACK_SETS_INDEX_URL)
    demo_client.get(index)  # each region's usual time learned
    cloud.signal_heat_api(TWO, signal.SIGSTOP)
    try:
        page = demo_client.get(index)
        text = page.content.decode()
        assert f'data-mr-late-region="{TWO}"' in text
        assert "is answering slowly" in text
        assert "data-mr-member-unknown" in member_cell(text, name, TWO)
        assert "CREATE_COMPLETE" in member_cell(text, name, ONE)
        url = follow_up_of(text)
        assert demo_client.get(url).json()["state"] == "waiting"

        detail = demo_client.get(reverse(constants.STACK_SET_DETAIL_URL, args=(name,)))
        text = detail.content.decode()
        assert f'data-mr-late-region="{TWO}"' in text
        assert re.search(rf'<tr data-mr-member-region="{TWO}".*?data-mr-member-unknown',
                         text, re.S)
        detail_url = follow_up_of(text)
    finally:
        cloud.signal_heat_api(TWO, signal.SIGCONT)
    answer = done(demo_client, url)
    assert 'data-mr-member-status="CREATE_COMPLETE"' in member_cell(answer["html"], name, TWO)
    assert "data-mr-late-region" not in answer["html"]
    answer = done(demo_client, detail_url)
    assert f'<tr data-mr-member-region="{TWO}" data-mr-member-status="CREATE_COMPLETE"' in \
        answer["html"]
    assert "data-mr-late-region" not in answer["html"]
    assert demo_client.get(index + "?late=unknown").status_code == 400


def test_a_set_form_comes_without_a_frozen_region_and_again_with_it(
        cloud, demo_client, two_members):
    name = two_members
    update = reverse(constants.STACK_SET_UPDATE_URL, args=(name,))
    # Each region's usual time learned (a busy machine may make a region
    # late at first: the form is asked again until none is).
    shown = wait_until(lambda: demo_client.get(update), 30, 0.5,
                       what="the form with every region in time",
                       done=lambda page: "data-mr-late-section-url" not in page.content.decode())
    assert shown.context["form"].regions == [ONE, TWO]
    cloud.signal_heat_api(TWO, signal.SIGSTOP)
    try:
        page = demo_client.get(update)
        assert page.status_code == 200
        text = page.content.decode()
        assert page.context["form"].regions == [ONE]
        assert f'data-mr-late-region="{TWO}"' in text
        assert not page.context["left_out"]
        url = follow_up_of(text)
        assert demo_client.get(url).json()["state"] == "waiting"
        # Adding RegionThree waits for RegionThree only: RegionTwo is late.
        add = demo_client.get(reverse(constants.STACK_SET_ADD_URL, args=(name, "RegionThree")))
        assert add.status_code == 200 and add.context["form"].regions == ["RegionThree"]
        assert f'data-mr-late-region="{TWO}"' in add.content.decode()
        # The first step of an update with a new template: RegionOne's member.
        step = demo_client.get(reverse(constants.STACK_SET_UPDATE_TEMPLATE_URL, args=(name,)))
        assert step.status_code == 200 and step.context["form"].region == ONE
    finally:
        cloud.signal_heat_api(TWO, signal.SIGCONT)
    answer = done(demo_client, url)
    assert f'data-mr-answered-region="{TWO}"' in answer["html"]
    assert "data-mr-late-region" not in answer["html"]
    again = unescape(re.search(r'href="([^"]+)"[^>]*data-mr-form-again', answer["html"]).group(1))
    assert again.startswith(update + "?with=")
    complete = demo_client.get(again)
    assert complete.context["form"].regions == [ONE, TWO]
    assert complete.context["form"]["param__image__1"].value() == "b"
    assert "data-mr-late-region" not in complete.content.decode()
    # A key the server never gave: the form is asked afresh (a region just
    # thawed on a busy machine may be late again for a page or two).
    wait_until(lambda: demo_client.get(update + "?with=unknown").context["form"].regions,
               20, 0.5, what="the form listed afresh", done=lambda found: found == [ONE, TWO])

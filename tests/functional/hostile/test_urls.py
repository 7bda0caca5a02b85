"""Template URLs on servers of the test (127.0.0.1): dripped headers and
body, an endless and a 2 GiB body, a redirect loop, and a template pulling
50 dripping URLs in. Each must reach the server (the demo allows
loopback) and be cut within the served deadline."""
import pytest

from tests.functional.hostile import cases


@pytest.mark.parametrize("case", cases.URLS, ids=str)
def test_a_hostile_template_url_is_cut_in_bounds(hostile, case):
    cases.assert_answered_in_bounds(case, hostile)

"""Tests of mr_dashboard.csp: the policy on every view of a panel's URLs."""

from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import include, path

from mr_dashboard import csp


def view(request):
    return HttpResponse("ok")


def test_every_view_of_the_patterns_and_their_includes_gets_the_policy():
    patterns = csp.protect([path("a/", view), path("b/", include([path("c/", view)]))])
    request = RequestFactory().get("/")
    answers = [patterns[0].callback(request),
               patterns[1].url_patterns[0].callback(request)]
    assert [answer[csp.HEADER] for answer in answers] == [csp.POLICY] * 2


def test_a_policy_already_set_is_kept():
    def strict(request):
        response = HttpResponse()
        response[csp.HEADER] = "default-src 'none'"
        return response
    answer = csp.with_policy(strict)(RequestFactory().get("/"))
    assert answer[csp.HEADER] == "default-src 'none'"


def test_handler_attributes_and_other_origins_are_refused():
    policy = dict(csp.DIRECTIVES)
    assert policy["script-src-attr"] == "'none'"
    assert policy["object-src"] == "'none'"
    assert all("*" not in sources and "http" not in sources
               for sources in policy.values())

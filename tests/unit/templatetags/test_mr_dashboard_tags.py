"""Tests of the {% mr_region_select %} template tag."""

from django.template import Context
from django.template import Template

from tests.unit import base

TEMPLATE = Template("{% load mr_dashboard_tags %}{% mr_region_select %}")


def render(request) -> str:
    return TEMPLATE.render(Context({"request": request,
                                    "csrf_token": "t0k3n"})).strip()


class RegionSelectTagTests(base.TestCase):

    def test_lists_all_regions_and_every_heat_region(self):
        self.request.path = "/project/mr_regions/"
        html = render(self.request)
        self.assertInHTML(
            '<select name="region" id="mr-region-select" class="form-control">'
            '<option value="" selected>All regions</option>'
            '<option value="RegionOne">RegionOne</option>'
            '<option value="RegionTwo">RegionTwo</option></select>', html)
        self.assertInHTML('<input type="hidden" name="next" '
                          'value="/project/mr_regions/" id="id_next">', html)
        self.assertIn('action="/project/mr_regions/select/"', html)
        self.assertIn('method="post"', html)
        self.assertIn('name="csrfmiddlewaretoken"', html)


class SingleRegionTagTests(base.TestCase):

    heat_regions = ("RegionOne",)

    def test_renders_nothing(self):
        self.assertEqual(render(self.request), "")

    def test_regions_page_has_no_dropdown(self):
        response = self.client.get("/project/mr_regions/")
        self.assertEqual(response.status_code, 200)
        self.assertNotContains(response, "mr-region-select")
        self.assertNotContains(response, "mr-region-form")

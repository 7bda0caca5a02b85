"""Tests of how a stack's remote family shows in the Stacks table."""

from mr_dashboard.api import heat
from mr_dashboard.api.stacks.family import Family, Relative
from mr_dashboard.panels.stacks import marks
from tests.unit import base

PARENT = Relative("RegionOne", "p-1", "cross")
APP = Relative("RegionTwo", "c-2", "cross-app-abcdefghijkl")
ELSEWHERE = Relative(None, "c-3")
CLOUD_CHILD = Relative(None, "c-4", via=("RegionOne", "p-1", "remote"))


class MarksTests(base.TestCase):

    def test_a_child_links_to_its_parent_in_its_region(self):
        html = marks.family_marks(Family(parent=PARENT))
        self.assertEqual(html, '<span class="mr-child-of">Child of <a href='
                               '"/project/mr_stacks/RegionOne/p-1/">cross</a>'
                               ' (RegionOne)</span>')

    def test_a_parent_lists_its_children_even_unplaced_ones(self):
        html = marks.family_marks(Family(parent=PARENT,
                                         children=(APP, ELSEWHERE)))
        self.assertIn("Child of", html)
        self.assertIn('Parent of <a href="/project/mr_stacks/RegionTwo/c-2/">'
                      'cross-app-abcdefghijkl</a> (RegionTwo), c-3 (region '
                      'unknown)', html)
        self.assertIn("<br>", html)

    def test_no_family_no_marks(self):
        self.assertEqual(marks.family_marks(Family()), "")

    def test_names_are_escaped(self):
        odd = Relative("RegionTwo", "c-9", "<b>x</b>")
        self.assertIn("&lt;b&gt;x&lt;/b&gt;",
                      marks.family_marks(Family(children=(odd,))))

    def test_the_delete_warning_names_the_children(self):
        stack = heat.Stack("RegionOne", "p-1", "cross", "CREATE_COMPLETE")
        self.assertEqual(
            marks.delete_warning(stack, Family(children=(APP, ELSEWHERE))),
            "cross (RegionOne), whose child stacks are deleted "
            "with it: cross-app-abcdefghijkl (RegionTwo), c-3 (region unknown)")

    def test_a_child_in_another_cloud_links_through_its_holder(self):
        html = marks.family_marks(Family(children=(CLOUD_CHILD,)))
        self.assertIn('Parent of <a href="/project/mr_stacks/RegionOne/p-1/cloud/remote/'
                      'RegionOne/c-4/">c-4</a> (RegionOne of another cloud)', html)
        stack = heat.Stack("RegionOne", "p-1", "cross", "CREATE_COMPLETE")
        self.assertTrue(marks.delete_warning(stack, Family(children=(CLOUD_CHILD,)))
                        .endswith("c-4 (RegionOne of another cloud)"))

    def test_ids_no_url_can_carry_are_text_not_links(self):
        odd = (Relative("RegionTwo", "c/9", "odd"),
               Relative(None, "c/10", "far", via=("RegionOne", "p-1", "remote")))
        html = marks.family_marks(Family(parent=Relative("Region/One", "p-1", "up"),
                                         children=odd))
        self.assertNotIn("<a ", html)
        self.assertIn("Child of up (Region/One)", html)
        self.assertIn("odd (RegionTwo), far (RegionOne of another cloud)", html)
        self.assertEqual([link.url for mark in marks.marks(Family(children=odd))
                          for link in mark.links], ["", ""])

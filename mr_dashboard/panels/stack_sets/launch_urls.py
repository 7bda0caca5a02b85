"""URLs of a stack set's launch. They keep the Stacks panel's namespace and
prefix (``horizon:project:mr_stacks:launch_set``,
``/project/mr_stacks/launch/set/``), where a set's launch has always been:
the Stacks panel includes this module by name in its own ``urls.py`` (the
one place a panel names another; nothing is imported)."""

from django.urls import re_path

from mr_dashboard.panels.stack_sets import launch_views

urlpatterns = [
    re_path(r"^launch/set/$", launch_views.SetSelectTemplateView.as_view(),
            name="launch_set"),
    re_path(r"^launch/set/stack/$", launch_views.SetLaunchView.as_view(),
            name="launch_set_stack"),
]

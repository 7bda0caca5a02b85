"""URLs of launching and updating stacks, included by the Stacks panel.

Launch lives under ``launch/`` (a stack set's under ``launch/set/``, from
the Stack Sets panel: :mod:`~mr_dashboard.panels.stack_sets.launch_urls`;
the late regions' checks of a launch or an update, ``launch/checks/``, and
its pickers, ``launch/pickers/``);
updating an existing stack under ``update/<region>/<stack_id>/`` (the
panel includes this module at its root, before its own
``<region>/<stack_id>/`` detail URLs).
"""

from django.urls import re_path

from mr_dashboard.panels.stacks.launch import follow_up
from mr_dashboard.panels.stacks.launch import views

STACK = r"(?P<region>[^/]+)/(?P<stack_id>[^/]+)/"

urlpatterns = [
    re_path(r"^launch/$", views.SelectTemplateView.as_view(), name="launch"),
    re_path(r"^launch/stack/$", views.LaunchView.as_view(),
            name="launch_stack"),
    re_path(r"^launch/checks/$", follow_up.PendingChecksView.as_view(),
            name="launch_checks"),
    re_path(r"^launch/pickers/$", follow_up.PendingPickersView.as_view(),
            name="launch_pickers"),
    re_path(rf"^update/{STACK}$", views.UpdateSelectView.as_view(),
            name="update"),
    re_path(rf"^update/{STACK}stack/$", views.UpdateView.as_view(),
            name="update_stack"),
    re_path(rf"^update/{STACK}parameters/$", views.PatchView.as_view(),
            name="patch"),
]

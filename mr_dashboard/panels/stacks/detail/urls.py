"""URLs of one stack's detail, included by the Stacks panel under
<region>/<stack_id>/, so every view gets ``region`` and ``stack_id``.

Every page of a stack has one pattern. A stack of another cloud lives
under the stack of the user's own cloud holding the OS::Heat::Stack
resource that reaches it: the same page, after the optional
``cloud/<resource>/<cloud_region>/<cloud_stack_id>/`` (:data:`IN_CLOUD`;
no secret in the URL), which :func:`~.places.stack_place` turns into the
stack's place. Django reverses either form from the number of arguments.
The actions only another cloud's stack has here (check, delete, update:
the user's own stacks have them on the Stacks page and in Launch) take
that part always.
"""

from django.urls import re_path

from mr_dashboard.panels.stacks.detail import cloud
from mr_dashboard.panels.stacks.detail import cloud_update
from mr_dashboard.panels.stacks.detail import drift
from mr_dashboard.panels.stacks.detail import resource_views
from mr_dashboard.panels.stacks.detail import snapshot_forms
from mr_dashboard.panels.stacks.detail import timeline
from mr_dashboard.panels.stacks.detail import views

#: The part of a URL naming a stack of another cloud.
CLOUD_STACK = (r"cloud/(?P<resource>[^/]+)/(?P<cloud_region>[^/]+)/"
               r"(?P<cloud_stack_id>[^/]+)/")
#: A stack page's URL starts with it: the stack is of another cloud.
IN_CLOUD = rf"^(?:{CLOUD_STACK})?"

urlpatterns = [
    re_path(IN_CLOUD + r"$", views.DetailView.as_view(), name="detail"),
    re_path(IN_CLOUD + r"tree/$", views.TreeView.as_view(), name="tree"),
    re_path(IN_CLOUD + r"lineage/$", views.LineageView.as_view(),
            name="lineage"),
    re_path(IN_CLOUD + r"timeline/$", timeline.TimelineView.as_view(),
            name="timeline"),
    re_path(IN_CLOUD + r"drift/$", drift.DetectView.as_view(), name="drift"),
    re_path(IN_CLOUD + r"drift/repair/$", drift.RepairView.as_view(),
            name="drift_repair"),
    re_path(IN_CLOUD + r"snapshots/take/$",
            snapshot_forms.TakeSnapshotView.as_view(),
            name="snapshot_create"),
    re_path(IN_CLOUD + r"snapshots/(?P<snapshot_id>[^/]+)/restore/$",
            snapshot_forms.RestoreSnapshotView.as_view(),
            name="snapshot_restore"),
    re_path(rf"^{CLOUD_STACK}check/$", cloud.CheckView.as_view(),
            name="cloud_check"),
    re_path(rf"^{CLOUD_STACK}delete/$", cloud.DeleteView.as_view(),
            name="cloud_delete"),
    re_path(rf"^{CLOUD_STACK}update/$",
            cloud_update.CloudUpdateView.as_view(), name="cloud_update"),
    re_path(r"^open/(?P<resource_region>[^/]+)/$",
            resource_views.OpenResourceView.as_view(), name="open_resource"),
    re_path(r"^vpn/(?P<resource_region>[^/]+)/$",
            resource_views.VpnDetailView.as_view(), name="vpn_detail"),
]

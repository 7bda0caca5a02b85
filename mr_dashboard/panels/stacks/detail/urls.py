"""URLs of one stack's detail, included by the Stacks panel under
<region>/<stack_id>/, so every view gets ``region`` and ``stack_id``.

A stack of another cloud lives under the stack of the user's own cloud
holding the OS::Heat::Stack resource that reaches it:
``<region>/<stack_id>/cloud/<resource>/<cloud_region>/<cloud_stack_id>/``
(its page, tree, way up and actions; no secret in the URL)."""

from django.urls import include
from django.urls import re_path

from mr_dashboard.panels.stacks.detail import cloud
from mr_dashboard.panels.stacks.detail import cloud_update
from mr_dashboard.panels.stacks.detail import resources
from mr_dashboard.panels.stacks.detail import snapshot_forms
from mr_dashboard.panels.stacks.detail import timeline
from mr_dashboard.panels.stacks.detail import views

CLOUD_STACK = (r"^cloud/(?P<resource>[^/]+)/(?P<cloud_region>[^/]+)/"
               r"(?P<cloud_stack_id>[^/]+)/")

cloud_patterns = [
    re_path(r"^$", views.DetailView.as_view(), name="cloud_detail"),
    re_path(r"^tree/$", views.TreeView.as_view(), name="cloud_tree"),
    re_path(r"^lineage/$", views.LineageView.as_view(),
            name="cloud_lineage"),
    re_path(r"^timeline/$", timeline.TimelineView.as_view(),
            name="cloud_timeline"),
    re_path(r"^snapshots/take/$", snapshot_forms.TakeSnapshotView.as_view(),
            name="cloud_snapshot_create"),
    re_path(r"^snapshots/(?P<snapshot_id>[^/]+)/restore/$",
            snapshot_forms.RestoreSnapshotView.as_view(),
            name="cloud_snapshot_restore"),
    re_path(r"^check/$", cloud.CheckView.as_view(), name="cloud_check"),
    re_path(r"^delete/$", cloud.DeleteView.as_view(), name="cloud_delete"),
    re_path(r"^update/$", cloud_update.CloudUpdateView.as_view(),
            name="cloud_update"),
]

urlpatterns = [
    re_path(CLOUD_STACK, include(cloud_patterns)),
    re_path(r"^$", views.DetailView.as_view(), name="detail"),
    re_path(r"^tree/$", views.TreeView.as_view(), name="tree"),
    re_path(r"^lineage/$", views.LineageView.as_view(), name="lineage"),
    re_path(r"^open/(?P<resource_region>[^/]+)/$",
            resources.OpenResourceView.as_view(), name="open_resource"),
    re_path(r"^vpn/(?P<resource_region>[^/]+)/$",
            resources.VpnDetailView.as_view(), name="vpn_detail"),
    re_path(r"^timeline/$", timeline.TimelineView.as_view(),
            name="timeline"),
    re_path(r"^snapshots/take/$", snapshot_forms.TakeSnapshotView.as_view(),
            name="snapshot_create"),
    re_path(r"^snapshots/(?P<snapshot_id>[^/]+)/restore/$",
            snapshot_forms.RestoreSnapshotView.as_view(),
            name="snapshot_restore"),
]

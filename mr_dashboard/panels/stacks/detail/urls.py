"""URLs of one stack's detail, included by the Stacks panel under
<region>/<stack_id>/, so every view gets ``region`` and ``stack_id``."""

from django.urls import re_path

from mr_dashboard.panels.stacks.detail import resources
from mr_dashboard.panels.stacks.detail import views

urlpatterns = [
    re_path(r"^$", views.DetailView.as_view(), name="detail"),
    re_path(r"^tree/$", views.TreeView.as_view(), name="tree"),
    re_path(r"^lineage/$", views.LineageView.as_view(), name="lineage"),
    re_path(r"^open/(?P<resource_region>[^/]+)/$",
            resources.OpenResourceView.as_view(), name="open_resource"),
    re_path(r"^vpn/(?P<resource_region>[^/]+)/$",
            resources.VpnDetailView.as_view(), name="vpn_detail"),
]

"""URLs of the Stacks panel; one stack's detail lives under
``<region>/<stack_id>/`` (``detail/urls.py``). A stack set's launch keeps
its URLs here, under ``launch/set/``, though its views are the Stack Sets
panel's (``stack_sets/launch_urls.py``, included by name)."""

from django.urls import include
from django.urls import re_path

from mr_dashboard import csp
from mr_dashboard.panels.stacks import families
from mr_dashboard.panels.stacks import late_rows
from mr_dashboard.panels.stacks import views

urlpatterns = csp.protect([
    re_path(r"^$", views.IndexView.as_view(), name="index"),
    re_path(r"^families/$", families.FamiliesView.as_view(),
            name="families"),
    re_path(r"^late/$", late_rows.LateRowsView.as_view(), name="late"),
    re_path(r"^", include("mr_dashboard.panels.stacks.launch.urls")),
    re_path(r"^", include("mr_dashboard.panels.stack_sets.launch_urls")),
    re_path(r"^(?P<region>[^/]+)/(?P<stack_id>[^/]+)/",
            include("mr_dashboard.panels.stacks.detail.urls")),
])

"""URLs of the Stacks panel; one stack's detail lives under
``<region>/<stack_id>/`` (``detail/urls.py``)."""

from django.urls import include
from django.urls import re_path

from mr_dashboard import csp
from mr_dashboard.panels.stacks import families
from mr_dashboard.panels.stacks import views

urlpatterns = csp.protect([
    re_path(r"^$", views.IndexView.as_view(), name="index"),
    re_path(r"^families/$", families.FamiliesView.as_view(),
            name="families"),
    re_path(r"^", include("mr_dashboard.panels.stacks.launch.urls")),
    re_path(r"^(?P<region>[^/]+)/(?P<stack_id>[^/]+)/",
            include("mr_dashboard.panels.stacks.detail.urls")),
])

"""URLs of the Resource Types panel."""

from django.urls import re_path

from mr_dashboard import csp
from mr_dashboard.panels.resource_types import views

urlpatterns = csp.protect([
    re_path(r"^$", views.IndexView.as_view(), name="index"),
    re_path(r"^(?P<type_name>[^/]+)/$", views.DetailView.as_view(),
            name="detail"),
])

"""URLs of the Regions panel, and of the region dropdown's POST."""

from django.urls import re_path

from mr_dashboard import csp
from mr_dashboard.panels.regions import views
from mr_dashboard.views import RegionSelectView

urlpatterns = csp.protect([
    re_path(r"^$", views.IndexView.as_view(), name="index"),
    re_path(r"^health/$", views.HealthView.as_view(), name="health"),
    re_path(r"^select/$", RegionSelectView.as_view(), name="select"),
])

"""URLs of the Credentials panel."""

from django.urls import re_path

from mr_dashboard import csp
from mr_dashboard.panels.credentials import views

_SECRET = r"(?P<region>[^/]+)/(?P<secret_id>[^/]+)/"

urlpatterns = csp.protect([
    re_path(r"^$", views.IndexView.as_view(), name="index"),
    re_path(r"^create/$", views.CreateView.as_view(), name="create"),
    re_path(r"^check/$", views.CheckView.as_view(), name="check"),
    re_path(rf"^{_SECRET}check/$", views.VerifyView.as_view(),
            name="verify"),
    re_path(rf"^{_SECRET}delete/$", views.DeleteView.as_view(),
            name="delete"),
])

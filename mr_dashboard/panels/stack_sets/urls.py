"""URLs of the Stack Sets panel: a set is named by its name (its
members' stack name); add and remove also name a region."""

from django.urls import re_path

from mr_dashboard import csp
from mr_dashboard.panels.stack_sets import views

SET = r"(?P<name>[a-zA-Z][a-zA-Z0-9_.-]*)/"
REGION = r"(?P<region>[^/]+)/"

urlpatterns = csp.protect([
    re_path(r"^$", views.IndexView.as_view(), name="index"),
    re_path(rf"^{SET}$", views.DetailView.as_view(), name="detail"),
    re_path(rf"^{SET}update/$", views.UpdateView.as_view(), name="update"),
    re_path(rf"^{SET}update/template/$", views.UpdateTemplateView.as_view(),
            name="update_template"),
    re_path(rf"^{SET}add/{REGION}$", views.AddRegionView.as_view(),
            name="add"),
    re_path(rf"^{SET}remove/{REGION}$", views.RemoveView.as_view(),
            name="remove"),
    re_path(rf"^{SET}delete/$", views.DeleteView.as_view(), name="delete"),
    re_path(rf"^{SET}retry/$", views.RetryView.as_view(), name="retry"),
    re_path(rf"^{SET}drift/$", views.DetectDriftView.as_view(),
            name="drift"),
    re_path(rf"^{SET}drift/repair/$", views.RepairDriftView.as_view(),
            name="drift_repair"),
])

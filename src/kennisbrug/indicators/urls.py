"""Pages of the indicators app."""

from django.urls import path, re_path

from . import views

app_name = "indicators"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("region/", views.region, name="region"),
    path("labour-market/", views.labour, name="labour"),
    re_path(r"^(?P<code>RC[OR]\d{2,3})/$", views.indicator_detail, name="detail"),
    re_path(
        r"^(?P<code>RC[OR]\d{2,3})/export\.(?P<fmt>csv|xlsx)$",
        views.indicator_export,
        name="export",
    ),
]

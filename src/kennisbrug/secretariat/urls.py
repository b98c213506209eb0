"""Pages of the secretariat app."""

from django.urls import path

from . import data_quality, views

app_name = "secretariat"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("data-quality/", data_quality.data_quality, name="data_quality"),
    path("data-quality/merge/", data_quality.merge, name="merge"),
]

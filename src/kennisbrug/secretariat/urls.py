"""Pages of the secretariat app."""

from django.urls import path

from . import views

app_name = "secretariat"
urlpatterns = [path("", views.queue, name="queue")]

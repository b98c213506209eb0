"""Pages of the matching app."""

from django.urls import path

from . import views

app_name = "matching"
urlpatterns = [path("search/", views.search, name="search")]

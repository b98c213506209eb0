"""Pages of the facilities app."""

from django.urls import path  # noqa: F401

app_name = "facilities"
urlpatterns: list = []

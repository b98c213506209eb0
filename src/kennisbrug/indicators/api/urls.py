"""API endpoints of the indicators app, mounted under /api/v1/ by kennisbrug.api.urls."""

from django.urls import path  # noqa: F401

urlpatterns: list = []

"""API endpoints of the innovation app, mounted under /api/v1/ by kennisbrug.api.urls."""

from django.urls import path  # noqa: F401

urlpatterns: list = []

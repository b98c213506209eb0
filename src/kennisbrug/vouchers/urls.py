"""Pages of the vouchers app."""

from django.urls import path  # noqa: F401

app_name = "vouchers"
urlpatterns: list = []

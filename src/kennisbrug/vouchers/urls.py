"""Pages of the vouchers app."""

from django.urls import path

from . import views

app_name = "vouchers"
urlpatterns = [
    path("", views.scheme_list, name="scheme_list"),
    path("applications/<int:pk>/", views.application_detail, name="application_detail"),
]

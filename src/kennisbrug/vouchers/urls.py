"""Pages of the vouchers app, under /vouchers/."""

from django.urls import path

from . import views
from .views import reports as views_reports

app_name = "vouchers"
urlpatterns = [
    path("", views.scheme_list, name="scheme_list"),
    path("schemes/new/", views.scheme_form, name="scheme_create"),
    path("schemes/<int:pk>/", views.scheme_detail, name="scheme_detail"),
    path("schemes/<int:pk>/edit/", views.scheme_form, name="scheme_edit"),
    path("schemes/<int:pk>/apply/", views.application_create, name="application_create"),
    path("schemes/<int:pk>/dashboard/", views_reports.scheme_dashboard, name="scheme_dashboard"),
    path(
        "schemes/<int:pk>/export/<str:what>.<str:fmt>",
        views_reports.scheme_export,
        name="scheme_export",
    ),
    path("applications/", views.application_list, name="application_list"),
    path("applications/<int:pk>/", views.application_detail, name="application_detail"),
    path("applications/<int:pk>/edit/", views.application_edit, name="application_edit"),
    path(
        "applications/<int:pk>/actions/<slug:action>/",
        views.application_transition,
        name="application_transition",
    ),
    path("applications/<int:pk>/attachments/", views.attachment_upload, name="attachment_upload"),
    path(
        "applications/<int:pk>/attachments/<int:attachment_pk>/",
        views.attachment_download,
        name="attachment_download",
    ),
    path("aid-register/", views_reports.aid_register, name="aid_register"),
]

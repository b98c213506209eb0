"""Pages of the organisation registry."""

from django.urls import path

from . import views
from .imports import views as imports

app_name = "organisations"
urlpatterns = [
    path("", views.organisation_list, name="list"),
    path("new/", views.organisation_create, name="create"),
    path("import/", imports.import_upload, name="import"),
    path("import/template.<str:file_format>", imports.import_template, name="import_template"),
    path("import/<uuid:pk>/", imports.import_preview, name="import_preview"),
    path("export.<str:file_format>", imports.organisation_export, name="export"),
    path("invitations/<int:pk>/answer/", imports.invitation_answer, name="invitation_answer"),
    path("<slug:slug>/", views.organisation_detail, name="detail"),
    path("<slug:slug>/edit/", views.organisation_edit, name="edit"),
    path("<slug:slug>/join/", views.organisation_join, name="join"),
    path("<slug:slug>/members/", views.organisation_members, name="members"),
]

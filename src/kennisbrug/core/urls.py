"""Pages of the core app."""

from django.urls import path

from . import views
from .imports import views as imports

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("privacy/", views.privacy, name="privacy"),
    path("imports/", imports.import_index, name="imports"),
    path("imports/upload/<uuid:pk>/", imports.import_upload, name="import_upload"),
    path("imports/<slug:kind>/", imports.import_kind, name="import_kind"),
    path(
        "imports/<slug:kind>/template.<str:file_format>",
        imports.import_template,
        name="import_template",
    ),
    path(
        "imports/<slug:kind>/export.<str:file_format>", imports.import_export, name="import_export"
    ),
]

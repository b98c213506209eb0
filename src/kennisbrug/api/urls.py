"""The versioned REST API: every app's endpoints under /api/v1/, plus the schema."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

APPS_WITH_API = [
    "core",
    "accounts",
    "organisations",
    "enterprises",
    "matching",
    "innovation",
    "facilities",
    "vouchers",
    "projects",
    "skills",
    "indicators",
]

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves its start-up script as a file: no inline script (CSP).
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
] + [path("", include(f"kennisbrug.{app}.api.urls")) for app in APPS_WITH_API]

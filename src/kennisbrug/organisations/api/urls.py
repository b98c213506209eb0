"""API endpoints of the organisations app, mounted under /api/v1/ by kennisbrug.api.urls."""

from django.urls import path

from . import imports, views

urlpatterns = [
    path("organisations/", views.OrganisationListApi.as_view(), name="organisation-list"),
    path("organisations/merges/", views.OrganisationMergeApi.as_view(), name="organisation-merges"),
    path(
        "organisations/imports/",
        imports.OrganisationImportApi.as_view(),
        name="organisation-imports",
    ),
    path(
        "organisations/imports/<uuid:pk>/",
        imports.OrganisationImportDetailApi.as_view(),
        name="organisation-import-detail",
    ),
    path(
        "organisations/imports/<uuid:pk>/commit/",
        imports.OrganisationImportCommitApi.as_view(),
        name="organisation-import-commit",
    ),
    path(
        "organisations/<slug:slug>/",
        views.OrganisationDetailApi.as_view(),
        name="organisation-detail",
    ),
    path(
        "organisations/<slug:slug>/membership-requests/",
        views.MembershipRequestApi.as_view(),
        name="organisation-membership-requests",
    ),
]

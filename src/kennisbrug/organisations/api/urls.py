"""API endpoints of the organisations app, mounted under /api/v1/ by kennisbrug.api.urls."""

from django.urls import path

from . import views

urlpatterns = [
    path("organisations/", views.OrganisationListApi.as_view(), name="organisation-list"),
    path("organisations/merges/", views.OrganisationMergeApi.as_view(), name="organisation-merges"),
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

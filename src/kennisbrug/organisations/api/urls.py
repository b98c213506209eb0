"""API endpoints of the organisations app, mounted under /api/v1/ by kennisbrug.api.urls."""

from django.urls import path

from . import research, views

urlpatterns = [
    path("research-groups/", research.ResearchGroupListApi.as_view(), name="research-group-list"),
    path("experts/", research.ExpertListApi.as_view(), name="expert-list"),
    path(
        "organisations/<slug:slug>/research-groups/",
        research.OrganisationResearchGroupsApi.as_view(),
        name="organisation-research-groups",
    ),
    path(
        "organisations/<slug:slug>/research-groups/<int:pk>/",
        research.ResearchGroupDetailApi.as_view(),
        name="organisation-research-group-detail",
    ),
    path(
        "organisations/<slug:slug>/experts/",
        research.OrganisationExpertsApi.as_view(),
        name="organisation-experts",
    ),
    path(
        "organisations/<slug:slug>/experts/<int:pk>/",
        research.ExpertDetailApi.as_view(),
        name="organisation-expert-detail",
    ),
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

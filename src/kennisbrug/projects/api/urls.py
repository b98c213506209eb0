"""API endpoints of the projects app, mounted under /api/v1/ by kennisbrug.api.urls."""

from django.urls import path

from . import views as v
from .views import invitations as iv

urlpatterns = [
    path("projects/fit-check", v.FitCheckApi.as_view(), name="projects-fit-check"),
    path("projects/consortium", v.ConsortiumApi.as_view(), name="projects-consortium"),
    path("projects/ideas", v.IdeaListApi.as_view(), name="projects-ideas"),
    path("projects/ideas/<int:pk>", v.IdeaDetailApi.as_view(), name="projects-idea"),
    path(
        "projects/ideas/<int:pk>/partners",
        v.IdeaPartnerApi.as_view(),
        name="projects-idea-partners",
    ),
    path(
        "projects/ideas/<int:pk>/partners/<int:partner_pk>",
        v.IdeaPartnerDetailApi.as_view(),
        name="projects-idea-partner",
    ),
    path(
        "projects/ideas/<int:pk>/fit-check",
        v.IdeaFitCheckApi.as_view(),
        name="projects-idea-fit-check",
    ),
    path(
        "projects/ideas/<int:pk>/consortium",
        v.IdeaConsortiumApi.as_view(),
        name="projects-idea-consortium",
    ),
    path(
        "projects/ideas/<int:pk>/invitations",
        v.IdeaInvitationApi.as_view(),
        name="projects-idea-invitations",
    ),
    path(
        "projects/invitations/<int:pk>/accept",
        iv.InvitationAcceptApi.as_view(),
        name="projects-invitation-accept",
    ),
    path(
        "projects/invitations/<int:pk>/decline",
        iv.InvitationDeclineApi.as_view(),
        name="projects-invitation-decline",
    ),
    path("projects/networks", v.NetworkListApi.as_view(), name="projects-networks"),
    path("projects/networks/<int:pk>", v.NetworkDetailApi.as_view(), name="projects-network"),
    path(
        "projects/networks/<int:pk>/join", v.NetworkJoinApi.as_view(), name="projects-network-join"
    ),
    path(
        "projects/networks/<int:pk>/memberships/<int:membership_pk>/decision",
        v.NetworkDecisionApi.as_view(),
        name="projects-network-decision",
    ),
    path("projects/challenges", v.ChallengeListApi.as_view(), name="projects-challenges"),
    path("projects/challenges/<int:pk>", v.ChallengeDetailApi.as_view(), name="projects-challenge"),
    path(
        "projects/challenges/<int:pk>/transition",
        v.ChallengeTransitionApi.as_view(),
        name="projects-challenge-transition",
    ),
    path(
        "projects/challenges/<int:pk>/responses",
        v.ChallengeResponseApi.as_view(),
        name="projects-challenge-responses",
    ),
    path(
        "projects/challenge-responses/<int:pk>/transition",
        v.ResponseTransitionApi.as_view(),
        name="projects-response-transition",
    ),
]

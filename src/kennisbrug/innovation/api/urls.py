"""API endpoints of the innovation app, mounted under /api/v1/ by kennisbrug.api.urls."""

from django.urls import path

from . import views

urlpatterns = [
    path("questions/", views.QuestionListApi.as_view(), name="question-list"),
    path("questions/<int:pk>/", views.QuestionDetailApi.as_view(), name="question-detail"),
    path(
        "questions/<int:pk>/matches/",
        views.QuestionMatchesApi.as_view(),
        name="question-matches",
    ),
    path("introductions/", views.IntroductionListApi.as_view(), name="introduction-list"),
    path(
        "introductions/<int:pk>/",
        views.IntroductionDetailApi.as_view(),
        name="introduction-detail",
    ),
    path(
        "introductions/<int:pk>/accept/",
        views.IntroductionAcceptApi.as_view(),
        name="introduction-accept",
    ),
    path(
        "introductions/<int:pk>/decline/",
        views.IntroductionDeclineApi.as_view(),
        name="introduction-decline",
    ),
    path(
        "introductions/<int:pk>/withdraw/",
        views.IntroductionWithdrawApi.as_view(),
        name="introduction-withdraw",
    ),
]

"""Pages of the innovation app."""

from django.urls import path

from . import views

app_name = "innovation"
urlpatterns = [
    path("", views.question_list, name="list"),
    path("new/", views.question_create, name="create"),
    path("for-you/", views.questions_for_you, name="for_you"),
    path("introductions/", views.introduction_list, name="introductions"),
    path("introductions/<int:pk>/", views.introduction_detail, name="introduction"),
    path(
        "introductions/<int:pk>/<slug:action>/",
        views.introduction_transition,
        name="introduction_transition",
    ),
    path("<int:pk>/", views.question_detail, name="detail"),
    path("<int:pk>/edit/", views.question_edit, name="edit"),
    path("<int:pk>/close/", views.question_close, name="close"),
    path("<int:pk>/matches/", views.question_matches, name="matches"),
    path("<int:pk>/introductions/", views.introduction_request, name="request_introduction"),
]

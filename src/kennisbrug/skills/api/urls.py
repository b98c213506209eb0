"""API endpoints of the skills app, mounted under /api/v1/ by kennisbrug.api.urls."""

from django.urls import path

from . import views

urlpatterns = [
    path(
        "skills/occupation-match",
        views.OccupationMatchApi.as_view(),
        name="skills-occupation-match",
    ),
    path("skills/profile", views.ProfileApi.as_view(), name="skills-profile"),
]

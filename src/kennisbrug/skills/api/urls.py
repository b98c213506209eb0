"""API endpoints of the skills app, mounted under /api/v1/ by kennisbrug.api.urls."""

from django.urls import path

from . import views
from .views import market as market_views
from .views import participation as participation_views

urlpatterns = [
    path(
        "skills/occupation-match",
        views.OccupationMatchApi.as_view(),
        name="skills-occupation-match",
    ),
    path("skills/profile", views.ProfileApi.as_view(), name="skills-profile"),
    path("skills/trainings/", market_views.TrainingListApi.as_view(), name="skills-trainings"),
    path(
        "skills/trainings/<int:pk>",
        market_views.TrainingDetailApi.as_view(),
        name="skills-training",
    ),
    path(
        "skills/trainings/<int:pk>/participations/",
        participation_views.TrainingEnrolApi.as_view(),
        name="skills-training-enrol",
    ),
    path(
        "skills/participations/<int:pk>/complete/",
        participation_views.ParticipationCompleteApi.as_view(),
        name="skills-participation-complete",
    ),
    path("skills/vacancies/", market_views.VacancyListApi.as_view(), name="skills-vacancies"),
    path(
        "skills/vacancies/<int:pk>",
        market_views.VacancyDetailApi.as_view(),
        name="skills-vacancy",
    ),
    path(
        "skills/occupations/<path:ref>/learning-path",
        market_views.LearningPathApi.as_view(),
        name="skills-learning-path",
    ),
]

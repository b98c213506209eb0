"""Pages of the skills app."""

from django.urls import path

from . import views
from .views import market as views_market
from .views import participation as views_participation

app_name = "skills"
urlpatterns = [
    path("", views.index, name="index"),
    path("profile/", views.profile_page, name="profile"),
    path("profile/confirm/", views.profile_confirm, name="profile-confirm"),
    path("profile/export/", views.profile_export, name="profile-export"),
    path("profile/delete/", views.profile_delete, name="profile-delete"),
    path("profile/contacts/<int:pk>/", views.contact_answer, name="contact-answer"),
    path("suggest/<str:kind>/", views.suggest, name="suggest"),
    path("matches/", views.matches, name="matches"),
    path("occupations/<int:pk>/", views.occupation_detail, name="occupation"),
    path("occupations/<int:pk>/learning-path/", views.learning_path_page, name="learning-path"),
    path("trainings/", views_market.training_list, name="trainings"),
    path("trainings/new/", views_market.training_edit, name="training-new"),
    path("trainings/<int:pk>/edit/", views_market.training_edit, name="training-edit"),
    path("trainings/<int:pk>/enrol/", views_participation.training_enrol, name="training-enrol"),
    path(
        "trainings/<int:pk>/participants/",
        views_participation.training_participants,
        name="training-participants",
    ),
    path(
        "participations/<int:pk>/complete/",
        views_participation.participation_complete,
        name="participation-complete",
    ),
    path("vacancies/", views_market.vacancy_list, name="vacancies"),
    path("vacancies/new/", views_market.vacancy_edit, name="vacancy-new"),
    path("vacancies/<int:pk>/", views_market.vacancy_detail, name="vacancy"),
    path("vacancies/<int:pk>/edit/", views_market.vacancy_edit, name="vacancy-edit"),
    path("labour-market/", views_market.labour_market, name="labour-market"),
]

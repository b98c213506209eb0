"""API endpoints of the accounts app, mounted under /api/v1/ by kennisbrug.api.urls."""

from django.urls import path

from . import views

urlpatterns = [
    path("tokens/", views.ApiTokenListApi.as_view(), name="accounts-tokens"),
    path("tokens/<int:token_id>/", views.ApiTokenDetailApi.as_view(), name="accounts-token"),
    path("account/my-data/", views.PersonalDataApi.as_view(), name="accounts-personal-data"),
]

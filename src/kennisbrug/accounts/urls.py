"""Pages of the accounts app (allauth serves login, signup and password reset)."""

from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("second-factor/", views.second_factor, name="second_factor"),
    path("tokens/", views.tokens, name="tokens"),
    path("tokens/<int:token_id>/revoke/", views.token_revoke, name="token_revoke"),
    path("my-data/", views.personal_data_download, name="personal_data"),
    path("delete/", views.account_delete, name="delete"),
]

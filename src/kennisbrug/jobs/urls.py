from django.urls import path

from . import views

app_name = "jobs"
urlpatterns = [
    path("failed/", views.failed_list, name="failed"),
    path("failed/<int:pk>/retry/", views.failed_retry, name="failed_retry"),
    path("failed/<int:pk>/discard/", views.failed_discard, name="failed_discard"),
]

from django.urls import path

from . import views

app_name = "jobs"
urlpatterns = [
    path("failed/", views.failed_list, name="failed"),
    path("failed/<int:pk>/retry/", views.failed_retry, name="failed_retry"),
    path("failed/<int:pk>/discard/", views.failed_discard, name="failed_discard"),
    path("exports/", views.export_list, name="export_list"),
    path("exports/<uuid:pk>/", views.export_detail, name="export_detail"),
    path("exports/<uuid:pk>/download/", views.export_download, name="export_download"),
]

"""API endpoints of the enterprise register mirror, mounted under /api/v1/."""

from django.urls import path

from . import views

urlpatterns = [
    path(
        "enterprises/<str:number>/",
        views.EnterpriseDetailApi.as_view(),
        name="enterprise-detail",
    ),
]

"""API endpoints of the matching app, mounted under /api/v1/ by kennisbrug.api.urls."""

from django.urls import path
from drf_spectacular.utils import extend_schema

from .views import MatchApi


@extend_schema(exclude=True)
class MatchNoSlashApi(MatchApi):
    """POST /api/v1/match without the trailing slash (POSTs cannot be redirected)."""


urlpatterns = [
    path("match/", MatchApi.as_view(), name="match"),
    path("match", MatchNoSlashApi.as_view()),
]

"""API endpoints of the indicators app, mounted under /api/v1/ by kennisbrug.api.urls."""

from django.urls import path, re_path

from . import views

urlpatterns = [
    path("indicators/", views.IndicatorListApi.as_view(), name="indicators-list"),
    path(
        "indicators/region-summary/",
        views.RegionSummaryApi.as_view(),
        name="indicators-region-summary",
    ),
    path("indicators/labour-market/", views.LabourMarketApi.as_view(), name="indicators-labour"),
    re_path(
        r"^indicators/(?P<code>RC[OR]\d{2,3})/$",
        views.IndicatorDetailApi.as_view(),
        name="indicators-detail",
    ),
]

"""API endpoints of the core app, mounted under /api/v1/ by kennisbrug.api.urls."""

from django.urls import path

from . import imports, views

urlpatterns = [
    path("imports/", imports.ImportListApi.as_view(), name="imports"),
    path("imports/<uuid:pk>/", imports.ImportDetailApi.as_view(), name="import-detail"),
    path("imports/<uuid:pk>/confirm/", imports.ImportConfirmApi.as_view(), name="import-confirm"),
    path("reference/countries/", views.CountryListApi.as_view(), name="reference-countries"),
    path("reference/provinces/", views.ProvinceListApi.as_view(), name="reference-provinces"),
    path("reference/nuts3-regions/", views.Nuts3ListApi.as_view(), name="reference-nuts3-regions"),
    path("reference/sectors/", views.SectorListApi.as_view(), name="reference-sectors"),
    path(
        "reference/technologies/",
        views.TechnologyListApi.as_view(),
        name="reference-technologies",
    ),
    path("reference/objectives/", views.ObjectiveListApi.as_view(), name="reference-objectives"),
    path(
        "reference/target-groups/",
        views.TargetGroupListApi.as_view(),
        name="reference-target-groups",
    ),
    path(
        "reference/postcodes/resolve/",
        views.PostcodeResolveApi.as_view(),
        name="reference-postcode-resolve",
    ),
]

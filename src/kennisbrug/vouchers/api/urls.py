"""API endpoints of the vouchers app, mounted under /api/v1/ by kennisbrug.api.urls."""

from django.urls import path

from . import views

urlpatterns = [
    path("vouchers/schemes/", views.SchemeListApi.as_view(), name="voucher-schemes"),
    path("vouchers/schemes/<int:pk>/", views.SchemeDetailApi.as_view(), name="voucher-scheme"),
    path(
        "vouchers/schemes/<int:pk>/ledger/",
        views.SchemeLedgerApi.as_view(),
        name="voucher-scheme-ledger",
    ),
    path("vouchers/applications/", views.ApplicationListApi.as_view(), name="voucher-applications"),
    path(
        "vouchers/applications/<int:pk>/",
        views.ApplicationDetailApi.as_view(),
        name="voucher-application",
    ),
    path(
        "vouchers/applications/<int:pk>/transitions/",
        views.ApplicationTransitionApi.as_view(),
        name="voucher-application-transitions",
    ),
    path(
        "vouchers/applications/<int:pk>/eligibility/",
        views.ApplicationEligibilityApi.as_view(),
        name="voucher-application-eligibility",
    ),
    path(
        "vouchers/applications/<int:pk>/history/",
        views.ApplicationHistoryApi.as_view(),
        name="voucher-application-history",
    ),
    path(
        "vouchers/applications/<int:pk>/attachments/",
        views.ApplicationAttachmentApi.as_view(),
        name="voucher-application-attachments",
    ),
    path("vouchers/aid-register/", views.AidRegisterApi.as_view(), name="voucher-aid-register"),
    path(
        "vouchers/provider-suggestions/",
        views.ProviderSuggestionApi.as_view(),
        name="voucher-provider-suggestions",
    ),
]

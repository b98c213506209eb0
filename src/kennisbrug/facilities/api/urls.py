"""API endpoints of the facilities app, mounted under /api/v1/ by kennisbrug.api.urls."""

from django.urls import path

from . import views
from .views import labs as lab_views

urlpatterns = [
    path("facilities/", views.FacilityListApi.as_view(), name="facility-list"),
    path("facilities/<int:pk>/", views.FacilityDetailApi.as_view(), name="facility-detail"),
    path(
        "facilities/<int:pk>/availability/",
        views.AvailabilityApi.as_view(),
        name="facility-availability",
    ),
    path("facilities/<int:pk>/quote/", views.QuoteApi.as_view(), name="facility-quote"),
    path(
        "facilities/<int:pk>/bookings/",
        views.FacilityBookingsApi.as_view(),
        name="facility-bookings",
    ),
    path("facilities/<int:pk>/usage/", views.UsageApi.as_view(), name="facility-usage"),
    path("facilities/bookings/", views.MyBookingsApi.as_view(), name="booking-list"),
    path("facilities/bookings/<int:pk>/", views.BookingDetailApi.as_view(), name="booking-detail"),
    path(
        "facilities/bookings/<int:pk>/transitions/",
        views.BookingTransitionApi.as_view(),
        name="booking-transition",
    ),
    path("living-labs/", lab_views.LivingLabListApi.as_view(), name="living-lab-list"),
    path("living-labs/<int:pk>/", lab_views.LivingLabDetailApi.as_view(), name="living-lab-detail"),
    path(
        "living-labs/<int:pk>/calls/",
        lab_views.PilotCallCreateApi.as_view(),
        name="living-lab-calls",
    ),
    path(
        "living-labs/<int:pk>/pilots/",
        lab_views.PilotProposeApi.as_view(),
        name="living-lab-pilots",
    ),
    path(
        "living-labs/invitations/",
        lab_views.LabInvitationListApi.as_view(),
        name="living-lab-invitation-list",
    ),
    path(
        "living-labs/invitations/<int:pk>/accept/",
        lab_views.LabInvitationAcceptApi.as_view(),
        name="living-lab-invitation-accept",
    ),
    path(
        "living-labs/invitations/<int:pk>/decline/",
        lab_views.LabInvitationDeclineApi.as_view(),
        name="living-lab-invitation-decline",
    ),
    path("living-labs/pilots/", lab_views.PilotListApi.as_view(), name="pilot-list"),
    path("living-labs/pilots/<int:pk>/", lab_views.PilotDetailApi.as_view(), name="pilot-detail"),
    path(
        "living-labs/pilots/<int:pk>/transitions/",
        lab_views.PilotTransitionApi.as_view(),
        name="pilot-transition",
    ),
]

"""Pages of the facilities app: catalogue, bookings, reports, living labs and pilots."""

from django.urls import path

from . import views
from .views import labs as lab_views

app_name = "facilities"
urlpatterns = [
    path("", views.facility_list, name="list"),
    path("new/", views.facility_create, name="create"),
    path("<int:pk>/", views.facility_detail, name="detail"),
    path("<int:pk>/edit/", views.facility_edit, name="edit"),
    path("<int:pk>/managers/", views.facility_managers, name="managers"),
    path("<int:pk>/availability/", views.facility_availability, name="availability"),
    path("<int:pk>/book/", views.booking_create, name="book"),
    path("<int:pk>/calendar.ics", views.facility_ical, name="ical"),
    path("<int:pk>/report/", views.facility_report, name="report"),
    path("bookings/", views.booking_list, name="my_bookings"),
    path("bookings/manage/", views.booking_inbox, name="inbox"),
    path("bookings/<int:pk>/", views.booking_detail, name="booking_detail"),
    path("bookings/<int:pk>/<slug:action>/", views.booking_action, name="booking_action"),
    path(
        "reports/organisation/<int:org_pk>/",
        views.organisation_report,
        name="organisation_report",
    ),
    path("living-labs/", lab_views.living_lab_list, name="lab_list"),
    path("living-labs/new/", lab_views.living_lab_create, name="lab_create"),
    path("living-labs/<int:pk>/", lab_views.living_lab_detail, name="lab_detail"),
    path("living-labs/<int:pk>/edit/", lab_views.living_lab_edit, name="lab_edit"),
    path("living-labs/<int:pk>/calls/new/", lab_views.pilot_call_create, name="call_create"),
    path("living-labs/<int:pk>/propose/", lab_views.pilot_propose, name="pilot_propose"),
    path("living-labs/invitations/", lab_views.lab_invitation_list, name="lab_invitations"),
    path(
        "living-labs/invitations/<int:pk>/<slug:answer>/",
        lab_views.lab_invitation_answer,
        name="lab_invitation_answer",
    ),
    path("living-labs/pilots/", lab_views.pilot_list, name="pilot_list"),
    path("living-labs/pilots/<int:pk>/", lab_views.pilot_detail, name="pilot_detail"),
    path(
        "living-labs/pilots/<int:pk>/<slug:action>/",
        lab_views.pilot_action,
        name="pilot_action",
    ),
]

"""Pages of the projects app, mounted at /projects/."""

from django.urls import path

from . import views as v
from .views import invitations as i
from .views import networks as n
from .views import partners as vp

app_name = "projects"
urlpatterns = [
    path("", v.index, name="index"),
    path("fit-check/", v.fit_check, name="fit_check"),
    path("ideas/", v.idea_list_view, name="ideas"),
    path("ideas/new/", v.idea_create, name="idea_create"),
    path("ideas/<int:pk>/", v.idea_detail, name="idea"),
    path("ideas/<int:pk>/edit/", v.idea_edit, name="idea_edit"),
    path("ideas/<int:pk>/fit-check/", v.idea_fit_check, name="idea_fit_check"),
    path("ideas/<int:pk>/partners/", v.idea_partner_add, name="idea_partner_add"),
    path(
        "ideas/<int:pk>/partners/<int:partner_pk>/remove/",
        v.idea_partner_remove,
        name="idea_partner_remove",
    ),
    path(
        "ideas/<int:pk>/partners/<int:partner_pk>/edit/",
        vp.idea_partner_edit,
        name="idea_partner_edit",
    ),
    path("ideas/<int:pk>/consortium/", v.idea_consortium, name="idea_consortium"),
    path("ideas/<int:pk>/invite/", v.idea_invite, name="idea_invite"),
    path("ideas/<int:pk>/export.<str:fmt>", v.idea_export, name="idea_export"),
    path("invitations/", i.invitation_list, name="invitations"),
    path("invitations/<int:pk>/<slug:action>/", i.invitation_answer, name="invitation_answer"),
    path("networks/", n.network_list_view, name="networks"),
    path("networks/new/", n.network_create, name="network_create"),
    path("networks/<int:pk>/", n.network_detail, name="network"),
    path("networks/<int:pk>/join/", n.network_join, name="network_join"),
    path(
        "networks/<int:pk>/requests/<int:membership_pk>/", n.network_decide, name="network_decide"
    ),
    path("challenges/", n.challenge_list_view, name="challenges"),
    path("challenges/new/", n.challenge_create, name="challenge_create"),
    path("challenges/<int:pk>/", n.challenge_detail, name="challenge"),
    path("challenges/<int:pk>/transition/", n.challenge_transition, name="challenge_transition"),
    path("challenges/<int:pk>/respond/", n.challenge_respond, name="challenge_respond"),
    path("responses/<int:pk>/transition/", n.response_transition, name="response_transition"),
]

"""Pages of the organisation registry."""

from django.urls import path
from django.views.generic import RedirectView

from . import views
from .imports import views as imports
from .research import views as research

app_name = "organisations"
urlpatterns = [
    path("", views.organisation_list, name="list"),
    path("new/", views.organisation_create, name="create"),
    # The organisation import is one kind of the generic import (core.imports); links
    # and bookmarks to its former own pages land on the generic ones.
    path(
        "import/", RedirectView.as_view(pattern_name="core:import_kind"), {"kind": "organisations"}
    ),
    path(
        "import/template.<str:file_format>",
        RedirectView.as_view(pattern_name="core:import_template"),
        {"kind": "organisations"},
    ),
    path("export.<str:file_format>", imports.organisation_export, name="export"),
    path("invitations/<int:pk>/answer/", imports.invitation_answer, name="invitation_answer"),
    path("research-groups/", research.research_group_list, name="research_groups"),
    path("experts/", research.expert_list, name="experts"),
    path("<slug:slug>/", views.organisation_detail, name="detail"),
    path("<slug:slug>/edit/", views.organisation_edit, name="edit"),
    path("<slug:slug>/join/", views.organisation_join, name="join"),
    path("<slug:slug>/members/", views.organisation_members, name="members"),
    path("<slug:slug>/research/", research.research_manage, name="research_manage"),
    path(
        "<slug:slug>/research-groups/new/",
        research.research_group_create,
        name="research_group_create",
    ),
    path(
        "<slug:slug>/research-groups/<int:pk>/",
        research.research_group_detail,
        name="research_group",
    ),
    path(
        "<slug:slug>/research-groups/<int:pk>/edit/",
        research.research_group_edit,
        name="research_group_edit",
    ),
    path(
        "<slug:slug>/research-groups/<int:pk>/delete/",
        research.research_group_delete,
        name="research_group_delete",
    ),
    path("<slug:slug>/experts/new/", research.expert_create, name="expert_create"),
    path("<slug:slug>/experts/<int:pk>/edit/", research.expert_edit, name="expert_edit"),
    path("<slug:slug>/experts/<int:pk>/delete/", research.expert_delete, name="expert_delete"),
]

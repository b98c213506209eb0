"""Reads of research groups and experts for pages and API.

Experts who are not `listed` (no consent recorded) are shown only to the people who
manage the organisation's entries (its admins and the secretariat).
"""

from __future__ import annotations

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from ..models import Expert, Organisation, ResearchGroup
from ..permissions import can_edit_organisation

COUNTRIES = {"BE", "NL"}


def _text_filter(q: str, fields: list[str]) -> Q:
    found = Q()
    for word in q.split()[:10]:
        word_q = Q()
        for name in fields:
            word_q |= Q(**{f"{name}__icontains": word})
        found &= word_q
    return found


def research_group_list(
    *, filters: dict | None = None, expert_counts: bool = True
) -> QuerySet[ResearchGroup]:
    """Anyone: research groups, by words (in name, expertise, description, organisation)
    and the organisation's country. `expert_counts`: annotate `listed_experts` (the page
    shows it; the API does not)."""
    filters = filters or {}
    qs = ResearchGroup.objects.select_related("organisation")
    if expert_counts:
        # Counted per group in a subquery: a join with GROUP BY over every selected column
        # made PostgreSQL sort all groups with their organisations for a page of 20 (40 ms
        # at ×10).
        listed = (
            Expert.objects.filter(research_group=OuterRef("pk"), listed=True)
            .order_by()
            .values("research_group")
            .annotate(n=Count("pk"))
            .values("n")
        )
        qs = qs.annotate(listed_experts=Coalesce(Subquery(listed), 0))
    q = (filters.get("q") or "").strip()
    if q:
        qs = qs.filter(_text_filter(q, ["name", "expertise", "description", "organisation__name"]))
    if filters.get("country") in COUNTRIES:
        qs = qs.filter(organisation__country_id=filters["country"])
    if filters.get("organisation"):
        qs = qs.filter(organisation=filters["organisation"])
    return qs.order_by("name", "organisation__name", "pk")


def expert_list(*, filters: dict | None = None) -> QuerySet[Expert]:
    """Anyone: listed experts, by words (in name, role, expertise, group, organisation)
    and the organisation's country."""
    filters = filters or {}
    qs = Expert.objects.filter(listed=True).select_related("organisation", "research_group")
    q = (filters.get("q") or "").strip()
    if q:
        qs = qs.filter(
            _text_filter(
                q, ["name", "role", "expertise", "research_group__name", "organisation__name"]
            )
        )
    if filters.get("country") in COUNTRIES:
        qs = qs.filter(organisation__country_id=filters["country"])
    if filters.get("organisation"):
        qs = qs.filter(organisation=filters["organisation"])
    return qs.order_by("name", "organisation__name", "pk")


def organisation_research(*, organisation: Organisation, user, manage: bool = False) -> dict:
    """An organisation's groups and experts: the listed ones on its public page; with
    `manage`, also the unlisted ones, for the people who manage the entries."""
    experts = Expert.objects.filter(organisation=organisation).select_related("research_group")
    if not (manage and can_edit_organisation(user, organisation)):
        experts = experts.filter(listed=True)
    return {
        "research_groups": list(
            ResearchGroup.objects.filter(organisation=organisation).order_by("name")
        ),
        "experts": list(experts.order_by("name")),
    }


def research_group_get(*, organisation: Organisation, pk: int) -> ResearchGroup:
    """Raises ResearchGroup.DoesNotExist (also for a group of another organisation)."""
    return (
        ResearchGroup.objects.select_related("organisation")
        .prefetch_related("sectors", "technologies")
        .get(organisation=organisation, pk=pk)
    )


def research_group_experts(*, research_group: ResearchGroup) -> list[Expert]:
    """The group's listed experts (its public page)."""
    return list(research_group.experts.filter(listed=True).order_by("name"))


def expert_get(*, organisation: Organisation, pk: int) -> Expert:
    """Raises Expert.DoesNotExist (also for an expert of another organisation)."""
    return Expert.objects.select_related("organisation", "research_group").get(
        organisation=organisation, pk=pk
    )

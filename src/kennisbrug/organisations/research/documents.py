"""Research groups and listed experts as matching documents, so that an innovation
question finds the people and groups that know about it.

Registered with matching from `OrganisationsConfig.ready()`; `receivers.py` keeps the
index current on every save, delete and tag change (pages, API, import and admin alike).
A group or expert takes its place (country, region) from its organisation.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from django.urls import reverse

from kennisbrug.core.concepts import sector_concept, technology_concept
from kennisbrug.matching.engine import Document

from ..models import Expert, ResearchGroup

RESEARCH_GROUP = "research_group"
EXPERT = "expert"


def _pks(ids: Iterable[str]) -> list[int]:
    return [int(i) for i in ids if str(i).isdigit()]


def _place(organisation) -> dict:
    return {
        "country": organisation.country_id,
        "nuts3": organisation.nuts3_id,
        "in_programme_area": organisation.in_programme_area,
    }


def _province(organisation) -> str:
    nuts3 = organisation.nuts3
    return nuts3.province_id if nuts3 and nuts3.province_id else ""


def research_group_documents(ids: Iterable[str] | None = None) -> Iterator[Document]:
    """Every research group as a document (only those with `ids` when given)."""
    qs = ResearchGroup.objects.select_related(
        "organisation", "organisation__nuts3", "organisation__nuts3__province"
    ).prefetch_related("sectors", "technologies")
    if ids is not None:
        qs = qs.filter(pk__in=_pks(ids))
    for group in qs.iterator(chunk_size=500):
        organisation = group.organisation
        sectors = sorted(s.code for s in group.sectors.all())
        technologies = sorted(t.code for t in group.technologies.all())
        yield Document(
            kind=RESEARCH_GROUP,
            id=str(group.pk),
            title=f"{group.name} ({organisation.name})",
            body="\n".join(p for p in (group.expertise, group.description) if p),
            concepts=frozenset(
                [sector_concept(c) for c in sectors] + [technology_concept(c) for c in technologies]
            ),
            **_place(organisation),
            attrs={
                "type": organisation.type,
                "province": _province(organisation),
                "sectors": sectors,
                "technologies": technologies,
                "organisation_id": str(organisation.pk),
                "url": reverse("organisations:research_group", args=[organisation.slug, group.pk]),
            },
        )


def expert_documents(ids: Iterable[str] | None = None) -> Iterator[Document]:
    """Every listed expert as a document (only those with `ids` when given); an expert
    without the person's consent is never searchable."""
    qs = Expert.objects.filter(listed=True).select_related(
        "organisation", "organisation__nuts3", "organisation__nuts3__province", "research_group"
    )
    if ids is not None:
        qs = qs.filter(pk__in=_pks(ids))
    for expert in qs.iterator(chunk_size=500):
        organisation = expert.organisation
        group = expert.research_group
        yield Document(
            kind=EXPERT,
            id=str(expert.pk),
            title=f"{expert.name} ({organisation.name})",
            body="\n".join(
                p for p in (expert.expertise, expert.role, group.name if group else "") if p
            ),
            **_place(organisation),
            attrs={
                "type": organisation.type,
                "province": _province(organisation),
                "organisation_id": str(organisation.pk),
                "url": reverse("organisations:detail", args=[organisation.slug])
                + f"#expert-{expert.pk}",
            },
        )

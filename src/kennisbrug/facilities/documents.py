"""Facilities and living labs as documents for the matching engine.

The engine knows documents, not models: each is a plain dict with kind, id, title, body,
concepts ("sector:<code>", "ket:<code>"), country, nuts3, in_programme_area and attrs
(attrs["organisation_id"] is the owner, who receives introductions; attrs["url"] the page).
`facility_provider` and `living_lab_provider` are registered as matching providers
from `FacilitiesConfig.ready()`; the services call `matching.index.on_commit_changed` on every write.
"""

from collections.abc import Iterable

from django.db.models import QuerySet
from django.urls import reverse

from kennisbrug.core.concepts import sector_concept, technology_concept

from .models import Facility, LivingLab


def _concepts(obj) -> set[str]:
    return {sector_concept(s.code) for s in obj.sectors.all()} | {
        technology_concept(t.code) for t in obj.technologies.all()
    }


def _region(obj) -> dict:
    return {
        "country": obj.country_id,
        "nuts3": obj.nuts3_id or "",
        "in_programme_area": bool(obj.nuts3 and obj.nuts3.in_programme_area),
    }


def _theme_text(obj) -> str:
    return " ".join(
        [s.name_nl for s in obj.sectors.all()]
        + [s.name_en for s in obj.sectors.all() if s.name_en]
        + [t.name_nl for t in obj.technologies.all()]
        + [t.name_en for t in obj.technologies.all() if t.name_en]
    )


def facility_documents(queryset: QuerySet[Facility] | None = None) -> Iterable[dict]:
    """One document per published facility (or per facility in `queryset`)."""
    qs = Facility.objects.filter(is_published=True) if queryset is None else queryset
    qs = qs.select_related("nuts3__province", "owner").prefetch_related("sectors", "technologies")
    for facility in qs.iterator(chunk_size=500):
        yield {
            "kind": "facility",
            "id": str(facility.pk),
            "title": facility.name,
            "body": "\n".join(
                part
                for part in (
                    facility.description,
                    facility.equipment,
                    facility.get_category_display(),
                    _theme_text(facility),
                )
                if part
            ),
            "concepts": _concepts(facility),
            **_region(facility),
            "attrs": {
                "category": facility.category,
                "access_modes": facility.access_modes,
                "province": facility.nuts3.province_id if facility.nuts3 else "",
                "owner": facility.owner_id,
                "organisation_id": str(facility.owner_id),
                "url": reverse("facilities:detail", args=[facility.pk]),
            },
        }


def living_lab_documents(queryset: QuerySet[LivingLab] | None = None) -> Iterable[dict]:
    """One document per living lab (or per living lab in `queryset`)."""
    qs = LivingLab.objects.all() if queryset is None else queryset
    qs = qs.select_related("nuts3__province", "owner").prefetch_related(
        "sectors", "technologies", "partners"
    )
    for lab in qs.iterator(chunk_size=500):
        yield {
            "kind": "living_lab",
            "id": str(lab.pk),
            "title": lab.name,
            "body": "\n".join(
                part
                for part in (
                    lab.theme,
                    lab.description,
                    lab.test_environment,
                    _theme_text(lab),
                )
                if part
            ),
            "concepts": _concepts(lab),
            **_region(lab),
            "attrs": {
                "category": "living_lab",
                "access_modes": [],
                "province": lab.nuts3.province_id if lab.nuts3 else "",
                "owner": lab.owner_id,
                "organisation_id": str(lab.owner_id),
                "partner_countries": sorted({p.country_id for p in lab.partners.all()}),
                "url": reverse("facilities:lab_detail", args=[lab.pk]),
            },
        }


FACILITY = "facility"
LIVING_LAB = "living_lab"


def _pks(ids: Iterable[str]) -> list[int]:
    return [int(i) for i in ids if str(i).isdigit()]


def facility_provider(ids: Iterable[str] | None = None) -> Iterable[dict]:
    """Matching provider: published facilities (only those with `ids` when given)."""
    qs = Facility.objects.filter(is_published=True)
    if ids is not None:
        qs = qs.filter(pk__in=_pks(ids))
    return facility_documents(qs)


def living_lab_provider(ids: Iterable[str] | None = None) -> Iterable[dict]:
    """Matching provider: living labs (only those with `ids` when given)."""
    qs = LivingLab.objects.all()
    if ids is not None:
        qs = qs.filter(pk__in=_pks(ids))
    return living_lab_documents(qs)

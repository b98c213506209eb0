"""Organisations as matching documents: what each one is, knows and offers.

Registered with matching from `OrganisationsConfig.ready()`; `receivers.py` keeps
the index current on every save, delete and tag change.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from django.urls import NoReverseMatch, reverse

from kennisbrug.core.concepts import sector_concept, technology_concept
from kennisbrug.matching.engine import Document
from kennisbrug.matching.registry import ORGANISATION

from .models import Organisation
from .selectors import organisation_sector_codes


def _pks(ids: Iterable[str]) -> list[int]:
    return [int(i) for i in ids if str(i).isdigit()]


def organisation_documents(ids: Iterable[str] | None = None) -> Iterator[Document]:
    """Every organisation as a document (only those with `ids` when given).

    Its sector concepts are the sectors on its profile and those its NACE-BEL activities in
    the enterprise register map to, so a question about machine building finds a machine
    builder whose profile never says so."""
    qs = Organisation.objects.select_related("nuts3", "nuts3__province").prefetch_related(
        "technologies"
    )
    pks = None if ids is None else _pks(ids)
    if pks is not None:
        qs = qs.filter(pk__in=pks)
    sector_codes = organisation_sector_codes(ids=pks)
    for org in qs.iterator(chunk_size=500):
        found = sector_codes.get(org.pk)
        sectors = sorted(found.codes) if found else []
        technologies = sorted(t.code for t in org.technologies.all())
        body = "\n".join(p for p in (org.description, org.expertise, org.offers) if p)
        yield Document(
            kind=ORGANISATION,
            id=str(org.pk),
            title=org.name,
            body=body,
            concepts=frozenset(
                [sector_concept(c) for c in sectors] + [technology_concept(c) for c in technologies]
            ),
            country=org.country_id,
            nuts3=org.nuts3_id,
            in_programme_area=org.in_programme_area,
            attrs={
                "type": org.type,
                "size_class": org.size_class,
                "province": org.nuts3.province_id if org.nuts3 and org.nuts3.province_id else "",
                "sectors": sectors,
                "technologies": technologies,
            },
        )


def organisation_objects(ids: Iterable[str]) -> dict[str, Organisation]:
    """The organisations behind match hits, by document id."""
    found = Organisation.objects.select_related("country").in_bulk(_pks(ids))
    return {str(pk): org for pk, org in found.items()}


def organisation_url(organisation: Organisation) -> str | None:
    try:
        return reverse("organisations:detail", args=[organisation.slug])
    except NoReverseMatch:
        return None

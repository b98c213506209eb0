"""Finding the organisation someone describes: by legal identifier, else by a
near-identical name at the same postcode in the same country.

One rule for the registration (a second registration becomes a membership request)
and the secretariat's data-quality page (possible duplicates to merge). Names are
compared with the import's rule (core.imports.names), after dropping remarks in
brackets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db.models import Q

from kennisbrug.core.imports.names import NEAR, name_key, near

from .models import Organisation

IDENTIFIERS = ("kbo_number", "kvk_number", "vat_number")


def registry_key(name: str) -> str:
    """The import's name key, without remarks in brackets: "Fotonica Gent (demo)",
    "Fotonica Gent (Fotonica)" and "Fotonica Gent" name the same organisation."""
    bare = re.sub(r"\([^()]*\)|\[[^\[\]]*\]", " ", name or "")
    return name_key(bare) or name_key(name)


@dataclass(frozen=True)
class Match:
    organisation: Organisation
    # "kbo_number", "kvk_number", "vat_number" or "name" (near-identical name + postcode)
    matched_by: str


def organisation_match(
    *,
    name: str,
    country: str,
    postcode: str,
    identifiers: dict[str, str],
    exclude_pk: int | None = None,
) -> Match | None:
    """The existing organisation these details describe, or None.

    `identifiers` and `postcode` must be in their compact, normalised form (as the
    registry stores them). An identifier match wins over a name match.
    """
    others = Organisation.objects.exclude(pk=exclude_pk) if exclude_pk else Organisation.objects
    given = {k: v for k, v in identifiers.items() if k in IDENTIFIERS and v}
    if given:
        query = Q()
        for field, value in given.items():
            query |= Q(**{field: value})
        for organisation in others.filter(query).order_by("pk"):
            for field, value in given.items():
                if getattr(organisation, field) == value:
                    return Match(organisation, field)
    key = registry_key(name)
    if not key or not country:
        return None
    # Organisations without a postcode (abroad) meet by name within their country.
    candidates = others.filter(country_id=country, postcode=postcode or "").order_by("pk")
    similar = None
    for organisation in candidates.only("pk", "name", "slug"):
        other = registry_key(organisation.name)
        if other == key:
            return Match(organisation, "name")
        if similar is None and near(other, key):
            similar = organisation
    return Match(similar, "name") if similar is not None else None


@dataclass(frozen=True)
class DuplicateGroup:
    organisations: list[Organisation]
    matched_by: str  # as Match.matched_by


def duplicate_groups(queryset=None) -> list[DuplicateGroup]:
    """Groups of organisations that are probably the same: a shared identifier, or a
    near-identical name at the same postcode. Each organisation is in one group at most;
    groups are ordered by their oldest member."""
    rows = list(
        (queryset if queryset is not None else Organisation.objects.all())
        .order_by("pk")
        .only("pk", "name", "slug", "country_id", "postcode", *IDENTIFIERS)
    )
    parent: dict[int, int] = {o.pk: o.pk for o in rows}
    reason: dict[int, str] = {}

    def find(pk: int) -> int:
        while parent[pk] != pk:
            parent[pk] = parent[parent[pk]]
            pk = parent[pk]
        return pk

    def join(a: int, b: int, why: str) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            low, high = min(ra, rb), max(ra, rb)
            parent[high] = low
            reason.setdefault(low, reason.pop(high, why))

    for field in IDENTIFIERS:
        first: dict[str, int] = {}
        for o in rows:
            value = getattr(o, field)
            if value:
                if value in first:
                    join(first[value], o.pk, field)
                else:
                    first[value] = o.pk
    by_place: dict[tuple[str, str], list[tuple[str, int]]] = {}
    for o in rows:
        by_place.setdefault((o.country_id, o.postcode or ""), []).append(
            (registry_key(o.name), o.pk)
        )
    for members in by_place.values():
        # Same key: joined without comparing; only distinct keys are compared pairwise,
        # and only when their lengths allow a ratio of NEAR (a cheap bound).
        by_key: dict[str, list[int]] = {}
        for key, pk in members:
            if key:
                by_key.setdefault(key, []).append(pk)
        for pks in by_key.values():
            for pk in pks[1:]:
                join(pks[0], pk, "name")
        keys = sorted(by_key, key=len)
        for i, key in enumerate(keys):
            for other in keys[i + 1 :]:
                # Names that differ only in spaces are near whatever their lengths.
                if 2 * len(key) / (len(key) + len(other)) < NEAR and len(other) - len(key) > 3:
                    break
                if near(key, other):
                    join(by_key[key][0], by_key[other][0], "name")
    groups: dict[int, list[Organisation]] = {}
    for o in rows:
        groups.setdefault(find(o.pk), []).append(o)
    return [
        DuplicateGroup(organisations=members, matched_by=reason.get(root, "name"))
        for root, members in sorted(groups.items())
        if len(members) > 1
    ]

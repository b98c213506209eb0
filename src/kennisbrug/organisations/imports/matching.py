"""Finding the organisation a row is about: by identifier, else by near-identical
name at the same postcode, both against the registry and earlier rows of the file."""

from __future__ import annotations

from dataclasses import dataclass, field

from kennisbrug.core.imports.names import name_key, near

from ..models import Organisation

IDENTIFIERS = ("kbo_number", "kvk_number", "vat_number")
__all__ = ["IDENTIFIERS", "Index", "Known", "name_key", "near", "registry_index"]


@dataclass
class Known:
    """An organisation already in the registry or earlier in the file."""

    name: str
    key: str
    identifiers: dict[str, str]
    pk: int | None = None  # None: an earlier row of the file
    line: int | None = None


@dataclass
class Index:
    by_identifier: dict[tuple[str, str], Known] = field(default_factory=dict)
    by_place: dict[tuple[str, str], list[Known]] = field(default_factory=dict)

    def add(self, known: Known, *, country: str, postcode: str) -> None:
        for name, value in known.identifiers.items():
            if value:
                self.by_identifier.setdefault((name, value), known)
        if country:
            # Organisations without a postcode (abroad) meet by name within their country.
            self.by_place.setdefault((country, postcode or ""), []).append(known)

    def by_ids(self, identifiers: dict[str, str]) -> list[Known]:
        found: list[Known] = []
        for name, value in identifiers.items():
            hit = self.by_identifier.get((name, value)) if value else None
            if hit is not None and all(hit is not f for f in found):
                found.append(hit)
        return found

    def at_place(self, *, country: str, postcode: str, key: str) -> tuple[list, list]:
        """(same name, nearly the same name) among those at this postcode."""
        same, similar = [], []
        for known in self.by_place.get((country, postcode), []):
            if known.key == key:
                same.append(known)
            elif near(known.key, key):
                similar.append(known)
        return same, similar


def registry_index() -> Index:
    index = Index()
    rows = Organisation.objects.values_list(
        "pk", "name", "country_id", "postcode", *IDENTIFIERS
    ).iterator(chunk_size=2000)
    for pk, name, country, postcode, *ids in rows:
        known = Known(
            name=name,
            key=name_key(name),
            identifiers=dict(zip(IDENTIFIERS, ids, strict=True)),
            pk=pk,
        )
        index.add(known, country=country, postcode=postcode)
    return index

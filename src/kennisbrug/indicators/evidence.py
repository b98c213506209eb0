"""The building blocks every indicator shares: evidence records, organisations, filters, context.

An indicator does not count rows of one table: it collects *evidence* (one record per
platform activity that makes a unit count) and the figure is the number of distinct
units among the evidence that passes the filters. So "the same enterprise supported
twice counts once" holds by construction, and every number has its list behind it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from typing import NamedTuple

from django.utils import timezone

from kennisbrug.organisations.constants import ENTERPRISE_TYPES, OrganisationType

from .constants import UNKNOWN_SIZE, Objective


@dataclass(frozen=True, slots=True)
class Evidence:
    """One platform record that makes unit `key` count, attributed to `organisation_id`."""

    key: str  # the counted unit: "org:12", "pilot:4", "network:7" ...
    organisation_id: int  # whose location and size class the unit is reported under
    date: dt.date
    kind: str  # constants.Kind
    record_id: int
    title: str = ""  # what the record is about (pilot title, network name ...)
    partner_id: int | None = None  # the other party, when there is one
    objective: str = Objective.A1


class Org(NamedTuple):
    id: int
    name: str
    slug: str
    type: str
    size_class: str
    country: str
    nuts3: str
    province: str
    in_area: bool

    @property
    def is_enterprise(self) -> bool:
        return self.type in ENTERPRISE_TYPES

    @property
    def is_research(self) -> bool:
        return self.type == OrganisationType.KNOWLEDGE_INSTITUTION

    @property
    def size(self) -> str:
        return self.size_class or UNKNOWN_SIZE


@dataclass(frozen=True)
class Filters:
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    country: str = ""
    province: str = ""
    nuts3: str = ""
    sector: str = ""
    objective: str = ""

    def as_query(self) -> dict[str, str]:
        """The filters as GET parameters (for links and exports)."""
        out = {}
        for name in ("date_from", "date_to", "country", "province", "nuts3", "sector", "objective"):
            value = getattr(self, name)
            if value:
                out[name] = value.isoformat() if isinstance(value, dt.date) else str(value)
        return out


def local_date(value) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


@dataclass
class Context:
    """Memo of organisations, source rows and evidence: each is read once.

    Pages take the one `kept.current_context()` shares between requests; a fresh Context
    computes everything anew (tests, benchmarks, commands)."""

    today: dt.date = field(default_factory=timezone.localdate)
    computed_at: dt.datetime = field(default_factory=timezone.now)
    _memo: dict = field(default_factory=dict)

    def memo(self, name: str, compute):
        if name not in self._memo:
            self._memo[name] = compute()
        return self._memo[name]

    def compute_all(self) -> None:
        """Read and compute now what the indicator pages, exports and API calls need, so a
        context kept between requests holds rows of one moment."""
        from .registry import all_indicators
        from .selectors import priority_sectors

        for name in ("orgs", "enterprise_ids", "research_ids", "in_area_ids", "country_of"):
            getattr(self, name)
        getattr(self, "sectors_of")  # noqa: B009
        priority_sectors(self)
        for indicator in all_indicators():
            indicator.evidence(self)

    @cached_property
    def orgs(self) -> dict[int, Org]:
        return _load_orgs()

    @cached_property
    def enterprise_ids(self) -> frozenset[int]:
        return frozenset(o.id for o in self.orgs.values() if o.is_enterprise)

    @cached_property
    def research_ids(self) -> frozenset[int]:
        return frozenset(o.id for o in self.orgs.values() if o.is_research)

    @cached_property
    def in_area_ids(self) -> frozenset[int]:
        return frozenset(o.id for o in self.orgs.values() if o.in_area)

    @cached_property
    def country_of(self) -> dict[int, str]:
        return {o.id: o.country for o in self.orgs.values()}

    @cached_property
    def sectors_of(self) -> dict[int, tuple[str, ...]]:
        """Each organisation's priority sectors: those on its profile and those its NACE-BEL
        activities in the enterprise register map to (organisations without any are absent)."""
        from kennisbrug.organisations.selectors import organisation_sector_codes

        return {org_id: found.codes for org_id, found in organisation_sector_codes().items()}

    def org_ids_in_sector(self, sector: str) -> set[int]:
        return self.memo(
            f"sector:{sector}",
            lambda: {org_id for org_id, codes in self.sectors_of.items() if sector in codes},
        )

    def matches(self, ev: Evidence, filters: Filters, sector_ids: set[int] | None) -> bool:
        if filters.date_from and ev.date < filters.date_from:
            return False
        if filters.date_to and ev.date > filters.date_to:
            return False
        if filters.objective and ev.objective != filters.objective:
            return False
        org = self.orgs.get(ev.organisation_id)
        if org is None:
            return False
        if filters.country and org.country != filters.country:
            return False
        if filters.province and org.province != filters.province:
            return False
        if filters.nuts3 and org.nuts3 != filters.nuts3:
            return False
        return sector_ids is None or org.id in sector_ids

    def filtered(self, evidence: list[Evidence], filters: Filters) -> list[Evidence]:
        if filters == Filters():
            return [ev for ev in evidence if ev.organisation_id in self.orgs]
        sector_ids = self.org_ids_in_sector(filters.sector) if filters.sector else None
        return [ev for ev in evidence if self.matches(ev, filters, sector_ids)]


def _load_orgs() -> dict[int, Org]:
    """Every organisation as a small tuple; raw rows (no per-value converters): this runs on
    every indicator page and is its largest single read."""
    from django.db import connection

    from kennisbrug.organisations.models import Organisation

    qs = Organisation.objects.values_list(
        "id",
        "name",
        "slug",
        "type",
        "size_class",
        "country_id",
        "nuts3_id",
        "nuts3__province_id",
        "nuts3__in_programme_area",
    ).order_by()
    sql, params = qs.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    return {
        row[0]: Org(
            row[0], row[1], row[2], row[3], row[4], row[5], row[6] or "", row[7] or "", bool(row[8])
        )
        for row in rows
    }

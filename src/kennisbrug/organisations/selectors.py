"""Reads of the organisation registry, and what a person's dashboard shows of it."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from kennisbrug.core.models import Sector
from kennisbrug.core.selectors import attach_tag_codes
from kennisbrug.enterprises.selectors import sector_codes_by_number

from .constants import MembershipRole, MembershipStatus
from .models import Membership, Organisation


def organisation_list(*, filters: dict[str, Any] | None = None) -> QuerySet[Organisation]:
    """Organisations matching cleaned `filters` (see OrganisationFilterForm), by name.

    `q` is a plain case-insensitive containment search over name, expertise,
    offers and description until the matching engine takes over.
    """
    filters = filters or {}
    qs = Organisation.objects.select_related("country", "nuts3__province")
    if q := (filters.get("q") or "").strip():
        qs = qs.filter(
            Q(name__icontains=q)
            | Q(expertise__icontains=q)
            | Q(offers__icontains=q)
            | Q(description__icontains=q)
        )
    if value := filters.get("type"):
        qs = qs.filter(type=value)
    if value := filters.get("country"):
        qs = qs.filter(country_id=getattr(value, "pk", value))
    if value := filters.get("province"):
        qs = qs.filter(nuts3__province_id=getattr(value, "pk", value))
    if filters.get("in_programme_area") is True:
        qs = qs.filter(nuts3__in_programme_area=True)
    elif filters.get("in_programme_area") is False:
        qs = qs.filter(Q(nuts3__isnull=True) | Q(nuts3__in_programme_area=False))
    # Many-to-many filters as subqueries, not joins: a join would need DISTINCT over every
    # column, which made counting and paging the whole registry several times slower.
    if value := filters.get("sector"):
        qs = qs.filter(
            pk__in=Organisation.sectors.through.objects.filter(
                sector_id=getattr(value, "pk", value)
            ).values("organisation_id")
        )
    if value := filters.get("technology"):
        qs = qs.filter(
            pk__in=Organisation.technologies.through.objects.filter(
                technology_id=getattr(value, "pk", value)
            ).values("organisation_id")
        )
    if value := filters.get("size_class"):
        qs = qs.filter(size_class=value)
    return qs.order_by("name", "pk")


def with_tag_codes(organisations: list[Organisation]) -> list[Organisation]:
    """Give each of `organisations` `sector_codes` and `technology_codes` (in the order of
    the sectors and technologies) in two queries of codes: for lists that show codes only,
    where prefetching built two model instances and a related manager per organisation."""
    # Any: the two lists are attributes of these instances only, not model fields.
    by_id: dict[int, Any] = {org.pk: org for org in organisations}
    attach_tag_codes(by_id, Organisation)
    return organisations


def organisation_detail(*, slug: str) -> Organisation:
    """One organisation with what its profile shows; raises Organisation.DoesNotExist."""
    return (
        Organisation.objects.select_related("country", "nuts3__province", "municipality")
        .prefetch_related("sectors", "technologies")
        .get(slug=slug)
    )


def membership_list(*, organisation: Organisation) -> QuerySet[Membership]:
    """Members of an organisation: pending requests first, then by email."""
    return (
        Membership.objects.filter(organisation=organisation)
        .exclude(status=MembershipStatus.REJECTED)
        .select_related("user")
        .order_by("-status", "user__email")
    )


@dataclass
class DashboardMembership:
    organisation: Organisation
    role: str
    role_label: str
    is_admin: bool
    pending_count: int


@dataclass
class Dashboard:
    memberships: list = field(default_factory=list)
    pending_requests: list = field(default_factory=list)
    pending_member_total: int = 0


def dashboard_for(*, user) -> Dashboard:
    """What the dashboard shows `user`.

    memberships: active memberships with the organisation; for admins
    `pending_count` is the number of people waiting for approval there (0 otherwise).
    pending_requests: join requests the user made that are still waiting.
    """
    rows = (
        Membership.objects.filter(user=user, status=MembershipStatus.ACTIVE)
        .select_related("organisation")
        .annotate(
            pending_count=Count(
                "organisation__memberships",
                filter=Q(organisation__memberships__status=MembershipStatus.PENDING),
            )
        )
        .order_by("organisation__name")
    )
    memberships = [
        DashboardMembership(
            organisation=row.organisation,
            role=row.role,
            role_label=row.get_role_display(),
            is_admin=row.role == MembershipRole.ADMIN,
            pending_count=row.pending_count if row.role == MembershipRole.ADMIN else 0,
        )
        for row in rows
    ]
    pending = list(
        Membership.objects.filter(user=user, status=MembershipStatus.PENDING)
        .select_related("organisation")
        .order_by("organisation__name")
    )
    return Dashboard(
        memberships=memberships,
        pending_requests=pending,
        pending_member_total=sum(m.pending_count for m in memberships),
    )


def quality_without_members():
    """Organisations nobody can act for: no active member."""
    active = Membership.objects.filter(organisation=OuterRef("pk"), status=MembershipStatus.ACTIVE)
    return Organisation.objects.filter(~Exists(active)).order_by("name", "pk")


def quality_without_description():
    return Organisation.objects.filter(description="").order_by("name", "pk")


def quality_outside_programme_area():
    return Organisation.objects.filter(
        Q(nuts3__isnull=True) | Q(nuts3__in_programme_area=False)
    ).order_by("name", "pk")


def quality_duplicates():
    """Groups of possible duplicates (shared identifier, or near-identical name + postcode)."""
    from .duplicates import duplicate_groups

    return duplicate_groups()


@dataclass(frozen=True)
class OrganisationSectors:
    """An organisation's priority sectors and where each comes from."""

    # chosen on the profile (an import or the register prefill may have filled them in)
    declared: tuple[str, ...] = ()
    # derived from its NACE-BEL activities in the KBO/BCE register (core/data/nace_sectors.csv)
    from_activities: tuple[str, ...] = ()

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(self.declared + self.from_activities))


def organisation_sector_codes(
    *, ids: Iterable[int] | None = None
) -> dict[int, OrganisationSectors]:
    """{organisation id: its sectors} for every organisation (or those with `ids`) that has any.

    The register's activities count whatever the entry's status: a firm that left the
    area extract or stopped still did what its activity codes say."""
    orgs = Organisation.objects.all() if ids is None else Organisation.objects.filter(pk__in=ids)
    declared: dict[int, list[str]] = {}
    through = Organisation.sectors.through.objects.all()
    if ids is not None:
        through = through.filter(organisation_id__in=orgs.values("pk"))
    for org_id, code in through.values_list("organisation_id", "sector_id").order_by(
        "organisation_id", "sector__sort_order"
    ):
        declared.setdefault(org_id, []).append(code)
    numbers = orgs.exclude(kbo_number="").values("kbo_number")
    by_number = sector_codes_by_number(numbers=numbers)
    derived: dict[int, list[str]] = {}
    if by_number:
        for org_id, number in orgs.exclude(kbo_number="").values_list("pk", "kbo_number"):
            if number in by_number:
                derived[org_id] = by_number[number]
    return {
        org_id: OrganisationSectors(tuple(declared.get(org_id, ())), tuple(derived.get(org_id, ())))
        for org_id in declared.keys() | derived.keys()
    }


def listed_sector_codes(organisations: list[Organisation]) -> dict[int, OrganisationSectors]:
    """`organisation_sector_codes` for organisations that `with_tag_codes` already gave their
    declared codes: only the register is read, by the numbers already in hand, in one query
    (none when no organisation on the list has a number)."""
    numbers = {org.kbo_number for org in organisations if org.kbo_number}
    by_number = sector_codes_by_number(numbers=sorted(numbers)) if numbers else {}
    found: dict[int, OrganisationSectors] = {}
    for org in organisations:
        declared = tuple(org.sector_codes)  # type: ignore[attr-defined]  # set by with_tag_codes
        derived = tuple(by_number.get(org.kbo_number, ())) if org.kbo_number else ()
        if declared or derived:
            found[org.pk] = OrganisationSectors(declared, derived)
    return found


def priority_sector_list() -> list[Sector]:
    """The ten priority sectors in the programme's order."""
    return list(Sector.objects.order_by("sort_order"))


@dataclass(frozen=True)
class SectorLine:
    sector: Sector
    declared: bool
    from_activities: bool


def organisation_sector_lines(
    *,
    organisation: Organisation,
    sectors: OrganisationSectors | None = None,
    all_sectors: list[Sector] | None = None,
) -> list[SectorLine]:
    """The organisation's sectors in the programme's order, each with its origin.

    `sectors` and `all_sectors` (the ten, in order) spare the queries when a list shows many."""
    if sectors is None:
        sectors = organisation_sector_codes(ids=[organisation.pk]).get(
            organisation.pk, OrganisationSectors()
        )
    if not sectors.codes:
        return []
    if all_sectors is None:
        all_sectors = list(Sector.objects.filter(code__in=sectors.codes).order_by("sort_order"))
    return [
        SectorLine(s, s.code in sectors.declared, s.code in sectors.from_activities)
        for s in all_sectors
        if s.code in sectors.codes
    ]

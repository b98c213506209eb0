"""Reads of the organisation registry."""

from typing import Any

from django.db.models import Q, QuerySet

from .constants import MembershipStatus
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
    if value := filters.get("sector"):
        qs = qs.filter(sectors=getattr(value, "pk", value))
    if value := filters.get("technology"):
        qs = qs.filter(technologies=getattr(value, "pk", value))
    if value := filters.get("size_class"):
        qs = qs.filter(size_class=value)
    return qs.distinct().order_by("name", "pk")


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

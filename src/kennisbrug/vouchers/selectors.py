"""Reads: lists, totals, the aid register and provider suggestions."""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.http import Http404

from kennisbrug.core.money import round_money
from kennisbrug.core.shortcuts import get_object
from kennisbrug.organisations.constants import OrganisationType
from kennisbrug.organisations.models import Organisation
from kennisbrug.organisations.permissions import user_organisations

from . import aid_thresholds
from .constants import ACTIVE_STATUSES, AidRegime, ApplicationStatus, LedgerKind, ProviderRule
from .models import AidRecord, Application, LedgerEntry, Scheme
from .permissions import can_view_application, is_secretariat


def scheme_list(*, open_on: dt.date | None = None) -> QuerySet[Scheme]:
    schemes = Scheme.objects.all()
    if open_on is not None:
        schemes = schemes.filter(opens_on__lte=open_on, closes_on__gte=open_on)
    return schemes


# Who may deliver the knowledge under each provider rule (see eligibility._provider):
# knowledge institutions for the knowledge-institution rules; for "any provider across
# the border" the organisations that sell knowledge, not SMEs (they apply) nor
# governments (municipalities are no knowledge providers).
KNOWLEDGE_PROVIDER_TYPES: dict[str, list[str]] = {
    ProviderRule.CROSS_BORDER_KNOWLEDGE_INSTITUTION: [OrganisationType.KNOWLEDGE_INSTITUTION],
    ProviderRule.KNOWLEDGE_INSTITUTION: [OrganisationType.KNOWLEDGE_INSTITUTION],
    ProviderRule.CROSS_BORDER_ANY: [
        OrganisationType.KNOWLEDGE_INSTITUTION,
        OrganisationType.INTERMEDIARY,
        OrganisationType.LARGE_ENTERPRISE,
    ],
}
MAX_PROVIDER_QUERY = 100


def eligible_providers(*, scheme: Scheme, q: str = "") -> QuerySet[Organisation]:
    """The organisations this call accepts as knowledge provider (by its provider rule),
    optionally narrowed to names or cities containing `q`; ordered by name."""
    if scheme.provider_rule == ProviderRule.ACCREDITED:
        qs = scheme.accredited_providers.all()
    else:
        qs = Organisation.objects.filter(
            type__in=KNOWLEDGE_PROVIDER_TYPES.get(
                str(scheme.provider_rule), [OrganisationType.KNOWLEDGE_INSTITUTION]
            )
        )
    q = (q or "").strip()[:MAX_PROVIDER_QUERY]
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(city__icontains=q))
    return qs.select_related("country").order_by("name", "pk")


def aid_ceiling(*, regime: str, on: dt.date) -> Decimal:
    """The three-year ceiling of an aid regime per undertaking on a day."""
    if regime == AidRegime.DE_MINIMIS:
        return aid_thresholds.de_minimis_ceiling(on)
    return aid_thresholds.gber28_advisory_ceiling(on)


def _sum(kind: str):
    return Coalesce(Sum("amount", filter=Q(kind=kind)), Decimal("0"))


def ledger_sums(entries: QuerySet) -> dict[str, Decimal]:
    """Gross sums per kind of the given ledger entries."""
    row = entries.aggregate(
        commitments=_sum(LedgerKind.COMMITMENT),
        releases=_sum(LedgerKind.RELEASE),
        disbursements=_sum(LedgerKind.DISBURSEMENT),
    )
    return {key: round_money(value) for key, value in row.items()}


def recent_ledger_entries(*, scheme: Scheme, limit: int = 50) -> QuerySet[LedgerEntry]:
    """The scheme's latest ledger entries with their application, newest first."""
    return (
        LedgerEntry.objects.filter(scheme=scheme)
        .select_related("application")
        .order_by("-created_at", "-id")[:limit]
    )


def scheme_totals(*, scheme: Scheme) -> dict[str, Decimal]:
    """Budget position computed from the ledger only.

    committed = open commitments (committed, not yet paid or released);
    available = budget - committed - disbursed.
    """
    sums = ledger_sums(LedgerEntry.objects.filter(scheme=scheme))
    committed = sums["commitments"] - sums["releases"] - sums["disbursements"]
    disbursed = sums["disbursements"]
    return {
        "budget": scheme.total_budget,
        "committed": committed,
        "disbursed": disbursed,
        "released": sums["releases"],
        "committed_gross": sums["commitments"],
        "available": scheme.total_budget - committed - disbursed,
    }


def application_open_commitment(*, application: Application) -> Decimal:
    sums = ledger_sums(LedgerEntry.objects.filter(application=application))
    return sums["commitments"] - sums["releases"] - sums["disbursements"]


def application_list(*, user, filters: dict | None = None) -> QuerySet[Application]:
    """Applications the user may see: all for the secretariat, else their organisations'."""
    applications = Application.objects.select_related(
        "scheme", "applicant", "provider", "partner", "applicant__country", "provider__country"
    )
    if not is_secretariat(user):
        mine = user_organisations(user)
        applications = applications.filter(
            Q(applicant__in=mine) | Q(provider__in=mine) | Q(partner__in=mine)
        )
    filters = filters or {}
    if filters.get("status"):
        applications = applications.filter(status=filters["status"])
    if filters.get("scheme"):
        applications = applications.filter(scheme_id=filters["scheme"])
    return applications


def applicant_voucher_count(*, scheme, applicant, exclude=None) -> int:
    qs = Application.objects.filter(scheme=scheme, applicant=applicant, status__in=ACTIVE_STATUSES)
    if exclude is not None and exclude.pk:
        qs = qs.exclude(pk=exclude.pk)
    return qs.count()


def applicant_amount_in_year(*, scheme, applicant, year: int, exclude=None) -> Decimal:
    qs = Application.objects.filter(
        scheme=scheme,
        applicant=applicant,
        status__in=ACTIVE_STATUSES - {ApplicationStatus.SUBMITTED, ApplicationStatus.REVIEWED},
        approved_at__year=year,
    )
    if exclude is not None and exclude.pk:
        qs = qs.exclude(pk=exclude.pk)
    return qs.aggregate(total=Coalesce(Sum("approved_amount"), Decimal("0")))["total"]


# --- Aid register ----------------------------------------------------------


def undertaking_id(organisation: Organisation) -> str:
    """The single undertaking: KBO/BCE or KvK number, else the registry id."""
    if organisation.kbo_number:
        return f"BE{organisation.kbo_number}"
    if organisation.kvk_number:
        return f"NL{organisation.kvk_number}"
    return f"ORG{organisation.pk}"


def three_years_before(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year - 3)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 3, day=28)


def aid_records(*, on: dt.date, undertaking: str = "", regime: str = "") -> QuerySet[AidRecord]:
    """Aid not cancelled and granted within the rolling three years up to `on`."""
    records = AidRecord.objects.filter(
        cancelled_on__isnull=True, granted_on__gt=three_years_before(on), granted_on__lte=on
    )
    if undertaking:
        records = records.filter(undertaking=undertaking)
    if regime:
        records = records.filter(regime=regime)
    return records


def aid_sum(*, organisation, regime: str, on: dt.date, exclude=None) -> Decimal:
    records = aid_records(on=on, undertaking=undertaking_id(organisation), regime=regime)
    if exclude is not None and exclude.pk:
        records = records.exclude(application=exclude)
    return records.aggregate(total=Coalesce(Sum("amount"), Decimal("0")))["total"]


def aid_register(*, user, on: dt.date, regime: str = "") -> list[dict]:
    """Aid per undertaking over the rolling three years, largest first, with the
    regime's ceiling and the headroom left under it.

    The secretariat sees every undertaking; others only their own organisations'.
    """
    records = aid_records(on=on, regime=regime).select_related("organisation")
    if not is_secretariat(user):
        records = records.filter(organisation__in=user_organisations(user))
    rows = (
        records.values("undertaking", "regime")
        .annotate(total=Sum("amount"), count=Count("id"))
        .order_by("-total", "undertaking")
    )
    names = dict(records.values_list("undertaking", "organisation__name"))
    result = []
    for row in rows:
        ceiling = aid_ceiling(regime=row["regime"], on=on)
        result.append(
            {
                **row,
                "name": names.get(row["undertaking"], ""),
                "ceiling": ceiling,
                "headroom": max(ceiling - row["total"], 0),
            }
        )
    return result


def scheme_breakdown(*, scheme: Scheme) -> dict[str, list]:
    """Applications of a scheme counted by status, size class, country and sector."""
    apps = Application.objects.filter(scheme=scheme)
    return {
        "status": list(apps.values("status").annotate(n=Count("id")).order_by("status")),
        "size_class": list(
            apps.values("applicant__size_class").annotate(n=Count("id")).order_by("-n")
        ),
        "country": list(
            apps.values("applicant__country__name_nl", "applicant__country__name_en")
            .annotate(n=Count("id"))
            .order_by("-n")
        ),
        "sector": list(
            apps.values("applicant__sectors__name_nl", "applicant__sectors__name_en")
            .annotate(n=Count("id", distinct=True))
            .order_by("-n")
        ),
    }


def application_activity() -> list[tuple]:
    """Indicator source "vouchers": (id, title, applicant, provider, partner, status,
    approved_at, paid_at, delivered_at)."""
    return list(
        Application.objects.values_list(
            "id",
            "title",
            "applicant_id",
            "provider_id",
            "partner_id",
            "status",
            "approved_at",
            "paid_at",
            "delivered_at",
        ).iterator()
    )


def application_visible(*, user, pk, conceal: bool = False) -> Application:
    """One application for `user`. Http404 when it does not exist; PermissionDenied when
    the user may not see it, or Http404 with `conceal` (the API never reveals that someone
    else's application exists)."""
    application = get_object(
        Application.objects.select_related("scheme", "applicant", "provider", "partner"), pk=pk
    )
    if application is None:
        raise Http404
    if not can_view_application(user, application):
        raise Http404 if conceal else PermissionDenied
    return application

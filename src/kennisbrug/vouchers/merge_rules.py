"""The vouchers' rules for merging two registry entries of one organisation.

Every rule here is one the application services check on each application; merged, the
two entries are one organisation, so what was allowed for two must still hold for one.
"""

import datetime as dt
from decimal import Decimal

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from kennisbrug.core.money import format_money

from .constants import ACTIVE_STATUSES, AidRegime, ApplicationStatus
from .models import AidRecord, Application, Scheme
from .selectors import aid_ceiling, aid_sum, applicant_amount_in_year, undertaking_id

# Applications that ended without a voucher: nothing in them acts any more.
ENDED_WITHOUT_VOUCHER = (
    ApplicationStatus.REJECTED,
    ApplicationStatus.EXPIRED,
    ApplicationStatus.WITHDRAWN,
)


def _voucher_count_problems(keep, remove) -> list[str]:
    """Merged, the organisation may not hold more active vouchers in a call than the call
    allows one applicant (the rule every application is checked against)."""
    counts = (
        Application.objects.filter(applicant__in=[keep, remove], status__in=ACTIVE_STATUSES)
        .values("scheme", "scheme__name", "scheme__max_vouchers_per_applicant")
        .annotate(n=Count("pk"), applicants=Count("applicant", distinct=True))
    )
    return [
        _(
            "Together the two organisations would hold %(n)s active vouchers in the call "
            "“%(call)s”, which allows %(limit)s per applicant; withdraw or reject one first."
        )
        % {
            "n": row["n"],
            "call": row["scheme__name"],
            "limit": row["scheme__max_vouchers_per_applicant"],
        }
        for row in counts
        if row["applicants"] > 1 and row["n"] > row["scheme__max_vouchers_per_applicant"]
    ]


def _role_problems(keep, remove) -> list[str]:
    """An applicant cannot be its own knowledge provider, and the partner must be another
    organisation than both: an application between the two entries would become one."""
    both = [keep.pk, remove.pk]
    pairs = (
        Q(applicant__in=both, provider__in=both)
        | Q(applicant__in=both, partner__in=both)
        | Q(provider__in=both, partner__in=both)
    )
    rows = Application.objects.filter(pairs).exclude(status__in=ENDED_WITHOUT_VOUCHER)
    return [
        _(
            "In the voucher application “%(application)s” one organisation is the applicant "
            "and the other its knowledge provider or partner: merged, the applicant would "
            "work with itself. Withdraw or reject that application first."
        )
        % {"application": application}
        for application in rows.order_by("pk")
        if {keep.pk, remove.pk}
        <= {application.applicant_id, application.provider_id, application.partner_id}
    ]


def _aid_problems(keep, remove, today: dt.date) -> list[str]:
    """De minimis aid is capped per single undertaking over three years; merged, the aid
    both entries received counts against one ceiling (GBER article 28 ceilings are
    advisory on the platform and not enforced, so neither here)."""
    if undertaking_id(keep) == undertaking_id(remove):
        return []  # already summed as one undertaking
    regime = AidRegime.DE_MINIMIS
    total = aid_sum(organisation=keep, regime=regime, on=today) + aid_sum(
        organisation=remove, regime=regime, on=today
    )
    ceiling = aid_ceiling(regime=regime, on=today)
    if total <= ceiling:
        return []
    return [
        _(
            "Together the two organisations received %(total)s de minimis aid in the last "
            "three years, more than the ceiling of %(ceiling)s for one undertaking; correct "
            "or cancel aid in the aid register first."
        )
        % {"total": format_money(total), "ceiling": format_money(ceiling)}
    ]


def _annual_cap_problems(keep, remove, today: dt.date) -> list[str]:
    """A call's yearly cap per applicant holds for the merged organisation too."""
    problems = []
    schemes = Scheme.objects.filter(
        applicant_annual_cap__isnull=False,
        applications__applicant__in=[keep, remove],
        applications__approved_at__year=today.year,
    ).distinct()
    for scheme in schemes:
        cap = scheme.applicant_annual_cap
        if cap is None:  # filtered out above; says so to the type checker
            continue
        used = sum(
            (
                applicant_amount_in_year(scheme=scheme, applicant=o, year=today.year)
                for o in (keep, remove)
            ),
            Decimal("0"),
        )
        if used > cap:
            problems.append(
                _(
                    "Together the two organisations were granted %(used)s this year in the "
                    "call “%(call)s”, more than its yearly cap of %(cap)s per applicant."
                )
                % {
                    "used": format_money(used),
                    "call": scheme.name,
                    "cap": format_money(cap),
                }
            )
    return problems


def voucher_merge_problems(*, keep, remove) -> list[str]:
    today = timezone.localdate()
    return [
        *_role_problems(keep, remove),
        *_voucher_count_problems(keep, remove),
        *_aid_problems(keep, remove, today),
        *_annual_cap_problems(keep, remove, today),
    ]


def voucher_merge_follow_up(*, keep) -> None:
    """The aid register sums aid by undertaking key (KBO/BCE, KvK, else the registry id):
    the removed entry's records, and the kept one's when it gained a number from the
    removed one, take the merged organisation's key so they count against its ceiling."""
    AidRecord.objects.filter(organisation=keep).exclude(undertaking=undertaking_id(keep)).update(
        undertaking=undertaking_id(keep)
    )

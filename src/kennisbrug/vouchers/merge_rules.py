"""The vouchers' rule for merging two registry entries of one organisation."""

from django.db.models import Count
from django.utils.translation import gettext as _

from .constants import ACTIVE_STATUSES
from .models import Application


def voucher_merge_problems(*, keep, remove) -> list[str]:
    """Merged, the organisation may not hold more active vouchers in a call than the call
    allows one applicant (the rule every application is checked against): the
    secretariat decides first which application stays."""
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

"""The public summary of the region: activity counts per province, no personal data.

Counts are of activities (not people): accepted cross-border introductions, used
bookings of a facility across the border, approved cross-border vouchers, joint
cross-border pilots, and published trainings. Each cell below the minimum group
size is hidden, with secondary suppression per column so the total cannot reveal it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from . import counting, sources
from .evidence import Context
from .privacy import Cell, cell, suppress_group
from .selectors import OUTSIDE, programme_provinces

COLUMNS = [
    ("introductions", _("Cross-border introductions")),
    ("bookings", _("Cross-border facility bookings")),
    ("vouchers", _("Cross-border vouchers")),
    ("pilots", _("Cross-border pilots")),
    ("trainings", _("Trainings offered")),
]


@dataclass
class SummaryRow:
    code: str
    name: str
    cells: list[Cell]


def _province(ctx: Context, org_id: int) -> str:
    org = ctx.orgs.get(org_id)
    return org.province if org and org.in_area else OUTSIDE


def _counts(ctx: Context) -> dict[str, Counter]:
    counts: dict[str, Counter[str]] = {name: Counter() for name, _label in COLUMNS}
    for i in sources.introductions(ctx):
        if i.state == counting.INTRODUCTION_ACCEPTED and counting.is_cross_border(
            ctx, [i.requester, i.provider]
        ):
            counts["introductions"][_province(ctx, i.requester)] += 1
    for b in sources.bookings(ctx):
        if b.status in counting.BOOKING_USED and counting.is_cross_border(
            ctx, [b.organisation, b.owner]
        ):
            counts["bookings"][_province(ctx, b.organisation)] += 1
    for v in sources.vouchers(ctx):
        if v.status in counting.VOUCHER_GRANTED and counting.is_cross_border(
            ctx, counting.voucher_parties(v)
        ):
            counts["vouchers"][_province(ctx, v.applicant)] += 1
    for p in sources.pilots(ctx):
        if counting.pilot_is_joint(ctx, p) and counting.is_cross_border(
            ctx, [p.company, p.lab_owner]
        ):
            counts["pilots"][_province(ctx, p.company)] += 1
    nuts3_province = _nuts3_provinces()
    for t in sources.trainings(ctx):
        province = nuts3_province.get(t.nuts3) if t.nuts3 else None
        counts["trainings"][province or _province(ctx, t.provider)] += 1
    return counts


def _nuts3_provinces() -> dict[str, str]:
    from kennisbrug.core.models import Nuts3Region

    return {
        code: (province or OUTSIDE) if in_area else OUTSIDE
        for code, province, in_area in Nuts3Region.objects.values_list(
            "code", "province_id", "in_programme_area"
        )
    }


def region_summary(*, ctx: Context) -> tuple[list[SummaryRow], list[Cell], list[str]]:
    """Rows per programme-area province plus 'outside', the totals and the column labels."""
    counts = ctx.memo("region-counts", lambda: _counts(ctx))
    provinces = programme_provinces()
    codes = [p.code for p in provinces] + [OUTSIDE]
    names = [p.name for p in provinces] + [str(_("Outside the programme area"))]
    columns = []
    for name, _label in COLUMNS:
        columns.append(suppress_group([counts[name].get(code, 0) for code in codes]))
    rows = [
        SummaryRow(code, names[r], [columns[c][r] for c in range(len(COLUMNS))])
        for r, code in enumerate(codes)
    ]
    totals = [cell(sum(counts[name].values())) for name, _label in COLUMNS]
    return rows, totals, [str(label) for _name, label in COLUMNS]

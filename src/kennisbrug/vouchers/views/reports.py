"""Secretariat pages: scheme dashboard, exports and the aid register."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import get_language

from kennisbrug.jobs.exports import export_or_prepare
from kennisbrug.organisations.constants import SizeClass

from .. import aid_thresholds, exports, selectors
from ..constants import AidRegime, ApplicationStatus
from ..models import Scheme
from ..permissions import can_manage_schemes


def _name(row: dict, prefix: str) -> str:
    """The reader's-language name of a values() row's bilingual field (as
    BilingualNameMixin.name: English when asked for and filled in, else Dutch)."""
    if (get_language() or "nl").startswith("en") and row.get(f"{prefix}name_en"):
        return row[f"{prefix}name_en"]
    return row.get(f"{prefix}name_nl") or ""


@login_required
def scheme_dashboard(request, pk: int):
    """Secretariat: budget position from the ledger, applications by status, size class,
    country and sector, and the latest ledger entries."""
    if not can_manage_schemes(request.user):
        raise PermissionDenied
    scheme = get_object_or_404(Scheme, pk=pk)
    breakdown = selectors.scheme_breakdown(scheme=scheme)
    statuses = dict(ApplicationStatus.choices)
    sizes = dict(SizeClass.choices)
    return render(
        request,
        "vouchers/scheme_dashboard.html",
        {
            "scheme": scheme,
            "totals": selectors.scheme_totals(scheme=scheme),
            "by_status": [
                (statuses.get(r["status"], r["status"]), r["n"]) for r in breakdown["status"]
            ],
            "by_size": [
                (sizes.get(r["applicant__size_class"], "—"), r["n"])
                for r in breakdown["size_class"]
            ],
            "by_country": [
                (_name(r, "applicant__country__") or "—", r["n"]) for r in breakdown["country"]
            ],
            "by_sector": [
                (_name(r, "applicant__sectors__") or "—", r["n"]) for r in breakdown["sector"]
            ],
            "entries": selectors.recent_ledger_entries(scheme=scheme),
        },
    )


EXPORTS = {"applications": exports.application_rows, "payments": exports.payment_rows}


@login_required
def scheme_export(request, pk: int, what: str, fmt: str):
    """Secretariat: applications or payments of a call as CSV or XLSX; a large call is
    prepared by the worker and offered on the export's own page (jobs.exports)."""
    if not can_manage_schemes(request.user):
        raise PermissionDenied
    if what not in EXPORTS or fmt not in ("csv", "xlsx"):
        raise Http404
    scheme = get_object_or_404(Scheme, pk=pk)
    return export_or_prepare(
        request,
        kind=f"vouchers.{what}",
        params={"scheme": scheme.pk, "what": what},
        file_format=fmt,
    )


@login_required
def aid_register(request):
    """Signed in: aid per undertaking over three rolling years against the ceilings.
    The secretariat sees every undertaking, others only their own organisations."""
    today = timezone.localdate()
    rows = selectors.aid_register(user=request.user, on=today)
    for row in rows:
        row["regime_label"] = AidRegime(row["regime"]).label
    return render(
        request,
        "vouchers/aid_register.html",
        {
            "rows": rows,
            "today": today,
            "since": selectors.three_years_before(today),
            "de_minimis_ceiling": selectors.aid_ceiling(regime=AidRegime.DE_MINIMIS, on=today),
            "legal_basis": aid_thresholds.legal_basis_reference("deminimis.ceiling"),
        },
    )

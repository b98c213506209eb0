"""Applications and payments of a call as header and rows, for accounting.

Amounts stay Decimal; `core.exports` writes them as CSV or XLSX in the shared,
formula-safe dialect.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kennisbrug.jobs.exports import ExportKind

from .constants import LedgerKind
from .models import Application, LedgerEntry, Scheme


def application_rows(scheme: Scheme):
    header = [
        _("Reference"),
        _("Title"),
        _("Status"),
        _("Applicant"),
        _("KBO/BCE"),
        _("KvK"),
        _("Country"),
        _("Size class"),
        _("Provider"),
        _("Provider country"),
        _("Quote (EUR)"),
        _("Requested (EUR)"),
        _("Committed (EUR)"),
        _("Invoice (EUR)"),
        _("Paid (EUR)"),
        _("Submitted at"),
        _("Approved at"),
        _("Valid until"),
    ]
    rows = []
    for app in (
        Application.objects.filter(scheme=scheme)
        .select_related("applicant", "provider")
        .order_by("pk")
    ):
        rows.append(
            [
                app.reference,
                app.title,
                app.get_status_display(),
                app.applicant.name,
                app.applicant.kbo_number,
                app.applicant.kvk_number,
                app.applicant.country_id,
                app.applicant.get_size_class_display(),
                app.provider.name,
                app.provider.country_id,
                app.quote_amount,
                app.requested_amount,
                app.approved_amount,
                app.invoice_amount,
                app.paid_amount,
                app.submitted_at.date().isoformat() if app.submitted_at else "",
                app.approved_at.date().isoformat() if app.approved_at else "",
                app.valid_until.isoformat() if app.valid_until else "",
            ]
        )
    return header, rows


def payment_rows(scheme: Scheme):
    """Every ledger movement; disbursements are the payments, the rest explains the budget."""
    header = [
        _("Entry"),
        _("Booked at"),
        _("Kind"),
        _("Amount (EUR)"),
        _("Application"),
        _("Applicant"),
        _("Provider (payee)"),
        _("Note"),
    ]
    rows = []
    entries = (
        LedgerEntry.objects.filter(scheme=scheme)
        .select_related("application__applicant", "application__provider")
        .order_by("created_at", "id")
    )
    for entry in entries:
        app = entry.application
        rows.append(
            [
                entry.pk,
                entry.created_at.isoformat(timespec="seconds"),
                LedgerKind(entry.kind).label,
                entry.amount,
                app.reference if app else "",
                app.applicant.name if app else "",
                app.provider.name if app else "",
                entry.note,
            ]
        )
    return header, rows


# ----- as prepared exports (jobs.exports): a large call is written by the worker -----


def _scheme(params: dict) -> Scheme:
    return Scheme.objects.get(pk=int(params["scheme"]))


def _allowed(user, params: dict) -> bool:
    from .permissions import can_manage_schemes

    return can_manage_schemes(user)


def _builder(rows_of):
    def build(params: dict):
        from django.utils import timezone
        from django.utils.text import slugify

        scheme = _scheme(params)
        header, rows = rows_of(scheme)
        what = params["what"]
        name = f"{slugify(scheme.name)[:50] or 'scheme'}-{what}-{timezone.localdate():%Y%m%d}"
        return header, rows, name, what

    return build


PREPARED = {
    "vouchers.applications": ExportKind(
        label=gettext_lazy("Voucher applications of a call"),
        allowed=_allowed,
        size=lambda params: Application.objects.filter(scheme_id=int(params["scheme"])).count(),
        build=_builder(application_rows),
    ),
    "vouchers.payments": ExportKind(
        label=gettext_lazy("Payments and budget movements of a call"),
        allowed=_allowed,
        size=lambda params: LedgerEntry.objects.filter(scheme_id=int(params["scheme"])).count(),
        build=_builder(payment_rows),
    ),
}

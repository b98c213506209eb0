"""Moving an application through its workflow, with the ledger and aid register.

Every transition runs in one transaction that first locks the scheme row, then
the applicant's organisation row (aid ceilings are per undertaking), then the
application; the same order everywhere, so concurrent transitions queue instead
of deadlocking. On SQLite the IMMEDIATE transaction mode serialises writers.
"""

import datetime as dt
import logging
from collections.abc import Callable
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from kennisbrug.core.models import AuditLog
from kennisbrug.core.money import format_money
from kennisbrug.core.tasks import enqueue_on_commit
from kennisbrug.core.workflow import TransitionNotAllowed, transition
from kennisbrug.organisations.models import Organisation

from . import selectors
from .constants import ApplicationStatus, AttachmentKind, LedgerKind
from .eligibility import check_application, is_eligible
from .models import AidRecord, Application, LedgerEntry, Scheme
from .money import share, to_money
from .permissions import actor_roles, refusal_reason
from .validation import clean_text
from .workflow import APPLICATION

logger = logging.getLogger(__name__)


# The runner's refusal: the action is not possible from the application's current status.
TransitionNotAllowedError = TransitionNotAllowed


class NotEligibleError(ValidationError):
    """One or more eligibility rules failed; `results` holds every rule's outcome."""

    def __init__(self, results):
        self.results = results
        failed = [r.message for r in results if not r.passed]
        super().__init__({"eligibility": failed})


def add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover


def _is_repeat(app: Application, action: str, actor) -> bool:
    """True when the same person's last action on `app` was this one (double click)."""
    last = (
        AuditLog.objects.filter(object_type=app._meta.label_lower, object_id=str(app.pk))
        .exclude(action__in=["voucher_attachment_added", "voucher_application_updated"])
        .order_by("-created_at", "-id")
        .first()
    )
    actor_id = getattr(actor, "pk", None)
    return bool(last and last.action == f"voucher_{action}" and last.actor_id == actor_id)


def _lock(application: Application) -> Application:
    """Scheme, then the applicant organisation, then the application: one order everywhere."""
    scheme = Scheme.objects.select_for_update().get(pk=application.scheme_id)
    Organisation.objects.select_for_update().filter(pk=application.applicant_id).first()
    app = (
        Application.objects.select_for_update(of=("self",))
        .select_related("applicant", "provider", "partner")
        .get(pk=application.pk)
    )
    app.scheme = scheme
    return app


def application_transition(
    *,
    obj: Application,
    action: str,
    actor,
    reason: str = "",
    amount=None,
    invoice_amount=None,
    today: dt.date | None = None,
) -> Application:
    """Take `action` on the application `obj` as `actor` (None for the system).

    Checks the transition table and the actor's part (applicant, provider,
    secretariat, system), records who/when/from/to/why in the audit log, books the
    ledger and aid register where money moves, and mails everyone involved after
    commit. Repeating the action one just took is a no-op (double click, retry).

    Raises TransitionNotAllowedError (not possible from this status),
    PermissionDenied (not your part, or four-eyes/conflict of interest),
    NotEligibleError (submit/approve: a rule failed) or ValidationError (input).
    """
    application = obj
    today = today or timezone.localdate()
    if action not in APPLICATION.actions:
        raise TransitionNotAllowedError({"action": _("Unknown action.")})
    reason = clean_text(reason, field="reason", max_length=5000, required=False)

    def apply(app: Application, edge) -> dict:
        step = STEPS.get(edge.action)
        if step is None:
            return {}
        return step(
            app,
            actor=actor,
            reason=reason,
            amount=amount,
            invoice_amount=invoice_amount,
            today=today,
        )

    return transition(
        workflow=APPLICATION,
        obj=application,
        action=action,
        actor=actor,
        roles=lambda app: actor_roles(actor, app),
        lock=_lock,
        reason=reason,
        apply=apply,
        repeat=lambda app: _is_repeat(app, action, actor),
        notify=lambda app, edge: _notify(app.pk, edge.action),
        log_context=lambda app: {"scheme_id": app.scheme_id},
    )


def _notify(pk: int, action: str) -> None:
    from .tasks import voucher_transition_mail

    enqueue_on_commit(voucher_transition_mail, pk, action)


def _refuse(app, actor, action: str) -> None:
    reason = refusal_reason(actor, app, action)
    if reason:
        raise PermissionDenied(reason)


def _submit(app, *, actor, today, **_kw):
    results = check_application(app, today=today)
    if not is_eligible(results):
        raise NotEligibleError(results)
    app.eligibility = [r.as_dict() for r in results]
    app.submitted_at = timezone.now()
    return {"eligibility": app.eligibility}


def _review(app, *, actor, reason, **_kw):
    _refuse(app, actor, "review")
    app.reviewed_by, app.reviewed_at, app.review_note = actor, timezone.now(), reason
    return {}


def _return(app, **_kw):
    app.reviewed_by, app.reviewed_at = None, None
    return {}


def _approve(app, *, actor, today, **_kw):
    """Four-eyes, eligibility again (aid headroom!), then commit inside the scheme lock."""
    _refuse(app, actor, "approve")
    results = check_application(app, today=today, for_approval=True)
    if not is_eligible(results):
        raise NotEligibleError(results)
    amount = app.requested_amount
    available = selectors.scheme_totals(scheme=app.scheme)["available"]
    if amount > available:  # also in the rules; checked here again as the invariant's guard
        raise ValidationError(
            {
                "amount": _("Only %(available)s of the budget is left.")
                % {"available": format_money(available)}
            }
        )
    LedgerEntry.objects.create(
        scheme=app.scheme,
        application=app,
        kind=LedgerKind.COMMITMENT,
        amount=amount,
        created_by=actor,
        note=app.reference,
    )
    AidRecord.objects.update_or_create(
        application=app,
        defaults={
            "undertaking": selectors.undertaking_id(app.applicant),
            "organisation": app.applicant,
            "regime": app.scheme.aid_regime,
            "amount": amount,
            "granted_on": today,
            "cancelled_on": None,
        },
    )
    app.eligibility = [r.as_dict() for r in results]
    app.approved_by, app.approved_at, app.approved_amount = actor, timezone.now(), amount
    app.valid_until = add_months(today, app.scheme.validity_months)
    return {"amount": str(amount), "valid_until": app.valid_until.isoformat()}


def _reject(app, *, actor, reason, **_kw):
    _refuse(app, actor, "reject")
    app.decision_reason = reason
    return {}


def _deliver(app, *, invoice_amount, **_kw):
    if invoice_amount in (None, ""):
        raise ValidationError({"invoice_amount": _("Give the invoice amount.")})
    invoice = to_money(invoice_amount, field="invoice_amount")
    if not app.attachments.filter(kind=AttachmentKind.INVOICE).exists():
        raise ValidationError({"invoice": _("Upload the invoice (PDF) first.")})
    app.invoice_amount, app.delivered_at = invoice, timezone.now()
    return {"invoice_amount": str(invoice)}


def _release(app, *, actor, note: str) -> Decimal:
    remainder = selectors.application_open_commitment(application=app)
    if remainder > 0:
        LedgerEntry.objects.create(
            scheme=app.scheme,
            application=app,
            kind=LedgerKind.RELEASE,
            amount=remainder,
            created_by=actor,
            note=note,
        )
    return remainder


def _pay(app, *, actor, amount, **_kw):
    """Disburse at most the commitment and the intensity of the invoice; release the rest."""
    _refuse(app, actor, "pay")
    open_commitment = selectors.application_open_commitment(application=app)
    ceiling = min(
        open_commitment,
        share(app.invoice_amount, app.scheme.intensity_for(app.applicant.size_class)),
    )
    paid = ceiling if amount in (None, "") else to_money(amount, field="amount")
    if paid > ceiling:
        raise ValidationError(
            {
                "amount": _(
                    "At most %(ceiling)s can be paid: the committed amount and the aid "
                    "intensity of the invoice."
                )
                % {"ceiling": format_money(ceiling)}
            }
        )
    LedgerEntry.objects.create(
        scheme=app.scheme,
        application=app,
        kind=LedgerKind.DISBURSEMENT,
        amount=paid,
        created_by=actor,
        note=app.reference,
    )
    released = _release(app, actor=actor, note=_("remainder after payment"))
    AidRecord.objects.filter(application=app).update(amount=paid)
    app.paid_amount, app.paid_at = paid, timezone.now()
    return {"amount": str(paid), "released": str(released)}


def _end(app, *, actor, today, note: str):
    released = _release(app, actor=actor, note=note)
    AidRecord.objects.filter(application=app).update(cancelled_on=today)
    return {"released": str(released)}


def _expire(app, *, actor, today, **_kw):
    if app.valid_until is None or app.valid_until >= today:
        raise TransitionNotAllowedError(
            {"action": _("The voucher is valid until %(day)s.") % {"day": app.valid_until}}
        )
    return _end(app, actor=actor, today=today, note=_("voucher expired"))


def _withdraw(app, *, actor, today, **_kw):
    return _end(app, actor=actor, today=today, note=_("application withdrawn"))


STEPS: dict[str, Callable[..., dict]] = {
    "submit": _submit,
    "review": _review,
    "return": _return,
    "approve": _approve,
    "reject": _reject,
    "deliver": _deliver,
    "pay": _pay,
    "expire": _expire,
    "withdraw": _withdraw,
}


def applications_expire(*, today: dt.date | None = None) -> int:
    """Expire every voucher past its validity and release its commitment. Idempotent."""
    today = today or timezone.localdate()
    due = Application.objects.filter(
        status__in=[ApplicationStatus.APPROVED, ApplicationStatus.IN_PROGRESS],
        valid_until__lt=today,
    ).values_list("pk", "scheme_id", "applicant_id")
    done = 0
    for pk, scheme_id, applicant_id in list(due):
        stub = Application(pk=pk, scheme_id=scheme_id, applicant_id=applicant_id)
        try:
            application_transition(obj=stub, action="expire", actor=None, today=today)
        except TransitionNotAllowedError:
            continue  # moved on meanwhile (paid, withdrawn)
        done += 1
    return done

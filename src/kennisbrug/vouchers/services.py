"""Writes for schemes, applications and attachments.

Workflow transitions (submit, review, approve, …, pay) live in transitions.py and
are re-exported here, so other apps import `services` only.
"""

import datetime as dt
import logging
import secrets
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from kennisbrug.core import second_factor
from kennisbrug.core.audit import audit_record
from kennisbrug.core.db import retry_when_sqlite_locked
from kennisbrug.core.idempotency import check_repeat, request_fingerprint
from kennisbrug.core.money import format_money
from kennisbrug.organisations.constants import SizeClass
from kennisbrug.organisations.models import Organisation
from kennisbrug.organisations.permissions import is_member

from . import aid_thresholds, selectors
from .constants import AidRegime, ApplicationStatus, AttachmentKind, ProviderRule, SchemeType
from .models import Application, Attachment, Scheme
from .money import percent, share, to_money
from .permissions import actor_roles, can_edit_application, is_secretariat
from .transitions import (  # noqa: F401 - public surface
    NotEligibleError,
    TransitionNotAllowedError,
    application_transition,
    applications_expire,
)
from .validation import clean_text, validate_choice_list, validate_pdf

logger = logging.getLogger(__name__)

SCHEME_FIELDS = {
    "name",
    "type",
    "description",
    "total_budget",
    "opens_on",
    "closes_on",
    "min_amount",
    "max_amount",
    "aid_intensity",
    "intensity_by_size_class",
    "eligible_size_classes",
    "require_programme_area",
    "provider_rule",
    "accredited_providers",
    "requires_partner_sme",
    "max_vouchers_per_applicant",
    "applicant_annual_cap",
    "validity_months",
    "aid_regime",
    "required_attachments",
    "is_demo",
}
APPLICATION_FIELDS = {
    "provider",
    "partner",
    "title",
    "assignment_description",
    "quote_amount",
    "requested_amount",
    "planned_start",
    "planned_end",
    "de_minimis_declared",
    "de_minimis_other_aid",
}


def _percent(value, *, field: str) -> Decimal:
    pct = to_money(value, field=field)
    if pct > 100:
        raise ValidationError({field: _("A percentage cannot exceed 100.")})
    return pct


def _clean_scheme(scheme: Scheme, accredited) -> None:
    scheme.name = clean_text(scheme.name, field="name", max_length=200)
    scheme.description = clean_text(
        scheme.description, field="description", max_length=5000, required=False
    )
    if scheme.type not in SchemeType.values:
        raise ValidationError({"type": _("Choose a scheme type from the list.")})
    if scheme.provider_rule not in ProviderRule.values:
        raise ValidationError({"provider_rule": _("Choose a provider rule from the list.")})
    if scheme.aid_regime not in AidRegime.values:
        raise ValidationError({"aid_regime": _("Choose an aid regime from the list.")})
    for name in ("total_budget", "min_amount", "max_amount"):
        setattr(scheme, name, to_money(getattr(scheme, name), field=name))
    if scheme.applicant_annual_cap not in (None, ""):
        scheme.applicant_annual_cap = to_money(
            scheme.applicant_annual_cap, field="applicant_annual_cap"
        )
    else:
        scheme.applicant_annual_cap = None
    scheme.aid_intensity = _percent(scheme.aid_intensity, field="aid_intensity")
    if scheme.aid_regime == AidRegime.GBER_ART28:
        ceiling = aid_thresholds.gber28_max_intensity()
        if scheme.aid_intensity > ceiling:
            raise ValidationError(
                {
                    "aid_intensity": _("GBER article 28 allows at most %(pct)s %%.")
                    % {"pct": ceiling}
                }
            )
    overrides = scheme.intensity_by_size_class or {}
    if not isinstance(overrides, dict):
        raise ValidationError({"intensity_by_size_class": _("Give a percentage per size class.")})
    validate_choice_list(
        overrides.keys(), field="intensity_by_size_class", choices=SizeClass.values
    )
    scheme.intensity_by_size_class = {
        key: str(_percent(value, field="intensity_by_size_class"))
        for key, value in sorted(overrides.items())
    }
    scheme.eligible_size_classes = validate_choice_list(
        scheme.eligible_size_classes, field="eligible_size_classes", choices=SizeClass.values
    )
    if not scheme.eligible_size_classes:
        raise ValidationError({"eligible_size_classes": _("Choose at least one size class.")})
    scheme.required_attachments = validate_choice_list(
        scheme.required_attachments, field="required_attachments", choices=AttachmentKind.values
    )
    if scheme.provider_rule == ProviderRule.ACCREDITED and not accredited:
        raise ValidationError(
            {"accredited_providers": _("Name the accredited providers of this scheme.")}
        )
    scheme.full_clean(exclude=["created_by"])


@transaction.atomic
def scheme_create(*, created_by, **fields) -> Scheme:
    """Configure a new call. Only the secretariat. Raises ValidationError on bad rules."""
    if not is_secretariat(created_by):
        raise PermissionDenied
    second_factor.require(created_by)
    unknown = set(fields) - SCHEME_FIELDS
    if unknown:
        raise ValidationError({"non_field_errors": _("Unknown fields.")})
    accredited = list(fields.pop("accredited_providers", None) or [])
    scheme = Scheme(created_by=created_by, **fields)
    _clean_scheme(scheme, accredited)
    scheme.save()
    scheme.accredited_providers.set(accredited)
    audit_record(actor=created_by, action="voucher_scheme_created", obj=scheme)
    return scheme


@transaction.atomic
def scheme_update(*, scheme: Scheme, updated_by, **fields) -> Scheme:
    """Change a call. The budget cannot drop below what is committed and disbursed."""
    if not is_secretariat(updated_by):
        raise PermissionDenied
    second_factor.require(updated_by)
    if set(fields) - SCHEME_FIELDS:
        raise ValidationError({"non_field_errors": _("Unknown fields.")})
    scheme = Scheme.objects.select_for_update().get(pk=scheme.pk)
    accredited = fields.pop("accredited_providers", None)
    for name, value in fields.items():
        setattr(scheme, name, value)
    if accredited is None:
        accredited = list(scheme.accredited_providers.all())
    _clean_scheme(scheme, accredited)
    totals = selectors.scheme_totals(scheme=scheme)
    used = totals["committed"] + totals["disbursed"]
    if scheme.total_budget < used:
        raise ValidationError(
            {
                "total_budget": _(
                    "The budget cannot be lower than the %(used)s already committed and paid."
                )
                % {"used": format_money(used)}
            }
        )
    scheme.save()
    scheme.accredited_providers.set(accredited)
    audit_record(
        actor=updated_by,
        action="voucher_scheme_updated",
        obj=scheme,
        data={"fields": sorted(fields)},
    )
    return scheme


def _clean_application(app: Application) -> None:
    """Hard input rules: refused outright with a message per field."""
    app.title = clean_text(app.title, field="title", max_length=200)
    app.assignment_description = clean_text(
        app.assignment_description, field="assignment_description", max_length=10000
    )
    errors: dict[str, list[str]] = {}

    def money(name, allow_zero=False):
        try:
            setattr(app, name, to_money(getattr(app, name), field=name, allow_zero=allow_zero))
        except ValidationError as exc:
            errors.update(exc.message_dict)

    money("quote_amount")
    money("requested_amount")
    money("de_minimis_other_aid", allow_zero=True)
    scheme = app.scheme
    if not errors:
        intensity = scheme.intensity_for(app.applicant.size_class)
        ceiling = share(app.quote_amount, intensity)
        if app.requested_amount > scheme.max_amount:
            errors["requested_amount"] = [
                _("The voucher of %(amount)s exceeds the maximum of %(max)s of this call.")
                % {
                    "amount": format_money(app.requested_amount),
                    "max": format_money(scheme.max_amount),
                }
            ]
        elif app.requested_amount < scheme.min_amount:
            errors["requested_amount"] = [
                _("The voucher of %(amount)s is below the minimum of %(min)s of this call.")
                % {
                    "amount": format_money(app.requested_amount),
                    "min": format_money(scheme.min_amount),
                }
            ]
        elif app.requested_amount > ceiling:
            errors["requested_amount"] = [
                _("The voucher pays at most %(pct)s %% of the quote: %(ceiling)s.")
                % {"pct": percent(intensity), "ceiling": format_money(ceiling)}
            ]
    if not isinstance(app.planned_start, dt.date) or not isinstance(app.planned_end, dt.date):
        errors["planned_start"] = [_("Give a planned start and end date.")]
    elif app.planned_end < app.planned_start:
        errors["planned_end"] = [_("The planned end cannot be before the planned start.")]
    if app.provider_id == app.applicant_id:
        errors["provider"] = [_("The provider cannot be the applicant itself.")]
    if app.partner_id and app.partner_id in (app.applicant_id, app.provider_id):
        errors["partner"] = [_("The partner must be another organisation.")]
    if errors:
        raise ValidationError(errors)
    app.full_clean(
        exclude=["created_by", "idempotency_key", "idempotency_fingerprint"],
        validate_constraints=False,
    )


@retry_when_sqlite_locked
def application_create(
    *, scheme: Scheme, applicant: Organisation, created_by, idempotency_key: str = "", **fields
) -> tuple[Application, bool]:
    """Draft an application for `applicant` (the creator must be its member).

    With an `idempotency_key` a repeated call by the same person returns the
    application made the first time: (application, created); a repeat with other
    values raises IdempotencyKeyReused.
    Raises PermissionDenied or ValidationError; nothing is written then.
    """
    if set(fields) - APPLICATION_FIELDS:
        raise ValidationError({"non_field_errors": _("Unknown fields.")})
    key = clean_text(idempotency_key, field="idempotency_key", max_length=64, required=False)
    fingerprint = request_fingerprint({"scheme": scheme, "applicant": applicant, **fields})
    if key:
        existing = Application.objects.filter(created_by=created_by, idempotency_key=key).first()
        if existing is not None:
            check_repeat(
                stored_fingerprint=existing.idempotency_fingerprint, fingerprint=fingerprint
            )
            return existing, False
    if not is_member(created_by, applicant):
        raise PermissionDenied
    app = Application(
        scheme=scheme,
        applicant=applicant,
        created_by=created_by,
        idempotency_key=key,
        idempotency_fingerprint=fingerprint if key else "",
        **fields,
    )
    _clean_application(app)
    try:
        with transaction.atomic():
            app.save()
            audit_record(
                actor=created_by,
                action="voucher_application_created",
                obj=app,
                to_state=ApplicationStatus.DRAFT,
            )
    except IntegrityError:
        existing = Application.objects.filter(created_by=created_by, idempotency_key=key).first()
        if key and existing is not None:  # a concurrent retry won the race
            check_repeat(
                stored_fingerprint=existing.idempotency_fingerprint, fingerprint=fingerprint
            )
            return existing, False
        raise
    logger.info("voucher_application_created application=%s scheme=%s", app.pk, scheme.pk)
    return app, True


@transaction.atomic
def application_update(*, application: Application, updated_by, **fields) -> Application:
    """Change a draft. Only members of the applicant, only while it is a draft."""
    if set(fields) - APPLICATION_FIELDS:
        raise ValidationError({"non_field_errors": _("Unknown fields.")})
    app = Application.objects.select_for_update().get(pk=application.pk)
    if not can_edit_application(updated_by, app):
        raise PermissionDenied
    for name, value in fields.items():
        setattr(app, name, value)
    _clean_application(app)
    app.save()
    audit_record(
        actor=updated_by,
        action="voucher_application_updated",
        obj=app,
        data={"fields": sorted(fields)},
    )
    return app


UPLOADERS = {
    AttachmentKind.QUOTE: {"applicant"},
    AttachmentKind.SIGNED_ASSIGNMENT: {"applicant", "provider"},
    AttachmentKind.INVOICE: {"provider"},
    AttachmentKind.OTHER: {"applicant", "provider"},
}
OPEN_FOR_UPLOAD = {
    ApplicationStatus.DRAFT,
    ApplicationStatus.SUBMITTED,
    ApplicationStatus.REVIEWED,
    ApplicationStatus.APPROVED,
    ApplicationStatus.IN_PROGRESS,
}


@transaction.atomic
def attachment_add(*, application: Application, kind: str, file, uploaded_by) -> Attachment:
    """Attach a PDF (≤ 10 MB). Applicants upload quotes, providers invoices.

    Raises PermissionDenied when the person may not upload this kind now,
    ValidationError for a wrong kind or file.
    """
    if kind not in AttachmentKind.values:
        raise ValidationError({"kind": _("Choose a kind of document from the list.")})
    roles = {str(role) for role in actor_roles(uploaded_by, application)}
    if not roles & UPLOADERS[AttachmentKind(kind)] or application.status not in OPEN_FOR_UPLOAD:
        raise PermissionDenied
    validate_pdf(file)
    original = clean_text(
        (getattr(file, "name", "") or "document.pdf").rsplit("/", 1)[-1][-200:],
        field="file",
        max_length=200,
    )
    attachment = Attachment(
        application=application,
        kind=kind,
        token=secrets.token_hex(16),
        original_name=original,
        size=file.size,
        uploaded_by=uploaded_by,
    )
    attachment.file.save(f"{kind}.pdf", file, save=False)
    try:
        attachment.save()
    except Exception:
        attachment.file.delete(save=False)
        raise
    audit_record(
        actor=uploaded_by,
        action="voucher_attachment_added",
        obj=application,
        data={"kind": kind, "attachment": attachment.pk},
    )
    return attachment

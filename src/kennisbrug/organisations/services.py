"""Writes of the organisation registry. Pages, API, admin and demo all come here.

Every change leaves an audit record. Errors are django ValidationErrors keyed by
the organisation's field names, with translated messages.
"""

import copy
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, models, transaction
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from kennisbrug.core import second_factor
from kennisbrug.core.audit import audit_record
from kennisbrug.core.models import Country
from kennisbrug.core.services import postcode_resolve
from kennisbrug.core.validators import plain_text_check

from .constants import MembershipRole, MembershipStatus
from .duplicates import IDENTIFIERS, organisation_match
from .identifiers import kbo_compact, kvk_compact, vat_compact

# Merging duplicates lives in merge.py; re-exported here, the app's public surface.
from .merge import after as merge_follow_ups  # noqa: F401 (re-exported: apps tidy after a merge)
from .merge import organisation_merge as organisation_merge
from .merge import organisation_merge_plan as organisation_merge_plan
from .merge import rules as merge_rules  # noqa: F401 (re-exported: apps register merge rules)
from .models import Membership, Organisation
from .permissions import can_edit_organisation, join_refusal
from .size import size_class_determine

TEXT_FIELDS = [
    "name",
    "street",
    "postcode",
    "city",
    "phone",
    "description",
    "expertise",
    "offers",
    "needs",
    "website",
    "email",
]
PLAIN_FIELDS = [
    *TEXT_FIELDS,
    "type",
    "kbo_number",
    "kvk_number",
    "vat_number",
    "staff_headcount",
    "annual_turnover",
    "balance_sheet_total",
]
EDITABLE_FIELDS = [*PLAIN_FIELDS, "country", "sectors", "technologies"]
_UNIQUE = {
    "kbo_number": "organisations_unique_kbo",
    "kvk_number": "organisations_unique_kvk",
    "vat_number": "organisations_unique_vat",
}


def _constraint_message(name: str) -> str:
    for constraint in Organisation._meta.constraints:
        if constraint.name == name:
            return constraint.violation_error_message  # type: ignore[return-value]
    raise LookupError(name)


# Slugs that would shadow a page of the registry (/organisations/new/).
RESERVED_SLUGS = {"new", "import", "imports", "merges", "research-groups", "experts"}


def _unique_slug(name: str, *, exclude_pk=None) -> str:
    base = slugify(name)[:200] or "organisatie"
    slug, n = base, 1
    others = Organisation.objects.exclude(pk=exclude_pk)
    while slug in RESERVED_SLUGS or others.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def _apply(
    organisation: Organisation, data: dict[str, Any], *, resolve=postcode_resolve
) -> dict[str, list]:
    """Copy `data` onto the organisation, normalising and deriving; returns errors.

    `resolve` is core's postcode_resolve; the bulk import passes a memoised one.
    """
    errors: dict[str, list] = {}
    for key in PLAIN_FIELDS:
        if key in data:
            value = data[key]
            if isinstance(value, str):
                value = value.strip()
                field = Organisation._meta.get_field(key)
                limit = field.max_length if isinstance(field, models.Field) else None
                if key in TEXT_FIELDS and limit and len(value) > limit:
                    # TextField's max_length is not checked by full_clean: check all here.
                    errors.setdefault(key, []).append(
                        ValidationError(
                            _("Use at most %(limit)d characters (this has %(length)d)."),
                            code="max_length",
                            params={"limit": limit, "length": len(value)},
                        )
                    )
                    continue
            setattr(organisation, key, "" if value is None and key in TEXT_FIELDS else value)
    if "country" in data:
        country = data["country"]
        organisation.country_id = country.pk if isinstance(country, Country) else country
    country = organisation.country_id or ""

    for key, check in (("kbo_number", kbo_compact), ("kvk_number", kvk_compact)):
        try:
            setattr(organisation, key, check(getattr(organisation, key)))
        except ValidationError as exc:
            errors.setdefault(key, []).append(exc)
    if organisation.kbo_number and country != "BE":
        errors.setdefault("kbo_number", []).append(
            ValidationError(_("A KBO/BCE number only applies to organisations in Belgium."))
        )
    if organisation.kvk_number and country != "NL":
        errors.setdefault("kvk_number", []).append(
            ValidationError(_("A KvK number only applies to organisations in the Netherlands."))
        )
    try:
        organisation.vat_number = vat_compact(organisation.vat_number, country=country)
    except ValidationError as exc:
        errors.setdefault("vat_number", []).append(exc)
    else:
        if (
            country == "BE"
            and organisation.vat_number
            and organisation.kbo_number
            and organisation.vat_number[2:] != organisation.kbo_number
        ):
            errors.setdefault("vat_number", []).append(
                ValidationError(_("A Belgian VAT number must be the KBO/BCE number with BE."))
            )

    if country and "postcode" not in errors:
        if organisation.postcode:
            try:
                place = resolve(
                    country=country, postcode=organisation.postcode, city=organisation.city
                )
            except ValidationError as exc:
                errors.setdefault("postcode", []).append(exc)
            else:
                organisation.postcode = place.postcode
                organisation.nuts3 = place.nuts3
                organisation.municipality = place.municipality
        elif country in {"BE", "NL"}:
            errors.setdefault("postcode", []).append(
                ValidationError(_("Enter the postcode: it places the organisation in a region."))
            )
        else:
            organisation.nuts3 = organisation.municipality = None
    try:
        organisation.size_class = size_class_determine(
            type=organisation.type,
            staff_headcount=organisation.staff_headcount,
            annual_turnover=organisation.annual_turnover,
            balance_sheet_total=organisation.balance_sheet_total,
        )
    except ValidationError as exc:
        for key, messages in exc.message_dict.items():
            errors.setdefault(key, []).extend(messages)
    return errors


def _check_unique(organisation: Organisation, errors: dict[str, list]) -> None:
    others = Organisation.objects.exclude(pk=organisation.pk)
    for field, constraint in _UNIQUE.items():
        value = getattr(organisation, field)
        if value and field not in errors and others.filter(**{field: value}).exists():
            errors.setdefault(field, []).append(
                ValidationError(_constraint_message(constraint), code="unique")
            )


def _validate(organisation: Organisation, errors: dict[str, list]) -> None:
    try:
        organisation.full_clean(exclude=["slug", *errors.keys()], validate_constraints=False)
    except ValidationError as exc:
        for key, messages in exc.message_dict.items():
            errors.setdefault(key, []).extend(messages)
    _check_unique(organisation, errors)
    if errors:
        raise ValidationError(errors)


def _validate_and_save(organisation: Organisation, errors: dict[str, list]) -> None:
    _validate(organisation, errors)
    try:
        with transaction.atomic():
            organisation.save()
    except IntegrityError as exc:
        # Lost a race with a concurrent save of the same identifier.
        text = str(exc)
        raced = [f for f, c in _UNIQUE.items() if c in text or f in text] or list(_UNIQUE)
        raise ValidationError(
            {
                f: ValidationError(_constraint_message(_UNIQUE[f]), code="unique")
                for f in raced
                if getattr(organisation, f)
            }
            or _("This organisation could not be saved; please try again.")
        ) from None


def organisation_validate(*, data: dict[str, Any], organisation: Organisation | None = None):
    """Check `data` as organisation_create/update would, writing nothing.

    For forms that must show every error before saving (the admin). Raises
    ValidationError.
    """
    target = copy.copy(organisation) if organisation else Organisation()
    errors = _apply(target, {k: v for k, v in data.items() if k in EDITABLE_FIELDS})
    if not target.country_id:
        errors.setdefault("country", []).append(ValidationError(_("Choose a country.")))
    _validate(target, errors)


def _set_relations(organisation: Organisation, data: dict[str, Any]) -> None:
    if "sectors" in data:
        organisation.sectors.set(data["sectors"] or [])
    if "technologies" in data:
        organisation.technologies.set(data["technologies"] or [])


@transaction.atomic
def organisation_create(*, created_by, data: dict[str, Any]) -> Organisation:
    """Register an organisation; `created_by` becomes its active admin.

    `data` holds field values by name (see EDITABLE_FIELDS); `name`, `type` and
    `country` are required. Raises ValidationError (nothing written) on bad input,
    invalid identifiers, an unknown postcode, contradictory size figures or a
    duplicate KBO/KvK/VAT number.
    """
    organisation = Organisation(created_by=created_by if created_by else None)
    errors = _apply(organisation, {k: v for k, v in data.items() if k in EDITABLE_FIELDS})
    if not organisation.country_id:
        errors.setdefault("country", []).append(ValidationError(_("Choose a country.")))
    organisation.slug = _unique_slug(organisation.name or "")
    _validate_and_save(organisation, errors)
    _set_relations(organisation, data)
    Membership.objects.create(
        user=created_by,
        organisation=organisation,
        role=MembershipRole.ADMIN,
        status=MembershipStatus.ACTIVE,
    )
    audit_record(
        actor=created_by,
        action="organisation_created",
        obj=organisation,
        data={"name": organisation.name, "type": organisation.type},
    )
    return organisation


@transaction.atomic
def organisation_update(*, organisation: Organisation, updated_by, data: dict[str, Any]):
    """Change an organisation's profile; only its admins and the secretariat may.

    Only keys present in `data` change. Raises PermissionDenied, or
    ValidationError with nothing written.
    """
    if not can_edit_organisation(updated_by, organisation):
        raise PermissionDenied
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    before = {f: str(getattr(organisation, f)) for f in [*PLAIN_FIELDS, "country_id"]}
    errors = _apply(organisation, {k: v for k, v in data.items() if k in EDITABLE_FIELDS})
    _validate_and_save(organisation, errors)
    _set_relations(organisation, data)
    changed = sorted(f for f in before if str(getattr(organisation, f)) != before[f]) + sorted(
        k for k in ("sectors", "technologies") if k in data
    )
    audit_record(
        actor=updated_by, action="organisation_updated", obj=organisation, data={"fields": changed}
    )
    return organisation


@dataclass(frozen=True)
class Registration:
    """What registering led to: a new organisation, or a request to join an existing one."""

    organisation: Organisation
    membership: Membership
    created: bool
    # For a request: why the organisation counts as the same ("kbo_number", "kvk_number",
    # "vat_number" or "name" for a near-identical name at the same postcode).
    matched_by: str = ""


@transaction.atomic
def organisation_register(*, user, data: dict[str, Any]) -> Registration:
    """Register an organisation, unless it is already in the registry.

    An organisation with the same KBO/BCE, KvK or VAT number, or with a nearly
    identical name at the same postcode in the same country, is not copied: the
    user asks to join it instead (membership_request; its admins decide, or the
    secretariat when it has none). Otherwise as organisation_create: the user
    becomes the new organisation's admin. Raises ValidationError (nothing written)
    on bad input, or when the user is already a member or waiting to join the
    organisation that matched.
    """
    probe = Organisation()
    errors = _apply(probe, {k: v for k, v in data.items() if k in EDITABLE_FIELDS})
    if not probe.country_id:
        errors.setdefault("country", []).append(ValidationError(_("Choose a country.")))
    if errors:
        raise ValidationError(errors)
    match = organisation_match(
        name=probe.name,
        country=probe.country_id,
        postcode=probe.postcode,
        identifiers={field: getattr(probe, field) for field in IDENTIFIERS},
    )
    if match is None:
        organisation = organisation_create(created_by=user, data=data)
        membership = Membership.objects.get(user=user, organisation=organisation)
        return Registration(organisation=organisation, membership=membership, created=True)
    try:
        membership = membership_request(user=user, organisation=match.organisation)
    except ValidationError as exc:
        already = {
            "member": _("%(name)s is already registered, and you are already one of its members."),
            "pending": _(
                "%(name)s is already registered, and your request to join it is already "
                "waiting for approval."
            ),
        }
        if exc.code in already:
            raise ValidationError(
                already[exc.code], code=exc.code, params={"name": match.organisation.name}
            ) from None
        raise
    audit_record(
        actor=user,
        action="organisation_registration_matched",
        obj=match.organisation,
        data={"matched_by": match.matched_by, "name_given": probe.name},
    )
    return Registration(
        organisation=match.organisation,
        membership=membership,
        created=False,
        matched_by=match.matched_by,
    )


def _can_manage_members(user, organisation: Organisation) -> bool:
    return can_edit_organisation(user, organisation)


@transaction.atomic
def membership_request(*, user, organisation: Organisation, message: str = "") -> Membership:
    """Ask to join an organisation; an admin decides. A rejected person may ask again.

    Raises ValidationError when the person is already a member or already waiting.
    """
    message = (message or "").strip()
    plain_text_check(message, field="message")
    if len(message) > 1000:
        raise ValidationError(
            {"message": _("Keep the message under 1000 characters.")}, code="max_length"
        )
    membership = (
        Membership.objects.select_for_update().filter(user=user, organisation=organisation).first()
    )
    refusal = join_refusal(membership)
    if refusal:
        raise ValidationError(refusal[1], code=refusal[0])
    if membership:
        membership.status = MembershipStatus.PENDING
        membership.role = MembershipRole.MEMBER
        membership.message = message
        membership.save()
    else:
        try:
            with transaction.atomic():
                membership = Membership.objects.create(
                    user=user, organisation=organisation, message=message
                )
        except IntegrityError:
            raise ValidationError(
                _("Your request to join is already waiting for approval."), code="pending"
            ) from None
    audit_record(
        actor=user,
        action="membership_requested",
        obj=membership,
        to_state=MembershipStatus.PENDING,
        reason=message,
    )
    return membership


def _decide(membership: Membership, decided_by, to_state: str, action: str) -> Membership:
    if not _can_manage_members(decided_by, membership.organisation):
        raise PermissionDenied
    second_factor.require(decided_by)
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if membership.status != MembershipStatus.PENDING:
        raise ValidationError(_("This request has already been decided."), code="decided")
    membership.status = to_state
    membership.save(update_fields=["status", "updated_at"])
    audit_record(
        actor=decided_by,
        action=action,
        obj=membership,
        from_state=MembershipStatus.PENDING,
        to_state=to_state,
    )
    return membership


@transaction.atomic
def membership_approve(*, membership: Membership, decided_by) -> Membership:
    """Admit a pending member. Only organisation admins and the secretariat may."""
    return _decide(membership, decided_by, MembershipStatus.ACTIVE, "membership_approved")


@transaction.atomic
def membership_reject(*, membership: Membership, decided_by) -> Membership:
    """Turn down a pending request. Only organisation admins and the secretariat may."""
    return _decide(membership, decided_by, MembershipStatus.REJECTED, "membership_rejected")


def _last_admin(membership: Membership) -> bool:
    admins = Membership.objects.select_for_update().filter(
        organisation_id=membership.organisation_id,
        role=MembershipRole.ADMIN,
        status=MembershipStatus.ACTIVE,
    )
    return list(admins.values_list("pk", flat=True)) == [membership.pk]


@transaction.atomic
def membership_set_role(*, membership: Membership, role: str, changed_by) -> Membership:
    """Make an active member admin or member. The last admin cannot step down."""
    if not _can_manage_members(changed_by, membership.organisation):
        raise PermissionDenied
    if role not in MembershipRole.values:
        raise ValidationError({"role": _("Choose a valid role.")}, code="invalid_role")
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if membership.status != MembershipStatus.ACTIVE:
        raise ValidationError(_("Only active members can get a role."), code="not_active")
    if role == membership.role:
        return membership
    if role != MembershipRole.ADMIN and _last_admin(membership):
        raise ValidationError(
            _("An organisation needs at least one admin; appoint another admin first."),
            code="last_admin",
        )
    old = membership.role
    membership.role = role
    membership.save(update_fields=["role", "updated_at"])
    audit_record(
        actor=changed_by,
        action="membership_role_changed",
        obj=membership,
        from_state=old,
        to_state=role,
    )
    return membership


@transaction.atomic
def membership_remove(*, membership: Membership, removed_by) -> None:
    """Remove someone from an organisation. The last admin cannot be removed."""
    if not _can_manage_members(removed_by, membership.organisation):
        raise PermissionDenied
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if membership.role == MembershipRole.ADMIN and _last_admin(membership):
        raise ValidationError(
            _("An organisation needs at least one admin; appoint another admin first."),
            code="last_admin",
        )
    audit_record(
        actor=removed_by,
        action="membership_removed",
        obj=membership,
        from_state=membership.status,
        data={"user": membership.user_id, "role": membership.role},
    )
    membership.delete()

"""Bulk import of organisations: preview row by row, then commit all or nothing.

    preview = organisation_import_preview(content=..., filename=...)
    organisation_import_commit(content=..., filename=..., user=..., fingerprint=preview.fingerprint)

The commit validates the file again inside its transaction and refuses when the
plan differs from the preview the person confirmed (`fingerprint`), when any row
is refused, or when the person is not the secretariat. Running the same file a
second time finds every row unchanged and writes nothing.

An empty cell leaves the organisation's value as it is: a file with only a few
columns updates only those.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kennisbrug.core.audit import audit_record
from kennisbrug.core.imports import columns as cells
from kennisbrug.core.imports.plan import (
    CREATE,
    REFUSED,
    UNCHANGED,
    UPDATE,
    ImportChangedError,
    ImportPreview,
    country_codes,
    field_label,
    fingerprint,
    read_file,
    row_texts,
)
from kennisbrug.core.imports.plan import RowPlan as BaseRowPlan
from kennisbrug.core.imports.reading import ImportFileError
from kennisbrug.core.models import Sector
from kennisbrug.core.sector_mapping import sectors_for_nace, sectors_for_sbi
from kennisbrug.core.services import postcode_resolve
from kennisbrug.core.tasks import enqueue_on_commit

from .. import services as registry
from ..constants import MembershipStatus
from ..identifiers import kbo_compact, kvk_compact, vat_compact
from ..models import Invitation, Membership, Organisation
from .columns import ORGANISATION_COLUMNS, parse_activity_codes, parse_country, parse_type
from .matching import IDENTIFIERS, Index, Known, name_key, registry_index

__all__ = ["CREATE", "REFUSED", "UNCHANGED", "UPDATE", "ImportChangedError", "ImportPreview"]
NUMBER_FIELDS = {
    "staff_headcount": cells.parse_integer,
    "annual_turnover": cells.parse_decimal,
    "balance_sheet_total": cells.parse_decimal,
}
COMPARED = [*registry.PLAIN_FIELDS, "country_id"]


def can_import_organisations(user) -> bool:
    return bool(getattr(user, "is_secretariat", False))


@dataclass
class RowPlan(BaseRowPlan):
    region: str = ""
    in_programme_area: bool | None = None
    organisation_id: int | None = None
    invites: list[str] = field(default_factory=list)
    sectors: list[str] = field(default_factory=list)
    target: Organisation | None = field(default=None, repr=False)


def _memoised_resolve():
    @lru_cache(maxsize=4096)
    def resolve(*, country: str, postcode: str, city: str = ""):
        return postcode_resolve(country=country, postcode=postcode, city=city)

    return resolve


def _label(key: str) -> str:
    return field_label(key, columns=ORGANISATION_COLUMNS, model=Organisation)


def _compact_identifiers(data: dict[str, Any]) -> dict[str, str]:
    """Identifiers in their stored form for matching; invalid ones are left to _apply."""
    found = {}
    for key, check in (("kbo_number", kbo_compact), ("kvk_number", kvk_compact)):
        try:
            found[key] = check(data.get(key, ""))
        except ValidationError:
            found[key] = ""
    try:
        found["vat_number"] = vat_compact(data.get("vat_number", ""), country=data["country"])
    except (ValidationError, KeyError):
        found["vat_number"] = ""
    return found


def _parse_cells(texts: dict, codes: dict[str, str], row: RowPlan) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for key, cell in texts.items():
        text = cell.text
        try:
            if key == "type":
                data[key] = parse_type(text)
            elif key == "country":
                data[key] = parse_country(text, codes=codes)
            elif key in NUMBER_FIELDS and cell.number is not None:
                data[key] = cells.exact_number(cell.number, integer=key == "staff_headcount")
            elif key in NUMBER_FIELDS:
                data[key] = NUMBER_FIELDS[key](text)
            elif key == "member_emails":
                data[key] = cells.parse_emails(text)
            elif key == "activity_codes":
                data[key] = parse_activity_codes(text)
            else:
                data[key] = text
        except ValidationError as exc:
            row.errors.extend(f"{_label(key)}: {m}" for m in exc.messages)
    return data


def _duplicates(row: RowPlan, data, ids, file_index: Index, db_index: Index, place, key):
    """The registry organisation this row updates (or None), refusing duplicates."""
    for known in file_index.by_ids(ids):
        row.errors.append(_("Same identifier as row %(line)d of this file.") % {"line": known.line})
    if place:
        same, similar = file_index.at_place(country=place[0], postcode=place[1], key=key)
        for known in [*same, *similar]:
            if known in file_index.by_ids(ids):
                continue
            row.errors.append(
                _("Same or nearly the same name and postcode as row %(line)d of this file.")
                % {"line": known.line}
            )
    hits = db_index.by_ids(ids)
    if len(hits) > 1:
        row.errors.append(
            _("The identifiers belong to different organisations: %(names)s.")
            % {"names": ", ".join(h.name for h in hits)}
        )
        return None
    if hits:
        return hits[0]
    if not place:
        return None
    same, similar = db_index.at_place(country=place[0], postcode=place[1], key=key)
    for known in same:
        conflict = [k for k in IDENTIFIERS if ids.get(k) and known.identifiers.get(k)]
        if not conflict:
            return known
        row.errors.append(
            _(
                "“%(name)s” at the same postcode is already registered with another "
                "identifier; check the number."
            )
            % {"name": known.name}
        )
        return None
    for known in similar:
        row.errors.append(
            _(
                "Possible duplicate of “%(name)s” at the same postcode: add its KBO/BCE or "
                "KvK number to update it, or correct the name."
            )
            % {"name": known.name}
        )
    return None


def _already_linked(organisation_id: int) -> set[str]:
    emails = set(
        Membership.objects.filter(
            organisation_id=organisation_id,
            status__in=[MembershipStatus.ACTIVE, MembershipStatus.PENDING],
        ).values_list("user__email", flat=True)
    )
    emails |= set(
        Invitation.objects.filter(organisation_id=organisation_id).values_list("email", flat=True)
    )
    return {e.lower() for e in emails}


def _region(organisation: Organisation) -> tuple[str, bool | None]:
    if organisation.nuts3 is None:
        return "", None
    return str(organisation.nuts3), organisation.nuts3.in_programme_area


def _plan_row(row: RowPlan, data, existing: Known | None, resolve) -> None:
    if existing is not None and existing.pk is not None:
        current = Organisation.objects.get(pk=existing.pk)
        target = copy.copy(current)
        row.organisation_id = current.pk
        if "country" not in data:
            data["country"] = current.country_id
    else:
        current, target = None, Organisation()
    fields = {k: v for k, v in data.items() if k in registry.EDITABLE_FIELDS}
    errors = registry._apply(target, fields, resolve=resolve)
    if not target.country_id:
        errors.setdefault("country", []).append(ValidationError(_("Choose a country.")))
    try:
        target.full_clean(exclude=["slug", *errors.keys()], validate_constraints=False)
    except ValidationError as exc:
        for key, messages in exc.message_dict.items():
            errors.setdefault(key, []).extend(messages)
    if current is None:
        for required in ("name", "type"):
            if not data.get(required) and required not in row.values:
                errors[required] = [ValidationError(_("This column is required."))]
    if errors:
        for key, messages in ValidationError(errors).message_dict.items():
            row.errors.extend(f"{_label(key)}: {m}" if key != "__all__" else m for m in messages)
    row.target = target
    row.region, row.in_programme_area = _region(target)
    row.sectors = _sectors(data.get("activity_codes", []), country=target.country_id)
    emails = data.get("member_emails", [])
    row.invites = [e for e in emails if e not in _already_linked(current.pk)] if current else emails
    if row.errors:
        row.action = REFUSED
    elif current is None:
        row.action = CREATE
    else:
        row.changes = [_label(f) for f in COMPARED if getattr(current, f) != getattr(target, f)]
        if set(row.sectors) - set(current.sectors.values_list("code", flat=True)):
            row.changes.append(_label("sectors"))
        row.action = UPDATE if row.changes or row.invites else UNCHANGED


def _sectors(codes: list[str], *, country: str) -> list[str]:
    """Priority sectors from NACE-BEL (Belgian and other organisations) or SBI (Dutch) codes."""
    found: dict[str, None] = {}
    for code in codes:
        mapped = sectors_for_sbi(code) if country == "NL" else sectors_for_nace(code)
        found.update(dict.fromkeys(mapped))
    return list(found)


def _fingerprint(rows: list[RowPlan]) -> str:
    return fingerprint(
        [
            [
                r.line,
                r.action,
                r.organisation_id,
                {f: str(getattr(r.target, f)) for f in COMPARED} if r.target else {},
                r.invites,
                r.sectors,
            ]
            for r in rows
        ]
    )


def organisation_import_preview(
    *, content: bytes, filename: str = "", progress=None
) -> ImportPreview:
    """What importing `content` (CSV or XLSX bytes) would do, row by row; writes nothing.

    Raises ImportFileError (translated messages) when the file as a whole is
    unusable: too large, unreadable, too many rows, required columns missing.
    """
    table, positions = read_file(content=content, filename=filename, columns=ORGANISATION_COLUMNS)
    codes = country_codes()
    resolve = _memoised_resolve()
    db_index, file_index = registry_index(), Index()
    rows: list[RowPlan] = []
    for done, (line, found) in enumerate(table.rows, start=1):
        if progress is not None and done > 1:
            progress(done - 1)
        row = RowPlan(line=line, name="")
        rows.append(row)
        texts = row_texts(
            table=table, cells=found, positions=positions, columns=ORGANISATION_COLUMNS, row=row
        )
        if texts is None:
            continue
        data = _parse_cells(texts, codes, row)
        row.name = str(data.get("name", row.values.get("name", "")))[:200]
        ids = _compact_identifiers(data)
        place = None
        if data.get("country") and not data.get("postcode"):
            place = (data["country"], "")
        elif data.get("country"):
            try:
                resolved = resolve(
                    country=data["country"], postcode=data["postcode"], city=data.get("city", "")
                )
                place = (data["country"], resolved.postcode)
            except ValidationError:
                place = None  # reported by _apply
        key = name_key(row.name)
        existing = _duplicates(row, data, ids, file_index, db_index, place, key)
        _plan_row(row, data, existing, resolve)
        file_index.add(
            Known(name=row.name, key=key, identifiers=ids, line=line),
            country=place[0] if place else "",
            postcode=place[1] if place else "",
        )
    if progress is not None:
        progress(len(rows))
    preview = ImportPreview(kind=table.kind, rows=rows)
    preview.fingerprint = _fingerprint(rows)
    return preview


def _invite(*, organisation: Organisation, email: str, user) -> None:
    """Invite `email`; the mail goes after commit. Nobody becomes a member without
    saying so: a person with an account accepts on their dashboard, a newcomer by
    registering and confirming this address (invitations_accept)."""
    from ..tasks import invitation_mail

    invitation = Invitation.objects.create(organisation=organisation, email=email, invited_by=user)
    has_account = get_user_model().objects.filter(email__iexact=email).exists()
    audit_record(
        actor=user,
        action="organisation_member_invited",
        obj=organisation,
        data={"email": email, "has_account": has_account},
    )
    enqueue_on_commit(invitation_mail, invitation.pk)


@transaction.atomic
def organisation_import_commit(
    *, content: bytes, filename: str = "", user, fingerprint: str
) -> ImportPreview:
    """Write what the preview showed, all or nothing; returns the plan it carried out.

    `user` None is the operator on the command line (manage.py); pages and the
    API always pass the person. Raises PermissionDenied (not the secretariat),
    ImportFileError (the file or a row is refused), ImportChangedError (the plan
    differs from `fingerprint`).
    """
    if user is not None and not can_import_organisations(user):
        raise PermissionDenied
    preview = organisation_import_preview(content=content, filename=filename)
    if preview.fingerprint != fingerprint:
        raise ImportChangedError
    if not preview.can_commit:
        raise ImportFileError(
            [_("The file has refused rows; correct them and upload the file again.")]
        )
    for row in preview.rows:
        target = row.target
        assert target is not None
        if row.action == CREATE:
            target.slug = registry._unique_slug(target.name)
            target.created_by = user if getattr(user, "is_authenticated", False) else None
            registry._validate_and_save(target, {})
            audit_record(
                actor=user,
                action="organisation_imported",
                obj=target,
                data={"name": target.name, "type": target.type, "line": row.line},
            )
        elif row.action == UPDATE and row.changes:
            registry._validate_and_save(target, {})
            audit_record(
                actor=user,
                action="organisation_updated",
                obj=target,
                data={"fields": row.changes, "import_line": row.line},
            )
        if row.sectors and row.action in (CREATE, UPDATE):
            # Added, never removed: the codes say what an organisation does, not all it does.
            target.sectors.add(*Sector.objects.filter(code__in=row.sectors))
        for email in row.invites:
            _invite(organisation=target, email=email, user=user)
    return preview


@transaction.atomic
def invitations_accept(*, user, email: str) -> int:
    """Turn the open invitations for a confirmed address into active memberships.

    Called when `user` has confirmed owning `email` (allauth's email_confirmed);
    returns how many organisations the person joined.
    """
    joined = 0
    for invitation in Invitation.objects.select_for_update().filter(
        email__iexact=email.strip(), accepted_at__isnull=True
    ):
        membership, created = Membership.objects.get_or_create(
            user=user,
            organisation=invitation.organisation,
            defaults={"role": invitation.role, "status": MembershipStatus.ACTIVE},
        )
        if not created and membership.status != MembershipStatus.ACTIVE:
            membership.status = MembershipStatus.ACTIVE
            membership.save(update_fields=["status", "updated_at"])
        invitation.accepted_at = timezone.now()
        invitation.save(update_fields=["accepted_at", "updated_at"])
        audit_record(
            actor=user,
            action="membership_invitation_accepted",
            obj=membership,
            to_state=MembershipStatus.ACTIVE,
        )
        joined += 1
    return joined


def invitation_list(*, user) -> list[Invitation]:
    """Open invitations to the address of `user`, for them to accept or decline."""
    if not getattr(user, "is_authenticated", False) or not user.email:
        return []
    return list(
        Invitation.objects.filter(email__iexact=user.email, accepted_at__isnull=True)
        .select_related("organisation")
        .order_by("organisation__name")
    )


@transaction.atomic
def invitation_answer(*, invitation: Invitation, user, accept: bool) -> Membership | None:
    """The invited person accepts (an active membership) or declines (the invitation
    goes). Raises PermissionDenied for anyone but the person at the invited address,
    ValidationError when the invitation was answered already."""
    if not getattr(user, "is_authenticated", False) or (
        (user.email or "").lower() != invitation.email.lower()
    ):
        raise PermissionDenied
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at is not None:
        raise ValidationError(_("This invitation has already been answered."))
    if not accept:
        audit_record(
            actor=user,
            action="membership_invitation_declined",
            obj=invitation.organisation,
            data={"email": invitation.email},
        )
        invitation.delete()
        return None
    membership, created = Membership.objects.get_or_create(
        user=user,
        organisation=invitation.organisation,
        defaults={"role": invitation.role, "status": MembershipStatus.ACTIVE},
    )
    if not created and membership.status != MembershipStatus.ACTIVE:
        membership.status = MembershipStatus.ACTIVE
        membership.save(update_fields=["status", "updated_at"])
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at", "updated_at"])
    audit_record(
        actor=user,
        action="membership_invitation_accepted",
        obj=membership,
        to_state=MembershipStatus.ACTIVE,
    )
    return membership

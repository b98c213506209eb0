"""Writes of the labour market: trainings (providers), vacancies (employers), contact requests.

Who may write: active members of the organisation that offers the training or
vacancy. A contact request goes from such a member to an opted-in profile; only
the person answers it, and only an accepted request reveals who they are.
"""

from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kennisbrug.core.audit import audit_record
from kennisbrug.core.models import Nuts3Region, Sector
from kennisbrug.core.money import round_money
from kennisbrug.core.validators import plain_text_check
from kennisbrug.organisations.models import Organisation
from kennisbrug.organisations.permissions import is_member

from ..constants import (
    ContactStatus,
    Language,
    TrainingAudience,
    TrainingMode,
    VacancyStatus,
)
from ..models import (
    Occupation,
    Profile,
    QualificationLevel,
    Training,
    Vacancy,
    VacancyContact,
)
from ..models.market import MAX_COST
from ..selectors.profiles import skills_from_uris

MAX_TRAINING_SKILLS = 50
MAX_START_DATES = 20
TRAINING_FIELDS = (
    "title",
    "description",
    "skills",
    "level",
    "language",
    "mode",
    "nuts3",
    "cost",
    "duration_hours",
    "start_dates",
    "audiences",
    "sectors",
    "is_published",
)
VACANCY_FIELDS = ("title", "description", "occupation", "nuts3", "level", "status")


def can_manage(user, organisation: Organisation) -> bool:
    """Active members of the organisation manage its trainings and vacancies."""
    return bool(organisation) and is_member(user, organisation)


def _require_member(user, organisation: Organisation) -> None:
    if not can_manage(user, organisation):
        raise PermissionDenied(_("Only members of this organisation may do this."))


def _text(value, field: str, max_length: int, required: bool = False) -> str:
    text = str(value or "").strip()
    plain_text_check(text, field=field)
    if required and not text:
        raise ValidationError({field: _("This field is required.")})
    if len(text) > max_length:
        raise ValidationError(
            {field: _("At most %(n)d characters.") % {"n": max_length}}, code="too_long"
        )
    return text


def _level(value) -> QualificationLevel | None:
    if value in (None, ""):
        return None
    if isinstance(value, QualificationLevel):
        return value
    level = QualificationLevel.objects.filter(key=str(value)[:10]).first()
    if level is None:
        raise ValidationError({"level": _("Unknown qualification level.")})
    return level


def _nuts3(value) -> Nuts3Region | None:
    if value in (None, ""):
        return None
    if isinstance(value, Nuts3Region):
        return value
    region = Nuts3Region.objects.filter(code=str(value).upper()[:5]).first()
    if region is None or region.country_id not in ("BE", "NL"):
        raise ValidationError({"nuts3": _("Choose a region in Belgium or the Netherlands.")})
    return region


def _dates(values) -> list[str]:
    if not isinstance(values, list | tuple):
        raise ValidationError({"start_dates": _("Give the start dates as a list.")})
    if len(values) > MAX_START_DATES:
        raise ValidationError(
            {"start_dates": _("At most %(n)d start dates.") % {"n": MAX_START_DATES}}
        )
    out = []
    for value in values:
        if isinstance(value, datetime.date):
            out.append(value.isoformat())
            continue
        try:
            out.append(datetime.date.fromisoformat(str(value).strip()).isoformat())
        except ValueError as exc:
            raise ValidationError(
                {"start_dates": _("Write dates as YYYY-MM-DD, for example 2026-09-01.")}
            ) from exc
    return sorted(set(out))


def _clean_training(fields: dict, partial: bool) -> dict:
    unknown = set(fields) - set(TRAINING_FIELDS)
    if unknown:
        raise ValidationError(_("Unknown field: %(field)s") % {"field": sorted(unknown)[0][:40]})
    out: dict = {}
    if not partial or "title" in fields:
        out["title"] = _text(fields.get("title"), "title", 200, required=True)
    if "description" in fields:
        out["description"] = _text(fields["description"], "description", 5000)
    if not partial or "skills" in fields:
        uris = fields.get("skills") or []
        if not uris:
            raise ValidationError({"skills": _("Name at least one skill the training teaches.")})
        if len(uris) > MAX_TRAINING_SKILLS:
            raise ValidationError({"skills": _("At most %(n)d skills.") % {"n": 50}})
        out["skills"] = skills_from_uris([str(u) for u in uris])
    if "level" in fields:
        out["level"] = _level(fields["level"])
    for name, choices, label in (
        ("language", Language.values, _("Unknown language.")),
        ("mode", TrainingMode.values, _("Unknown mode.")),
    ):
        if not partial or name in fields:
            if fields.get(name) not in choices:
                raise ValidationError({name: label})
            out[name] = fields[name]
    if "nuts3" in fields:
        out["nuts3"] = _nuts3(fields["nuts3"])
    if not partial or "cost" in fields:
        try:
            cost = round_money(str(fields.get("cost")))
        except (InvalidOperation, ValueError) as exc:
            raise ValidationError({"cost": _("Give the cost in euros, e.g. 450.00.")}) from exc
        if not Decimal("0") <= cost <= MAX_COST:
            raise ValidationError({"cost": _("The cost must be between 0 and 99,999,999.99.")})
        out["cost"] = cost
    if not partial or "duration_hours" in fields:
        hours = fields.get("duration_hours")
        if not isinstance(hours, int) or isinstance(hours, bool) or not 1 <= hours <= 5000:
            raise ValidationError(
                {"duration_hours": _("The duration must be between 1 and 5000 hours.")}
            )
        out["duration_hours"] = hours
    if "start_dates" in fields:
        out["start_dates"] = _dates(fields["start_dates"])
    if "audiences" in fields:
        audiences = list(dict.fromkeys(fields["audiences"] or []))
        if any(a not in TrainingAudience.values for a in audiences):
            raise ValidationError({"audiences": _("Unknown target group.")})
        out["audiences"] = audiences
    if "sectors" in fields:
        codes = [getattr(s, "code", s) for s in fields["sectors"] or []]
        sectors = list(Sector.objects.filter(code__in=codes))
        if len(sectors) != len(set(codes)):
            raise ValidationError({"sectors": _("Unknown sector.")})
        out["sectors"] = sectors
    if "is_published" in fields:
        out["is_published"] = bool(fields["is_published"])
    return out


def _save_training(training: Training, fields: dict) -> Training:
    skills = fields.pop("skills", None)
    sectors = fields.pop("sectors", None)
    for key, value in fields.items():
        setattr(training, key, value)
    if training.mode != TrainingMode.ONLINE and training.nuts3_id is None:
        raise ValidationError({"nuts3": _("Give the location of a training on site.")})
    training.full_clean()
    training.save()
    if skills is not None:
        training.skills.set(skills)
    if sectors is not None:
        training.sectors.set(sectors)
    return training


@transaction.atomic
def training_create(*, user, provider: Organisation, **fields) -> Training:
    """Publish a training of ``provider``. PermissionDenied unless the user is an active
    member of the provider; ValidationError for bad fields (nothing is written)."""
    _require_member(user, provider)
    training = _save_training(Training(provider=provider), _clean_training(fields, False))
    audit_record(actor=user, action="skills_training_created", obj=training)
    return training


@transaction.atomic
def training_update(*, user, training: Training, **fields) -> Training:
    """Change a training; same rules as training_create, only the given fields."""
    _require_member(user, training.provider)
    training = _save_training(training, _clean_training(fields, True))
    audit_record(actor=user, action="skills_training_updated", obj=training)
    return training


@transaction.atomic
def training_delete(*, user, training: Training) -> None:
    _require_member(user, training.provider)
    audit_record(actor=user, action="skills_training_deleted", obj=training)
    training.delete()


def _occupation(value) -> Occupation:
    if isinstance(value, Occupation):
        return value
    ref = str(value or "").strip()[:200]
    occupation = None
    if ref.isdigit():
        occupation = Occupation.objects.filter(pk=int(ref)).first()
    elif ref:
        occupation = Occupation.objects.filter(uri=ref).first()
    if occupation is None:
        raise ValidationError({"occupation": _("Unknown occupation.")})
    return occupation


def _clean_vacancy(fields: dict, partial: bool) -> dict:
    unknown = set(fields) - set(VACANCY_FIELDS)
    if unknown:
        raise ValidationError(_("Unknown field: %(field)s") % {"field": sorted(unknown)[0][:40]})
    out: dict = {}
    if not partial or "title" in fields:
        out["title"] = _text(fields.get("title"), "title", 200, required=True)
    if "description" in fields:
        out["description"] = _text(fields["description"], "description", 5000)
    if not partial or "occupation" in fields:
        out["occupation"] = _occupation(fields.get("occupation"))
    if not partial or "nuts3" in fields:
        region = _nuts3(fields.get("nuts3"))
        if region is None:
            raise ValidationError({"nuts3": _("Give the place of work.")})
        out["nuts3"] = region
    if "level" in fields:
        out["level"] = _level(fields["level"])
    if "status" in fields:
        if fields["status"] not in VacancyStatus.values:
            raise ValidationError({"status": _("Unknown status.")})
        out["status"] = fields["status"]
    return out


@transaction.atomic
def vacancy_create(*, user, organisation: Organisation, **fields) -> Vacancy:
    """Publish a vacancy of ``organisation`` (active members only); ValidationError for bad
    fields, PermissionDenied for anyone else."""
    _require_member(user, organisation)
    vacancy = Vacancy(organisation=organisation, created_by=user)
    for key, value in _clean_vacancy(fields, False).items():
        setattr(vacancy, key, value)
    vacancy.full_clean()
    vacancy.save()
    audit_record(actor=user, action="skills_vacancy_created", obj=vacancy)
    return vacancy


@transaction.atomic
def vacancy_update(*, user, vacancy: Vacancy, **fields) -> Vacancy:
    _require_member(user, vacancy.organisation)
    for key, value in _clean_vacancy(fields, True).items():
        setattr(vacancy, key, value)
    vacancy.full_clean()
    vacancy.save()
    audit_record(actor=user, action="skills_vacancy_updated", obj=vacancy)
    return vacancy


@transaction.atomic
def vacancy_delete(*, user, vacancy: Vacancy) -> None:
    _require_member(user, vacancy.organisation)
    audit_record(actor=user, action="skills_vacancy_deleted", obj=vacancy)
    vacancy.delete()


@transaction.atomic
def contact_request(
    *, user, vacancy: Vacancy, profile: Profile, message: str = ""
) -> VacancyContact:
    """An employer asks an opted-in person to get in touch about an open vacancy.

    PermissionDenied unless the user is a member of the vacancy's organisation and the
    person opted in; ValidationError for a closed vacancy, a repeated request or bad text.
    """
    _require_member(user, vacancy.organisation)
    if not profile.open_to_employers:
        raise PermissionDenied(_("This person does not accept requests from employers."))
    if vacancy.status != VacancyStatus.OPEN:
        raise ValidationError(_("This vacancy is closed."))
    message = _text(message, "message", 2000)
    if VacancyContact.objects.filter(vacancy=vacancy, profile=profile).exists():
        raise ValidationError(_("This person was already asked for this vacancy."))
    contact = VacancyContact.objects.create(vacancy=vacancy, profile=profile, message=message)
    audit_record(actor=user, action="skills_contact_requested", obj=contact)
    return contact


@transaction.atomic
def contact_respond(*, user, contact: VacancyContact, accept: bool) -> VacancyContact:
    """The person accepts (identity shown to the employer) or declines a pending request."""
    contact = VacancyContact.objects.select_for_update().get(pk=contact.pk)
    if contact.profile.user_id != getattr(user, "pk", None):
        raise PermissionDenied(_("Only the person asked may answer."))
    if contact.status != ContactStatus.PENDING:
        raise ValidationError(_("You already answered this request."))
    old = contact.status
    contact.status = ContactStatus.ACCEPTED if accept else ContactStatus.DECLINED
    contact.save(update_fields=["status", "updated_at"])
    audit_record(
        actor=user,
        action="skills_contact_answered",
        obj=contact,
        from_state=old,
        to_state=contact.status,
    )
    return contact

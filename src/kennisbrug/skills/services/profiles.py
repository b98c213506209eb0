"""Writes of the skills app: profiles (with consent), their skills, export and deletion."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kennisbrug.core.audit import audit_record

from ..constants import CONSENT_VERSION, Language, PersonContext, SkillSource
from ..models import Occupation, Profile, ProfileOccupation, ProfileSkill, QualificationLevel
from ..selectors.profiles import location_resolve, skills_from_uris, validate_travel

PROFILE_FIELDS = (
    "experience_text",
    "qualification_level",
    "languages",
    "postcode",
    "country",
    "max_travel_km",
    "cross_border",
    "context",
    "open_to_employers",
)


def _clean_fields(fields: dict) -> dict:
    out = {}
    for key, value in fields.items():
        if key not in PROFILE_FIELDS:
            raise ValidationError(_("Unknown field: %(field)s") % {"field": key[:40]})
        out[key] = value
    if "experience_text" in out:
        text = (out["experience_text"] or "").strip()
        if len(text) > 5000:
            raise ValidationError({"experience_text": _("The text is too long.")})
        out["experience_text"] = text
    if "languages" in out:
        langs = list(dict.fromkeys(out["languages"] or []))
        if any(lang not in Language.values for lang in langs):
            raise ValidationError({"languages": _("Unknown language.")})
        out["languages"] = langs
    if "context" in out and (out["context"] or "") not in PersonContext.values:
        raise ValidationError({"context": _("Unknown situation.")})
    if "max_travel_km" in out:
        validate_travel(out["max_travel_km"])
    if "qualification_level" in out and isinstance(out["qualification_level"], str):
        level = QualificationLevel.objects.filter(key=out["qualification_level"]).first()
        if level is None:
            raise ValidationError({"qualification_level": _("Unknown qualification level.")})
        out["qualification_level"] = level
    return out


def _apply_location(profile: Profile, fields: dict) -> None:
    postcode = fields.pop("postcode", None)
    country = fields.pop("country", None)
    if postcode is None and country is None:
        return
    if not postcode:
        profile.postcode, profile.country, profile.nuts3 = "", None, None
        return
    country_code = getattr(country, "code", country) or None
    location = location_resolve(postcode=postcode, country=country_code)
    profile.postcode = location.postcode
    profile.country_id = location.country
    profile.nuts3_id = location.nuts3


@transaction.atomic
def profile_create(*, user, consent: bool, **fields) -> Profile:
    """Create the person's own profile. Requires explicit consent; one profile per person.

    Raises ValidationError without consent, for a second profile or for bad fields.
    """
    if consent is not True:
        raise ValidationError(
            {"consent": _("We can only keep a profile when you agree to the privacy statement.")}
        )
    if Profile.objects.filter(user=user).exists():
        raise ValidationError(_("You already have a skills profile."))
    fields = _clean_fields(fields)
    profile = Profile(user=user, consent_given_at=timezone.now(), consent_version=CONSENT_VERSION)
    _apply_location(profile, fields)
    for key, value in fields.items():
        setattr(profile, key, value)
    profile.full_clean()
    profile.save()
    audit_record(actor=user, action="skills_profile_created", obj=profile)
    return profile


@transaction.atomic
def profile_update(*, profile: Profile, actor, **fields) -> Profile:
    """Change the person's own profile fields; ValidationError for bad values."""
    fields = _clean_fields(fields)
    _apply_location(profile, fields)
    for key, value in fields.items():
        setattr(profile, key, value)
    profile.full_clean()
    profile.save()
    audit_record(
        actor=actor, action="skills_profile_updated", obj=profile, data={"fields": sorted(fields)}
    )
    return profile


@transaction.atomic
def profile_add_skills(
    *,
    profile: Profile,
    skill_uris: list[str],
    source: str = SkillSource.PICKED,
    confirmed: bool = True,
) -> list[ProfileSkill]:
    """Add skills by URI (unknown URIs → ValidationError, nothing added)."""
    skills = skills_from_uris(skill_uris)
    added = []
    for skill in skills:
        obj, created = ProfileSkill.objects.get_or_create(
            profile=profile, skill=skill, defaults={"source": source, "confirmed": confirmed}
        )
        if not created and confirmed and not obj.confirmed:
            obj.confirmed = True
            obj.save(update_fields=["confirmed"])
        added.append(obj)
    return added


@transaction.atomic
def profile_recognise_text(*, profile: Profile, text: str) -> list[ProfileSkill]:
    """Store the text and propose the skills recognised in it (unconfirmed)."""
    from ..selectors.profiles import text_recognition

    profile_update(profile=profile, actor=profile.user, experience_text=text)
    recognised, _covered = text_recognition(text=profile.experience_text)
    proposed = []
    for r in recognised:
        obj, created = ProfileSkill.objects.get_or_create(
            profile=profile,
            skill_id=r["skill_id"],
            defaults={"source": SkillSource.TEXT, "confirmed": False, "score": r["score"]},
        )
        if created:
            proposed.append(obj)
    return proposed


@transaction.atomic
def profile_confirm_skills(*, profile: Profile, skill_ids: list[int]) -> int:
    """Confirm the chosen proposals; the other unconfirmed proposals are dropped."""
    ids = {int(i) for i in skill_ids}
    pending = profile.profile_skills.filter(confirmed=False)
    confirmed = pending.filter(skill_id__in=ids).update(confirmed=True)
    pending.exclude(skill_id__in=ids).delete()
    return confirmed


@transaction.atomic
def profile_remove_skill(*, profile: Profile, skill_id: int) -> None:
    profile.profile_skills.filter(skill_id=skill_id).delete()


@transaction.atomic
def profile_set_past_occupations(*, profile: Profile, occupation_uris: list[str]) -> None:
    uris = list(dict.fromkeys(occupation_uris))[:20]
    found = list(Occupation.objects.filter(uri__in=uris))
    if len(found) != len(uris):
        raise ValidationError({"occupations": _("Unknown occupation.")})
    profile.profile_occupations.all().delete()
    ProfileOccupation.objects.bulk_create(
        [ProfileOccupation(profile=profile, occupation=o) for o in found]
    )


def profile_export(*, profile: Profile) -> dict:
    """Everything the platform keeps about the person's profile, as plain JSON data."""
    return {
        "user": {"email": profile.user.email},
        "consent": {
            "given_at": profile.consent_given_at.isoformat(),
            "version": profile.consent_version,
        },
        "experience_text": profile.experience_text,
        "qualification_level": profile.qualification_level_id,
        "languages": profile.languages,
        "postcode": profile.postcode,
        "country": profile.country_id,
        "region": profile.nuts3_id,
        "max_travel_km": profile.max_travel_km,
        "cross_border": profile.cross_border,
        "context": profile.context,
        "open_to_employers": profile.open_to_employers,
        "skills": [
            {
                "uri": ps.skill.uri,
                "label_en": ps.skill.label_en,
                "label_nl": ps.skill.label_nl,
                "source": ps.source,
                "confirmed": ps.confirmed,
            }
            for ps in profile.profile_skills.select_related("skill").order_by("skill__label_en")
        ],
        "past_occupations": [
            {"uri": po.occupation.uri, "label_en": po.occupation.label_en}
            for po in profile.profile_occupations.select_related("occupation")
        ],
        "contact_requests": [
            {
                "vacancy": c.vacancy.title,
                "employer": c.vacancy.organisation.name,
                "status": c.status,
                "message": c.message,
                "created_at": c.created_at.isoformat(),
            }
            for c in profile.contacts.select_related("vacancy__organisation")
        ],
        "created_at": profile.created_at.isoformat(),
        "updated_at": profile.updated_at.isoformat(),
    }


@transaction.atomic
def profile_delete(*, profile: Profile, actor) -> None:
    """Delete the profile for good, with its skills, past occupations and contact requests
    (and their messages); the person's training participations become anonymous (they
    still count in the indicators, for nobody in particular).

    The audit trail keeps only that a profile was deleted, not what it held.
    """
    from .participation import training_participations_anonymise

    audit_record(actor=actor, action="skills_profile_deleted", obj=profile)
    training_participations_anonymise(user=profile.user)
    profile.delete()

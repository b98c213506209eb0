"""The skills app's personal data about a person: the skills profile (with its skills,
past occupations and employers' contact requests with their messages) and the training
participations (GDPR export/erasure)."""

from __future__ import annotations

from kennisbrug.core.personal_data import PersonalDataSource

from . import services
from .models import Profile, TrainingParticipation


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def _export(user) -> dict:
    profile = Profile.objects.filter(user=user).first()
    participations = TrainingParticipation.objects.filter(user=user).select_related(
        "training__provider", "employer"
    )
    return {
        "profile": services.profile_export(profile=profile) if profile else None,
        "training_participations": [
            {
                "training": p.training.title,
                "provider": p.training.provider.name,
                "employer": p.employer.name if p.employer else None,
                "employer_id": p.employer_id,
                "status": p.status,
                "enrolled_at": _iso(p.enrolled_at),
                "completed_at": _iso(p.completed_at),
            }
            for p in participations.order_by("enrolled_at", "pk")
        ],
    }


def _erase(user) -> None:
    profile = Profile.objects.filter(user=user).first()
    if profile is not None:
        services.profile_delete(profile=profile, actor=None)
    services.training_participations_anonymise(user=user)


def _subjects(user) -> list:
    return [
        *Profile.objects.filter(user=user),
        *TrainingParticipation.objects.filter(user=user),
    ]


SOURCE = PersonalDataSource(export=_export, erase=_erase, subjects=_subjects)

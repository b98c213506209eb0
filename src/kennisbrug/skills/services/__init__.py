"""Writes of the skills app (profiles; trainings, vacancies and contact requests)."""

from .market import (
    can_manage,
    contact_request,
    contact_respond,
    training_create,
    training_delete,
    training_update,
    vacancy_create,
    vacancy_delete,
    vacancy_update,
)
from .participation import (
    training_enrol,
    training_participation_complete,
    training_participation_withdraw,
    training_participations_anonymise,
)
from .profiles import (
    profile_add_skills,
    profile_confirm_skills,
    profile_create,
    profile_delete,
    profile_export,
    profile_recognise_text,
    profile_remove_skill,
    profile_set_past_occupations,
    profile_update,
)

__all__ = [
    "can_manage",
    "contact_request",
    "contact_respond",
    "profile_add_skills",
    "profile_confirm_skills",
    "profile_create",
    "profile_delete",
    "profile_export",
    "profile_recognise_text",
    "profile_remove_skill",
    "profile_set_past_occupations",
    "profile_update",
    "training_create",
    "training_delete",
    "training_enrol",
    "training_participation_complete",
    "training_participation_withdraw",
    "training_participations_anonymise",
    "training_update",
    "vacancy_create",
    "vacancy_delete",
    "vacancy_update",
]

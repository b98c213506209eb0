"""Models of the skills app: the ESCO taxonomy, qualification levels, the labour market, profiles."""

from .market import BottleneckOccupation, Training, TrainingSkill, Vacancy, VacancyContact
from .participation import TrainingParticipation
from .profiles import Profile, ProfileOccupation, ProfileSkill
from .taxonomy import (
    EscoRelease,
    IscoGroup,
    Occupation,
    OccupationSkill,
    QualificationLevel,
    Skill,
)

__all__ = [
    "BottleneckOccupation",
    "EscoRelease",
    "IscoGroup",
    "Occupation",
    "OccupationSkill",
    "Profile",
    "ProfileOccupation",
    "ProfileSkill",
    "QualificationLevel",
    "Skill",
    "Training",
    "TrainingParticipation",
    "TrainingSkill",
    "Vacancy",
    "VacancyContact",
]

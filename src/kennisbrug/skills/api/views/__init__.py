"""API views of the skills app: profiles; labour market; training participation."""

from .market import (
    LearningPathApi,
    TrainingDetailApi,
    TrainingListApi,
    VacancyDetailApi,
    VacancyListApi,
)
from .participation import (
    ParticipationCompleteApi,
    TrainingEnrolApi,
)
from .profiles import (
    OccupationMatchApi,
    ProfileApi,
)

__all__ = [
    "LearningPathApi",
    "OccupationMatchApi",
    "ParticipationCompleteApi",
    "ProfileApi",
    "TrainingDetailApi",
    "TrainingEnrolApi",
    "TrainingListApi",
    "VacancyDetailApi",
    "VacancyListApi",
]

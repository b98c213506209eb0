"""Pages of the skills app: profiles; labour market; training participation."""

from .market import (
    labour_market,
    training_edit,
    training_list,
    vacancy_detail,
    vacancy_edit,
    vacancy_list,
)
from .participation import (
    participation_complete,
    training_enrol,
    training_participants,
)
from .profiles import (
    contact_answer,
    index,
    learning_path_page,
    matches,
    occupation_detail,
    profile_confirm,
    profile_delete,
    profile_export,
    profile_page,
    suggest,
)

__all__ = [
    "contact_answer",
    "index",
    "labour_market",
    "learning_path_page",
    "matches",
    "occupation_detail",
    "participation_complete",
    "profile_confirm",
    "profile_delete",
    "profile_export",
    "profile_page",
    "suggest",
    "training_edit",
    "training_enrol",
    "training_list",
    "training_participants",
    "vacancy_detail",
    "vacancy_edit",
    "vacancy_list",
]

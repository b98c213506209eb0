"""Keep the kept catalogues of trainings and vacancies (views.market) current.

Training cards show the training's fields, its provider's name, its level and region, and
the sectors filter on its sectors; vacancy cards show the vacancy's fields, its employer's
name and its occupation's labels (which the search also reads). A write to any of them
renders the catalogue anew (core.fragments); regions and sector names are reference data,
which every kept fragment follows already. Memberships and participations are read on
every request (they make the audience), so they bump nothing. Writes that bypass signals
bump the versions themselves: the ESCO import (occupations in bulk).
"""

from kennisbrug.core.fragments import renew_on_writes
from kennisbrug.organisations.models import Organisation

from .models import Occupation, QualificationLevel, Training, Vacancy

TRAININGS_FRAGMENT = "trainings"
VACANCIES_FRAGMENT = "vacancies"


def connect() -> None:
    renew_on_writes(
        (TRAININGS_FRAGMENT,),
        models=(Training, QualificationLevel, Organisation),
        relations=(Training.sectors.through,),
        uid="skills_trainings_catalogue",
    )
    renew_on_writes(
        (VACANCIES_FRAGMENT,),
        models=(Vacancy, Occupation, Organisation),
        uid="skills_vacancies_catalogue",
    )

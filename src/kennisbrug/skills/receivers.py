"""Keep the kept catalogues of trainings and vacancies (views.market) current.

Training cards show the training's fields, its provider's name, its level and region, and
the sectors filter on its sectors; vacancy cards show the vacancy's fields, its employer's
name and its occupation's labels (which the search also reads). A write to any of them
renders the catalogue anew (core.fragments); regions and sector names are reference data,
which every kept fragment follows already. Memberships and participations are read on
every request (they make the audience), so they bump nothing. Writes that bypass signals
bump the versions themselves: the ESCO import (occupations in bulk).
"""

from django.db.models.signals import m2m_changed, post_delete, post_save

from kennisbrug.core.fragments import fragments_changed
from kennisbrug.organisations.models import Organisation

from .models import Occupation, QualificationLevel, Training, Vacancy

TRAININGS_FRAGMENT = "trainings"
VACANCIES_FRAGMENT = "vacancies"


def _trainings_changed(sender, **kwargs) -> None:
    fragments_changed(TRAININGS_FRAGMENT)


def _vacancies_changed(sender, **kwargs) -> None:
    fragments_changed(VACANCIES_FRAGMENT)


def _both_changed(sender, **kwargs) -> None:
    fragments_changed(TRAININGS_FRAGMENT, VACANCIES_FRAGMENT)


def _training_sectors_changed(sender, action, **kwargs) -> None:
    if action in {"post_add", "post_remove", "post_clear"}:
        fragments_changed(TRAININGS_FRAGMENT)


def connect() -> None:
    receivers = (
        (Training, _trainings_changed),
        (QualificationLevel, _trainings_changed),
        (Vacancy, _vacancies_changed),
        (Occupation, _vacancies_changed),
        (Organisation, _both_changed),
    )
    for model, receiver in receivers:
        for signal in (post_save, post_delete):
            signal.connect(
                receiver, sender=model, dispatch_uid=f"skills_catalogue_{model.__name__}"
            )
    m2m_changed.connect(
        _training_sectors_changed,
        sender=Training.sectors.through,
        dispatch_uid="skills_catalogue_training_sectors",
    )

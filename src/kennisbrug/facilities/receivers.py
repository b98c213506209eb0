"""Keep the cached catalogues (views.facilities.facility_list, views.labs.living_lab_list)
current.

The facility cards show each facility's fields, tags and owner's name, the living-lab cards
each lab's fields and its coordinator's name, so a write to any of them renders the
catalogue anew (core.fragments). Country names are reference data (their own version).
"""

from django.db.models.signals import m2m_changed, post_delete, post_save

from kennisbrug.core.fragments import fragments_changed
from kennisbrug.organisations.models import Organisation

from .models import Facility, LivingLab

CATALOGUE_FRAGMENT = "facilities"
LIVING_LABS_FRAGMENT = "living_labs"


def _changed(sender, **kwargs) -> None:
    fragments_changed(CATALOGUE_FRAGMENT)


def _labs_changed(sender, **kwargs) -> None:
    fragments_changed(LIVING_LABS_FRAGMENT)


def _tags_changed(sender, action, **kwargs) -> None:
    if action in {"post_add", "post_remove", "post_clear"}:
        fragments_changed(CATALOGUE_FRAGMENT)


def connect() -> None:
    for model in (Facility, Organisation):
        for signal in (post_save, post_delete):
            signal.connect(
                _changed, sender=model, dispatch_uid=f"facility_catalogue_{model.__name__}"
            )
    for through in (Facility.sectors.through, Facility.technologies.through):
        m2m_changed.connect(
            _tags_changed, sender=through, dispatch_uid=f"facility_catalogue_{through.__name__}"
        )
    # Organisations: the cards show the coordinator's name, and a merge moves labs to the
    # kept entry with update() (no signals) before it deletes the other (post_delete).
    for lab_model in (LivingLab, Organisation):
        for signal in (post_save, post_delete):
            signal.connect(
                _labs_changed,
                sender=lab_model,
                dispatch_uid=f"living_lab_catalogue_{lab_model.__name__}",
            )

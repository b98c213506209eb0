"""Keep the cached anonymous catalogue (views.facilities.facility_list) current.

Its cards show each facility's fields, tags and owner's name, so a write to any of them
renders the catalogue anew (core.fragments).
"""

from django.db.models.signals import m2m_changed, post_delete, post_save

from kennisbrug.core.fragments import fragments_changed
from kennisbrug.organisations.models import Organisation

from .models import Facility

CATALOGUE_FRAGMENT = "facilities"


def _changed(sender, **kwargs) -> None:
    fragments_changed(CATALOGUE_FRAGMENT)


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

"""Keep the cached catalogues (views.facilities.facility_list, views.labs.living_lab_list)
current.

The facility cards show each facility's fields, tags and owner's name, the living-lab cards
each lab's fields and its coordinator's name, so a write to any of them renders the
catalogue anew (core.fragments). Country names are reference data (their own version).
"""

from kennisbrug.core.fragments import renew_on_writes
from kennisbrug.organisations.models import Organisation

from .models import Facility, LivingLab

CATALOGUE_FRAGMENT = "facilities"
LIVING_LABS_FRAGMENT = "living_labs"


def connect() -> None:
    renew_on_writes(
        (CATALOGUE_FRAGMENT,),
        models=(Facility, Organisation),
        relations=(Facility.sectors.through, Facility.technologies.through),
        uid="facility_catalogue",
    )
    # Organisations: the cards show the coordinator's name, and a merge moves labs to the
    # kept entry with update() (no signals) before it deletes the other (post_delete).
    renew_on_writes(
        (LIVING_LABS_FRAGMENT,), models=(LivingLab, Organisation), uid="living_lab_catalogue"
    )

"""The pilot list: what a proposer and a living lab's admins see, and nobody else."""

import pytest

from kennisbrug.facilities import selectors
from kennisbrug.organisations.tests.factories import MembershipFactory

from .factories import LivingLabFactory, PilotFactory

pytestmark = pytest.mark.django_db


def test_pilot_list_for_proposer_lab_admin_and_stranger(roles):
    lab = LivingLabFactory(owner=roles.organisation)
    in_lab = PilotFactory(living_lab=lab)
    own = PilotFactory(proposer=roles.other)
    PilotFactory()  # elsewhere, by someone else
    assert list(selectors.pilot_list_for(user=roles.admin)) == [in_lab]
    assert list(selectors.pilot_list_for(user=roles.member)) == []  # members do not manage
    assert list(selectors.pilot_list_for(user=roles.other)) == [own]
    # Proposer of a pilot in a lab they also administer: listed once, newest first.
    both = PilotFactory(living_lab=lab, proposer=roles.admin)
    assert list(selectors.pilot_list_for(user=roles.admin)) == [both, in_lab]
    outsider = MembershipFactory().user
    assert not selectors.pilot_list_for(user=outsider).exists()

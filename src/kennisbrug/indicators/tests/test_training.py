"""RCO85, RCR81 and RCR98 end to end from skills participations made through the services."""

import pytest

from kennisbrug.accounts.tests.factories import UserFactory
from kennisbrug.indicators import counting, sources
from kennisbrug.indicators.evidence import Context
from kennisbrug.organisations.models import Membership
from kennisbrug.organisations.tests.factories import OrganisationFactory
from kennisbrug.skills import services
from kennisbrug.skills.tests.factories import TrainingFactory

from .test_sources import member, value

pytestmark = pytest.mark.django_db


@pytest.fixture
def cast(db):
    class Cast:
        provider = OrganisationFactory(name="Opleider Gent", knowledge_institution=True)
        teacher = member(provider)
        sme_nl = OrganisationFactory(name="Mkb Eindhoven", dutch=True)
        sme_be = OrganisationFactory(name="Kmo Gent")
        large_be = OrganisationFactory(name="Groot Gent", type="large_enterprise")
        # Given in Belgium by a Belgian provider: joint only through its participants.
        t1 = TrainingFactory(provider=provider, title="Lassen", nuts3_id="BE234")
        t2 = TrainingFactory(provider=provider, title="Leiderschap", audiences=["sme_managers"])
        # Given in the Netherlands by the Belgian provider: joint by itself.
        t3 = TrainingFactory(provider=provider, title="Robotica", nuts3_id="NL414")
        people = {name: UserFactory(full_name=name) for name in "ABCDEFG"}

    return Cast


def enrol(cast, training, person, employer=None, *, complete=False, withdraw=False):
    if employer is not None:  # a person names only an organisation they belong to
        Membership.objects.get_or_create(
            user=cast.people[person], organisation=employer, defaults={"status": "active"}
        )
    p = services.training_enrol(training=training, user=cast.people[person], employer=employer)
    if complete:
        services.training_participation_complete(participation=p, by=cast.teacher)
    if withdraw:
        services.training_participation_withdraw(participation=p, by=cast.people[person])
    return p


def test_training_indicators_exact_values(cast, settings):
    settings.KENNISBRUG_MIN_GROUP_SIZE = 1
    c = cast
    assert value("RCO85") == (0, 0) and value("RCR81") == (0, 0) and value("RCR98") == (0, 0)
    enrol(c, c.t1, "A", c.sme_nl, complete=True)  # makes t1 joint (NL employer, BE provider)
    enrol(c, c.t3, "A", c.sme_nl, complete=True)  # the same person twice: counts once
    enrol(c, c.t1, "B", complete=True)  # no employer; t1 is joint
    enrol(c, c.t1, "C", c.sme_be, withdraw=True)  # withdrawn: never counts
    enrol(c, c.t2, "D", c.sme_be, complete=True)  # t2 is Belgian only: not joint
    enrol(c, c.t2, "E", c.sme_be, complete=True)
    enrol(c, c.t2, "F", c.large_be, complete=True)  # not an SME
    enrol(c, c.t2, "G", c.sme_be)  # enrolled, not completed
    enrol(c, c.t3, "G", c.sme_be)  # enrolled in a joint training: counts in RCO85
    assert counting.joint_trainings(Context(), sources.training_participations(Context())) == {
        c.t1.id,
        c.t3.id,
    }
    assert value("RCO85") == (3, 0)  # A, B, G
    assert value("RCR81") == (2, 0)  # A, B
    assert value("RCR98") == (2, 0)  # D, E: SME staff completing a training for SME managers


def test_people_who_delete_their_data_still_count_once(cast, settings):
    settings.KENNISBRUG_MIN_GROUP_SIZE = 1
    c = cast
    enrol(c, c.t1, "A", c.sme_nl, complete=True)
    enrol(c, c.t3, "A", c.sme_nl, complete=True)  # A twice: one person
    enrol(c, c.t1, "B", complete=True)
    enrol(c, c.t2, "D", c.sme_be, complete=True)
    before = (value("RCO85"), value("RCR81"), value("RCR98"))
    assert before == ((2, 0), (2, 0), (1, 0))
    for name in "AD":
        assert services.training_participations_anonymise(user=c.people[name]) >= 1
    assert (value("RCO85"), value("RCR81"), value("RCR98")) == before
    # A new enrolment of a person who deleted their data is a new person to the platform.
    enrol(c, c.t3, "A", c.sme_nl)
    assert value("RCO85") == (3, 0)


def test_withdrawn_foreign_participant_does_not_make_a_training_joint(cast, settings):
    settings.KENNISBRUG_MIN_GROUP_SIZE = 1
    c = cast
    enrol(c, c.t1, "A", c.sme_nl, withdraw=True)
    enrol(c, c.t1, "B", c.sme_be, complete=True)
    assert value("RCO85") == (0, 0) and value("RCR81") == (0, 0)


def test_small_groups_of_people_are_suppressed(cast):
    c = cast
    enrol(c, c.t3, "A", c.sme_nl, complete=True)
    assert value("RCO85") == (None, 0)  # one person: "fewer than 5"
    for name in "BCDE":
        enrol(c, c.t3, name, c.sme_nl)
    assert value("RCO85") == (5, 0)

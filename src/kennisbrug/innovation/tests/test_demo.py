import io
import random

import pytest

from kennisbrug.innovation import demo
from kennisbrug.innovation.models import InnovationQuestion, Introduction
from kennisbrug.organisations.tests.factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def test_demo_questions_and_introductions_in_every_state():
    for n in range(4):
        MembershipFactory(organisation=OrganisationFactory(is_demo=True, name=f"Kmo {n}"))
        OrganisationFactory(is_demo=True, knowledge_institution=True, dutch=True, name=f"KI {n}")
    demo.generate(rng=random.Random(1), scale=1, stdout=io.StringIO())
    assert InnovationQuestion.objects.filter(is_demo=True).count() == 40
    titles = set(InnovationQuestion.objects.values_list("title", flat=True))
    assert any("Lasersnijden" in t for t in titles) and any("Robotic welding" in t for t in titles)
    states = set(Introduction.objects.values_list("state", flat=True))
    assert states == {"requested", "accepted", "declined", "withdrawn", "expired"}
    for intro in Introduction.objects.all():
        intro.full_clean()

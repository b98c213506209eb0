import io
import random

import pytest

from kennisbrug.projects import demo
from kennisbrug.projects.models import Challenge, Network, ProjectIdea

pytestmark = pytest.mark.django_db


def test_demo_data_in_several_states(fit_checker):
    demo.generate(rng=random.Random(1), scale=1, stdout=io.StringIO())
    assert set(ProjectIdea.objects.values_list("status", flat=True)) == {
        "draft",
        "ready",
        "archived",
    }
    assert set(Network.objects.values_list("kind", flat=True)) == {"cluster", "network"}
    assert len(set(Challenge.objects.values_list("status", flat=True))) == 6
    assert ProjectIdea.objects.exclude(fit_check=None).exists()
    assert all(i.is_demo for i in ProjectIdea.objects.all())

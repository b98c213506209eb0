import io
import random

import pytest

from kennisbrug.skills import demo
from kennisbrug.skills.constants import TrainingAudience
from kennisbrug.skills.models import BottleneckOccupation, Profile, Training, Vacancy

pytestmark = pytest.mark.django_db


def _counts():
    return (
        Training.objects.count(),
        Vacancy.objects.count(),
        BottleneckOccupation.objects.count(),
        Profile.objects.count(),
    )


def test_demo_data_covers_both_sides_and_is_deterministic():
    out = io.StringIO()
    demo.generate(rng=random.Random(1), scale=1, stdout=out)
    trainings = list(Training.objects.select_related("nuts3", "provider"))
    assert len(trainings) >= 80
    countries = {t.country_id for t in trainings}
    assert {"BE", "NL"} <= countries
    sme = [t for t in trainings if TrainingAudience.SME_MANAGERS in t.audiences]
    assert sme and all(t.sectors.exists() for t in sme)
    assert {t.mode for t in trainings} >= {"online", "on_site"}
    assert {t.language for t in trainings} == {"nl", "en"}
    assert all(t.skills.exists() and t.start_dates and t.level_id for t in trainings)
    provinces = set(BottleneckOccupation.objects.values_list("province_id", flat=True))
    assert {"BE21", "BE25", "NL34", "NL41", "NL42"} <= provinces
    assert BottleneckOccupation.objects.filter(country_id="NL").exclude(category="").exists()
    assert Vacancy.objects.filter(occupation__bottlenecks__isnull=False).exists()
    people = Profile.objects.all()
    assert people.filter(open_to_employers=True).exists()
    assert people.filter(open_to_employers=False).exists()
    first = [(t.title, t.cost, t.language) for t in Training.objects.order_by("id")]
    assert "trainings" in out.getvalue()
    # same seed on an emptied database gives the same data
    Training.objects.all().delete()
    Vacancy.objects.all().delete()
    BottleneckOccupation.objects.all().delete()
    for p in Profile.objects.select_related("user"):
        p.user.delete()
    demo.generate(rng=random.Random(1), scale=1, stdout=io.StringIO())
    assert [(t.title, t.cost, t.language) for t in Training.objects.order_by("id")] == first
    assert _counts()[0] == len(first)


def _participation_shape():
    from kennisbrug.skills.models import TrainingParticipation

    return sorted(
        TrainingParticipation.objects.values_list(
            "training__title", "user__email", "employer__name", "status", "enrolled_at"
        )
    )


def test_demo_participations_some_completed_some_by_sme_staff_and_deterministic():
    from kennisbrug.accounts.models import User
    from kennisbrug.skills.models import TrainingParticipation

    demo.generate(rng=random.Random(3), scale=1, stdout=io.StringIO())
    parts = TrainingParticipation.objects.all()
    assert parts.count() >= 20 and parts.filter(is_demo=False).count() == 0
    assert {"enrolled", "completed", "withdrawn"} <= set(parts.values_list("status", flat=True))
    completed_sme = parts.filter(status="completed", employer__type="sme")
    assert completed_sme.exists()
    assert any(TrainingAudience.SME_MANAGERS in p.training.audiences for p in completed_sme)
    assert not parts.filter(status="completed", completed_at__isnull=True).exists()
    first = _participation_shape()
    TrainingParticipation.objects.all().delete()
    Training.objects.all().delete()
    Vacancy.objects.all().delete()
    BottleneckOccupation.objects.all().delete()
    User.objects.filter(email__startswith="demo.").delete()
    User.objects.filter(email=demo.JOB_SEEKER_EMAIL).delete()
    demo.generate(rng=random.Random(3), scale=1, stdout=io.StringIO())
    assert _participation_shape() == first

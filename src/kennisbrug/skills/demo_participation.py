"""Demo training participations: the demo people enrol in trainings, some complete them,
some for an SME employer, some across the border (feeds RCO85, RCR81, RCR98)."""

from __future__ import annotations

import datetime
import random
from zoneinfo import ZoneInfo

from kennisbrug.accounts.models import User
from kennisbrug.organisations.models import Organisation

from .constants import ParticipationStatus, TrainingAudience
from .models import Training, TrainingParticipation

BRUSSELS = ZoneInfo("Europe/Brussels")
BASE = datetime.datetime(2026, 1, 12, 9, 0, tzinfo=BRUSSELS)


LEARNERS = 24  # extra demo learners (accounts without a skills profile) per scale step


def _learners(scale: int) -> None:
    for i in range(LEARNERS * scale):
        email = f"demo.learner{i + 1:03d}@example.org"
        if not User.objects.filter(email=email).exists():
            user = User.objects.create_user(email, None, full_name=f"Demo cursist {i + 1}")
            user.set_unusable_password()
            user.save()


def participations(rng: random.Random, employers: list[Organisation], scale: int = 1) -> int:
    """Each demo person and learner enrols in two or three published demo trainings
    (deterministic from rng): about half complete, a tenth withdraw, most name an employer."""
    _learners(scale)
    trainings = list(Training.objects.filter(is_demo=True, is_published=True).order_by("id"))
    people = list(User.objects.filter(email__regex=r"^demo\.(person|learner)").order_by("email"))
    if not trainings or not people:
        return 0
    sme_trainings = [t for t in trainings if TrainingAudience.SME_MANAGERS in t.audiences]
    rows = []
    for person in people:
        chosen = rng.sample(trainings, k=min(len(trainings), rng.choice([2, 3])))
        if sme_trainings and rng.random() < 0.5:
            extra = rng.choice(sme_trainings)
            if extra not in chosen:
                chosen.append(extra)
        employer = rng.choice(employers) if employers and rng.random() < 0.8 else None
        for training in chosen:
            enrolled = BASE + datetime.timedelta(days=rng.randrange(0, 200))
            roll = rng.random()
            if roll < 0.55:
                status, completed = (
                    ParticipationStatus.COMPLETED,
                    enrolled + datetime.timedelta(days=rng.randrange(7, 90)),
                )
            elif roll < 0.65:
                status, completed = ParticipationStatus.WITHDRAWN, None
            else:
                status, completed = ParticipationStatus.ENROLLED, None
            rows.append(
                TrainingParticipation(
                    training=training,
                    user=person,
                    employer=employer,
                    status=status,
                    enrolled_at=enrolled,
                    completed_at=completed,
                    is_demo=True,
                )
            )
    TrainingParticipation.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows)

import io
import random

import pytest

from kennisbrug.vouchers import demo, selectors
from kennisbrug.vouchers.constants import ApplicationStatus
from kennisbrug.vouchers.models import Application, Scheme

pytestmark = pytest.mark.django_db


def test_demo_has_every_state_and_a_consistent_ledger(settings, tmp_path):
    demo.generate(rng=random.Random(1), scale=1, stdout=io.StringIO())
    assert Scheme.objects.filter(is_demo=True).count() == 3
    for scheme in Scheme.objects.all():
        states = set(Application.objects.filter(scheme=scheme).values_list("status", flat=True))
        assert states == set(ApplicationStatus.values), scheme
        totals = selectors.scheme_totals(scheme=scheme)
        assert totals["committed"] + totals["disbursed"] <= scheme.total_budget
    demo.generate(rng=random.Random(1), scale=1, stdout=io.StringIO())  # idempotent
    assert Scheme.objects.count() == 3

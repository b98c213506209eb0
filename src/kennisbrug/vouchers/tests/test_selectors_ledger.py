"""The scheme report's ledger list: the scheme's own entries, newest first, at most `limit`."""

from decimal import Decimal

import pytest

from kennisbrug.vouchers import selectors
from kennisbrug.vouchers.constants import LedgerKind
from kennisbrug.vouchers.models import LedgerEntry

from .factories import SchemeFactory

pytestmark = pytest.mark.django_db


def test_recent_ledger_entries_are_the_schemes_newest_first():
    scheme, other = SchemeFactory(), SchemeFactory()
    entries = [
        LedgerEntry.objects.create(scheme=scheme, kind=LedgerKind.COMMITMENT, amount=Decimal(n))
        for n in ("100.00", "200.00", "300.00")
    ]
    LedgerEntry.objects.create(scheme=other, kind=LedgerKind.COMMITMENT, amount=Decimal("9.00"))
    assert list(selectors.recent_ledger_entries(scheme=scheme)) == entries[::-1]
    assert list(selectors.recent_ledger_entries(scheme=scheme, limit=2)) == entries[:0:-1]

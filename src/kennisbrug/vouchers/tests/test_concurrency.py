"""Money never goes missing under concurrent approvals and retried submissions.

Runs on whichever database the suite runs on (SQLite by default, PostgreSQL
with DATABASE_URL); real threads, each with its own connection. A transactional test ends with a
flush that also empties the reference tables, so `reference_data` puts them back
at the start of each of these tests.
"""

import threading
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from kennisbrug.organisations.tests.factories import MembershipFactory, OrganisationFactory
from kennisbrug.vouchers import selectors, services
from kennisbrug.vouchers.constants import ApplicationStatus, LedgerKind
from kennisbrug.vouchers.models import Application, LedgerEntry

from .factories import Cast, today

THREADS = 12


def _run_in_threads(functions):
    barrier = threading.Barrier(len(functions))
    outcomes = [None] * len(functions)

    def worker(index, function):
        try:
            barrier.wait()
            outcomes[index] = ("ok", function())
        except Exception as exc:  # collected and asserted below
            outcomes[index] = ("error", exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(i, f)) for i, f in enumerate(functions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return outcomes


@pytest.mark.django_db(transaction=True)
def test_concurrent_approvals_never_overspend_a_nearly_exhausted_scheme(reference_data):
    # Budget 10,000; 4,500 already committed; twelve approvals of 1,000 race for 5,500.
    cast = Cast(
        total_budget=Decimal("10000.00"),
        min_amount=Decimal("500.00"),
        max_amount=Decimal("4500.00"),
        max_vouchers_per_applicant=1,
    )
    cast.advance(
        cast.draft(requested_amount=Decimal("4500.00"), quote_amount=Decimal("7000")),
        ApplicationStatus.APPROVED,
    )
    racers = []
    for i in range(THREADS):
        applicant = OrganisationFactory(name=f"Racer {i}", kbo_number=f"{i:010d}")
        MembershipFactory(organisation=applicant)
        other = Cast(scheme=cast.scheme, applicant=applicant)
        app = other.draft(requested_amount=Decimal("1000.00"), quote_amount=Decimal("2000"))
        racers.append(other.advance(app, ApplicationStatus.REVIEWED))
    approver = cast.approver

    outcomes = _run_in_threads(
        [
            (
                lambda app=app: services.application_transition(
                    obj=app, action="approve", actor=approver
                )
            )
            for app in racers
        ]
    )

    errors = [value for kind, value in outcomes if kind == "error"]
    assert all(isinstance(e, ValidationError) for e in errors), errors
    approved = Application.objects.filter(
        pk__in=[a.pk for a in racers], status=ApplicationStatus.APPROVED
    )
    assert approved.count() == 5
    assert len(errors) == THREADS - 5
    totals = selectors.scheme_totals(scheme=cast.scheme)
    assert totals["committed"] + totals["disbursed"] <= cast.scheme.total_budget
    assert totals["committed"] == Decimal("9500.00")
    assert totals["available"] == Decimal("500.00")
    # Every euro accounted for: one commitment per approved application, of its amount.
    commitments = LedgerEntry.objects.filter(kind=LedgerKind.COMMITMENT)
    assert commitments.count() == 6
    assert sorted(commitments.values_list("application_id", flat=True)) == sorted(
        Application.objects.filter(status=ApplicationStatus.APPROVED).values_list("pk", flat=True)
    )
    for app in Application.objects.filter(status=ApplicationStatus.APPROVED):
        assert selectors.application_open_commitment(application=app) == app.approved_amount


@pytest.mark.django_db(transaction=True)
def test_retried_submissions_create_one_application(reference_data):
    cast = Cast()
    data = {
        "provider": cast.provider,
        "title": "Dubbelklik",
        "assignment_description": "D",
        "quote_amount": Decimal("7500"),
        "requested_amount": Decimal("5000"),
        "planned_start": today(),
        "planned_end": today(),
        "de_minimis_declared": True,
    }
    outcomes = _run_in_threads(
        [
            (
                lambda: services.application_create(
                    scheme=cast.scheme,
                    applicant=cast.applicant,
                    created_by=cast.applicant_member,
                    idempotency_key="same-key",
                    **data,
                )
            )
            for _ in range(THREADS)
        ]
    )
    assert [kind for kind, _value in outcomes] == ["ok"] * THREADS
    assert len({value[0].pk for _kind, value in outcomes}) == 1
    assert Application.objects.count() == 1

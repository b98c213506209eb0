"""Dutch and Belgian ways of writing numbers and dates arrive in the records exactly."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from kennisbrug.core.imports.columns import parse_decimal
from kennisbrug.facilities.models import Tariff
from kennisbrug.skills.models import Training

from .conftest import csv_file
from .test_flow import run

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.234,50", "1234.50"),
        ("€ 1.234,50", "1234.50"),
        ("1.234.567,89", "1234567.89"),
        ("125,5", "125.5"),
        ("1.250", "1250"),
        ("1,234.50", "1234.50"),
        ("1234.5", "1234.5"),
        ("0", "0"),
    ],
)
def test_numbers_in_dutch_belgian_and_english_notation(text, expected):
    assert parse_decimal(text) == Decimal(expected)


@pytest.mark.parametrize("text", ["1,2,3.4.5", "twaalf", "=1+1", "1.2.3,4,5"])
def test_what_is_not_a_number_is_refused(text):
    with pytest.raises(ValidationError):
        parse_decimal(text)


def test_training_cost_and_dates_written_the_belgian_way(roles, django_capture_on_commit_callbacks):
    content = csv_file(
        "aanbieder;titel;taal;vorm;kosten;duur_uren;startdata",
        ["Eigen Organisatie;Lassen TIG;Nederlands;klassikaal;1.234,50;16;31-12-2026 15/01/2027"],
    )
    upload = run("trainings", content, roles.admin, django_capture_on_commit_callbacks)
    assert upload.status == "done", upload.errors
    training = Training.objects.get(title="Lassen TIG")
    assert training.cost == Decimal("1234.50")
    assert [dt.date.fromisoformat(d) for d in training.start_dates] == [
        dt.date(2026, 12, 31),
        dt.date(2027, 1, 15),
    ]


def test_facility_tariff_written_the_dutch_way(roles, django_capture_on_commit_callbacks):
    content = csv_file(
        "organisatie;naam;categorie;beschrijving;postcode;gemeente;land;uurtarief_kmo",
        ["Eigen Organisatie;Lasercel;labo;Lasersnijden.;9000;Gent;BE;1.234,50"],
    )
    upload = run("facilities", content, roles.admin, django_capture_on_commit_callbacks)
    assert upload.status == "done", upload.errors
    assert Tariff.objects.get(facility__name="Lasercel").hourly_rate == Decimal("1234.50")

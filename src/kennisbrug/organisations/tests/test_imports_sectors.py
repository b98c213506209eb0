"""Bulk import: NACE-BEL / SBI codes in the file give organisations their priority sectors."""

import pytest

from kennisbrug.organisations.models import Organisation

from .test_imports import commit, csv_bytes, kbo, preview

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

FILE = csv_bytes(
    "naam;type;kbo;postcode;gemeente;land;nace_sbi\n"
    f'Lichtwerk NV;kmo;{kbo(4031707)};9000;Gent;België;"26.70, 62010"\n'
    "Brabantse Bakkers;mkb;;5611 AB;Eindhoven;Nederland;1071\n"
    f"Kantoor BV;kmo;{kbo(4031708)};2000;Antwerpen;België;69.20\n"
)


def _sectors(name: str) -> set[str]:
    return set(Organisation.objects.get(name=name).sectors.values_list("code", flat=True))


def test_nace_and_sbi_codes_add_sectors_and_a_rerun_changes_nothing():
    commit(FILE)
    assert _sectors("Lichtwerk NV") == {"fotonica", "digitale-technologieen"}
    assert _sectors("Brabantse Bakkers") == {"agrofood"}  # SBI for a Dutch organisation
    assert _sectors("Kantoor BV") == set()  # accounting: no priority sector
    again = preview(FILE)
    assert [r.action for r in again.rows] == ["unchanged"] * 3


def test_new_codes_for_a_known_organisation_are_an_update_that_adds():
    commit(FILE)
    more = csv_bytes(f"naam;type;kbo;land;nace\nLichtwerk NV;kmo;{kbo(4031707)};België;35.11\n")
    plan = preview(more)
    assert plan.rows[0].action == "update"
    assert "sectors" in plan.rows[0].changes
    commit(more)
    assert _sectors("Lichtwerk NV") == {"fotonica", "digitale-technologieen", "duurzame-energie"}


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        ("62.01a", "is not a NACE or SBI code"),
        ("7", "is not a NACE or SBI code"),
        ("IT", "is not a NACE or SBI code"),
        ("=cmd|' /C calc'!A0", "contains a formula"),
    ],
)
def test_a_bad_code_refuses_the_row(cell, message):
    plan = preview(csv_bytes(f"naam;type;land;postcode;nace\nX;kmo;België;9000;{cell}\n"))
    assert plan.rows[0].action == "refused"
    assert any(message in e for e in plan.rows[0].errors)
    assert not Organisation.objects.exists()

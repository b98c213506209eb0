"""Bulk import of facilities with tariffs: preview, commit, idempotency, duplicates,
who may import for which organisation, hostile files, template and export round trip."""

from decimal import Decimal
from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command
from django.utils import translation

from kennisbrug.core.imports import reading
from kennisbrug.core.imports.reading import ImportFileError
from kennisbrug.core.models import AuditLog
from kennisbrug.facilities import imports
from kennisbrug.facilities.constants import CustomerClass
from kennisbrug.facilities.models import Facility, Tariff

from .factories import FacilityFactory

pytestmark = pytest.mark.django_db

HEADER = "naam;categorie;beschrijving;postcode;gemeente;land;uurtarief_kmo;dagtarief_kmo"


def csv_bytes(text: str) -> bytes:
    return ("\ufeff" + text).encode("utf-8")


def lab_file(*rows: str, header: str = HEADER) -> bytes:
    return csv_bytes(header + "\n" + "\n".join(rows) + "\n")


LABS = lab_file(
    "Lasercel;labo;Lasersnijden en lassen.;9000;Gent;BE;125,50;900",
    "Cleanroom Noord;cleanroom;Klasse ISO 7.;9000;Gent;België;1.250,00;",
)


def preview(content: bytes, user):
    return imports.facility_import_preview(content=content, filename="labs.csv", user=user)


def commit(content: bytes, user):
    plan = preview(content, user)
    return imports.facility_import_commit(
        content=content, filename="labs.csv", user=user, fingerprint=plan.fingerprint
    )


def test_admin_imports_for_own_organisation_and_second_run_changes_nothing(roles):
    plan = preview(LABS, roles.admin)
    assert [r.action for r in plan.rows] == ["create", "create"], [r.errors for r in plan.rows]
    assert not Facility.objects.exists()  # a preview writes nothing

    commit(LABS, roles.admin)
    laser = Facility.objects.get(name="Lasercel")
    assert laser.owner == roles.organisation  # owner column left out: the admin's organisation
    assert laser.nuts3_id
    tariff = laser.tariffs.get(customer_class=CustomerClass.SME)
    assert (tariff.hourly_rate, tariff.daily_rate) == (Decimal("125.50"), Decimal("900"))
    clean = Facility.objects.get(name="Cleanroom Noord").tariffs.get()
    assert (clean.hourly_rate, clean.daily_rate) == (Decimal("1250.00"), None)
    assert AuditLog.objects.filter(action="facility_imported").count() == 2

    again = preview(LABS, roles.admin)
    assert again.counts == {"create": 0, "update": 0, "unchanged": 2, "refused": 0}
    commit(LABS, roles.admin)
    assert Facility.objects.count() == 2 and Tariff.objects.count() == 2


def test_changed_tariff_updates_only_that_facility(roles):
    commit(LABS, roles.admin)
    changed = lab_file(
        "Lasercel BV;labo;;9000;Gent;BE;130;900",
        "Cleanroom Noord;cleanroom;Klasse ISO 7.;9000;Gent;BE;1.250,00;",
    )
    plan = preview(changed, roles.admin)
    assert [r.action for r in plan.rows] == ["update", "unchanged"]
    assert plan.rows[0].changes == ["tariffs"]
    commit(changed, roles.admin)
    laser = Facility.objects.get(name="Lasercel")
    assert laser.description == "Lasersnijden en lassen."  # empty cell: left as it was
    assert laser.tariffs.get().hourly_rate == Decimal("130")


def test_secretariat_names_the_owner_by_number_or_name(roles):
    roles.organisation.kbo_number = "0403170701"
    roles.organisation.save()
    content = lab_file(
        "0403.170.701;Lasercel;labo;Lasersnijden.;9000;Gent;BE;;",
        "Andere Organisatie;Proefhal;testbed;Een proefhal.;5611;Eindhoven;NL;;",
        header="organisatie;" + HEADER,
    )
    commit(content, roles.secretariat)
    assert Facility.objects.get(name="Lasercel").owner == roles.organisation
    assert Facility.objects.get(name="Proefhal").owner == roles.other_organisation


def test_admin_cannot_import_for_another_organisation(roles):
    content = lab_file(
        "Andere Organisatie;Proefhal;testbed;Een proefhal.;5611;Eindhoven;NL;;",
        header="organisatie;" + HEADER,
    )
    with translation.override("en"):
        (row,) = preview(content, roles.admin).rows
    assert row.action == "refused"
    assert "is not an organisation you may import for" in row.errors[0]


@pytest.mark.parametrize("role", ["member", "anonymous"])
def test_only_secretariat_and_admins_may_import(roles, role):
    user = roles.as_dict()[role]
    if user is None:
        from django.contrib.auth.models import AnonymousUser

        user = AnonymousUser()
    with pytest.raises(PermissionDenied):
        preview(LABS, user)


def test_duplicates_in_the_file_and_near_names_are_refused_and_nothing_is_written(roles):
    FacilityFactory(owner=roles.organisation, name="Vlaams Lasercentrum")
    content = lab_file(
        "Lasercel;labo;Lasersnijden.;9000;Gent;BE;;",
        "LaserCel;labo;Nog eens.;9000;Gent;BE;;",
        "Vlaams Laser Centrum 2;labo;Een ander nummer.;9000;Gent;BE;;",
        "Vlaams Laser-centrum;labo;Bijna dezelfde naam.;9000;Gent;BE;;",
    )
    with translation.override("en"):
        rows = preview(content, roles.admin).rows
    assert [r.action for r in rows] == ["create", "refused", "create", "refused"]
    assert "Same facility as row 2" in rows[1].errors[0]
    assert "Possible duplicate of “Vlaams Lasercentrum”" in rows[3].errors[0]
    with pytest.raises(ImportFileError):
        commit(content, roles.admin)
    assert Facility.objects.count() == 1


def test_bad_values_get_a_message_per_row_in_the_readers_language(roles):
    content = lab_file(
        "Lasercel;ruimteschip;Lasersnijden.;9000;Gent;BE;-5;veel",
        "Proefhal;testbed;Een proefhal.;0000;Gent;BE;;",
        "=cmd|' /C calc'!A0;labo;Formule.;9000;Gent;BE;;",
    )
    with translation.override("nl"):
        rows = preview(content, roles.admin).rows
    assert all(r.action == "refused" for r in rows)
    assert any("Onbekende categorie" in e for e in rows[0].errors), rows[0].errors
    assert any("dagtarief_kmo / daily_rate_sme" in e for e in rows[0].errors)
    assert rows[1].errors
    assert any("formule" in e for e in rows[2].errors), rows[2].errors


def test_hostile_files_are_refused_as_a_whole(roles, monkeypatch):
    def refused(content: bytes) -> list[str]:
        with translation.override("en"), pytest.raises(ImportFileError) as caught:
            preview(content, roles.admin)
        return caught.value.messages

    assert "not UTF-8" in refused(("naam;categorie\nLabé;labo\n").encode("latin-1"))[0]
    assert "Required columns are missing" in refused(csv_bytes("naam;land\nLab;BE\n"))[0]
    assert "appear twice" in refused(csv_bytes("naam;name;categorie\nA;B;labo\n"))[0]
    assert "header but no rows" in refused(csv_bytes(HEADER + "\n"))[0]
    monkeypatch.setattr(reading, "MAX_BYTES", 100)
    assert "too large" in refused(LABS + b" " * 200)[0]


def test_template_and_export_round_trip(roles):
    FacilityFactory(owner=roles.organisation, name='Trekbank; "groot"', equipment="=1+1")
    FacilityFactory(owner=roles.other_organisation, name="Niet van mij")
    template, content_type, name = imports.facility_export(
        file_format="csv", user=roles.admin, template=True, language="nl"
    )
    assert template.decode("utf-8-sig").startswith("organisatie;naam;categorie")
    assert content_type.startswith("text/csv")
    assert name.endswith("template.csv")
    for file_format in ("csv", "xlsx"):
        exported, _type, _name = imports.facility_export(
            file_format=file_format, user=roles.admin, language="en"
        )
        plan = preview(exported, roles.admin)
        assert [r.action for r in plan.rows] == ["unchanged"], [r.errors for r in plan.rows]


def test_command_previews_and_commits(roles, tmp_path):
    path = tmp_path / "labs.csv"
    path.write_bytes(
        lab_file(
            "Eigen Organisatie;Lasercel;labo;Laser.;9000;Gent;BE;;", header="organisatie;" + HEADER
        )
    )
    out = StringIO()
    call_command("import_facilities", str(path), stdout=out)
    assert "facility_import_preview create=1" in out.getvalue()
    assert not Facility.objects.exists()
    call_command("import_facilities", str(path), "--commit", stdout=out)
    assert Facility.objects.get().owner == roles.organisation
    path.write_bytes(lab_file("Lasercel;labo;Laser.;9000;Gent;BE;;"))  # no owner named
    with pytest.raises(CommandError):
        call_command("import_facilities", str(path), "--commit", stdout=StringIO())

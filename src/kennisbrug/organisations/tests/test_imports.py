"""Bulk import of organisations: preview, commit, idempotency, duplicates, invitations."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import translation

from kennisbrug.accounts.tests.factories import UserFactory
from kennisbrug.core.imports.reading import ImportFileError
from kennisbrug.core.models import AuditLog
from kennisbrug.organisations.constants import MembershipStatus
from kennisbrug.organisations.imports import services
from kennisbrug.organisations.imports.matching import name_key, near
from kennisbrug.organisations.models import Invitation, Membership, Organisation

from .factories import MembershipFactory, OrganisationFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def kbo(base: int) -> str:
    """A valid KBO/BCE number: eight digits and the mod-97 check."""
    first = f"0{base:07d}"
    return f"{first}{97 - int(first) % 97:02d}"


def csv_bytes(text: str, *, bom: bool = True) -> bytes:
    return (("\ufeff" if bom else "") + text).encode("utf-8")


DUTCH = csv_bytes(
    "naam;type;kbo;kvk;straat;postcode;gemeente;land;jaaromzet;personeel;leden_e-mail\n"
    f"Lasertech BV;kmo;{kbo(4031707)[:4]}.{kbo(4031707)[4:7]}.{kbo(4031707)[7:]};;"
    "Kortrijksesteenweg 1;9000;Gent;België;1.234.567,89;12;a@example.org\n"
    "Brabant Robotics;mkb;;12345678;Markt 2;5611 AB;Eindhoven;Nederland;€ 2.500.000;25;\n"
)
ENGLISH = csv_bytes(
    "Name,Type,KBO_number,Postcode,City,Country,Annual turnover,Staff\n"
    f'Photonics Lab,knowledge institution,{kbo(5000001)},2000,Antwerpen,Belgium,"1,500,000.50",\n',
    bom=False,
)


def preview(content: bytes, filename: str = "organisations.csv"):
    return services.organisation_import_preview(content=content, filename=filename)


def commit(content: bytes, user=None, filename: str = "organisations.csv"):
    plan = preview(content, filename)
    return services.organisation_import_commit(
        content=content, filename=filename, user=user, fingerprint=plan.fingerprint
    )


def test_preview_reads_dutch_columns_and_numbers_and_writes_nothing():
    plan = preview(DUTCH)
    assert [r.action for r in plan.rows] == ["create", "create"]
    assert [r.line for r in plan.rows] == [2, 3]
    first, second = plan.rows
    assert first.target.kbo_number == kbo(4031707)
    assert first.target.annual_turnover == Decimal("1234567.89")
    assert first.target.nuts3_id == "BE234"
    assert first.in_programme_area is True
    assert first.invites == ["a@example.org"]
    assert second.target.postcode == "5611 AB"
    assert second.target.annual_turnover == Decimal("2500000")
    assert second.target.nuts3_id == "NL414"
    assert Organisation.objects.count() == 0
    assert Invitation.objects.count() == 0


def test_preview_reads_english_columns_comma_separator_without_bom():
    plan = preview(ENGLISH)
    (row,) = plan.rows
    assert row.action == "create", row.errors
    assert row.target.type == "knowledge_institution"
    assert row.target.annual_turnover == Decimal("1500000.50")
    assert row.target.nuts3_id == "BE211"


def test_commit_writes_everything_and_second_run_changes_nothing():
    user = UserFactory(secretariat=True)
    commit(DUTCH, user)
    assert Organisation.objects.count() == 2
    lasertech = Organisation.objects.get(name="Lasertech BV")
    assert lasertech.size_class == "small"
    assert lasertech.created_by == user
    assert not lasertech.memberships.filter(user=user).exists()  # the importer is no admin
    audits = AuditLog.objects.count()
    stamps = dict(Organisation.objects.values_list("pk", "updated_at"))

    again = preview(DUTCH)
    assert [r.action for r in again.rows] == ["unchanged", "unchanged"]
    assert again.rows[0].organisation_id == lasertech.pk
    commit(DUTCH, user)
    assert Organisation.objects.count() == 2
    assert AuditLog.objects.count() == audits
    assert dict(Organisation.objects.values_list("pk", "updated_at")) == stamps
    assert Invitation.objects.count() == 1


def test_row_with_known_identifier_updates_only_filled_columns():
    existing = OrganisationFactory(name="Lasertech", kbo_number=kbo(4031707), street="Oud 1")
    content = csv_bytes(
        f"naam;type;kbo;straat;postcode;gemeente;land;beschrijving\n"
        f"Lasertech;;{kbo(4031707)};Nieuw 2;9000;Gent;BE;\n"
    )
    (row,) = preview(content).rows
    assert row.action == "update", row.errors
    assert row.organisation_id == existing.pk
    assert row.changes == ["straat / street"]
    commit(content, UserFactory(secretariat=True))
    existing.refresh_from_db()
    assert existing.street == "Nieuw 2"
    assert existing.description == "Een testorganisatie."  # empty cell: left as it was
    assert AuditLog.objects.filter(action="organisation_updated", object_id=str(existing.pk))


def test_same_name_and_postcode_without_identifier_is_the_same_organisation():
    existing = OrganisationFactory(name="Bakkerij De Zon bv")
    content = csv_bytes("naam;type;postcode;gemeente;land\nBakkerij de Zon;kmo;9000;Gent;BE\n")
    (row,) = preview(content).rows
    assert row.organisation_id == existing.pk
    assert row.action in {"update", "unchanged"}


def test_near_identical_name_at_same_postcode_is_refused_as_possible_duplicate():
    OrganisationFactory(name="Vlaams Lasercentrum")
    content = csv_bytes(
        "naam;type;postcode;gemeente;land\nVlaams Laser Centrum NV;kmo;9000;Gent;BE\n"
    )
    (row,) = preview(content).rows
    assert row.action == "refused"
    # "Vlaams Laser Centrum NV" and "Vlaams Lasercentrum" differ only in spaces and form.
    assert any("Possible duplicate of “Vlaams Lasercentrum”" in e for e in row.errors)


def test_same_name_elsewhere_is_not_a_duplicate():
    OrganisationFactory(name="Vlaams Lasercentrum")
    content = csv_bytes(
        "naam;type;postcode;gemeente;land\nVlaams Lasercentrum;kmo;2000;Antwerpen;BE\n"
    )
    (row,) = preview(content).rows
    assert row.action == "create", row.errors


def test_names_that_differ_in_a_number_are_different_organisations():
    OrganisationFactory(name="Campus 1")
    content = csv_bytes(
        "naam;type;postcode;gemeente;land\n"
        "Campus 2;kennisinstelling;9000;Gent;BE\n"
        "Campus 3;kennisinstelling;9000;Gent;BE\n"
    )
    rows = preview(content).rows
    assert [r.action for r in rows] == ["create", "create"], [r.errors for r in rows]
    commit(content)
    assert Organisation.objects.filter(name__startswith="Campus ").count() == 3


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("Campus 1", "Campus 2", False),
        ("Hal 7 Gent", "Hal 8 Gent", False),
        ("Bakkerij 2000", "Bakkerij", False),
        ("Lab 12", "Lab 21", False),
        ("Campus 1", "Campus1 BV", True),
        ("Campus 01", "Campus 1", True),
        ("Vlaams Lasercentrum 2", "Vlaams Laser Centrum 2", True),
        ("Vlaams Lasercentrum", "Vlaams Lasercentrrum", True),
    ],
)
def test_near_names_keep_their_numbers(a, b, expected):
    assert near(name_key(a), name_key(b)) is expected


def test_identifiers_of_two_different_organisations_are_refused():
    OrganisationFactory(name="Een", kbo_number=kbo(1000001))
    OrganisationFactory(name="Twee", kbo_number="", vat_number=f"BE{kbo(1000002)}")
    content = csv_bytes(
        f"naam;type;kbo;btw;postcode;land\nEen;kmo;{kbo(1000001)};BE{kbo(1000002)};9000;BE\n"
    )
    (row,) = preview(content).rows
    assert row.action == "refused"
    assert any("different organisations" in e for e in row.errors)


def test_duplicates_within_the_file_are_refused_and_nothing_is_imported():
    content = csv_bytes(
        "naam;type;kbo;postcode;land\n"
        f"Alpha;kmo;{kbo(2000001)};9000;BE\n"
        f"Alpha;kmo;{kbo(2000001)};9000;BE\n"
        "Beta Systems;kmo;;2000;BE\n"
        "Beta-Systems BVBA;kmo;;2000;BE\n"
        "Gamma;kmo;;3500;BE\n"
    )
    plan = preview(content)
    assert [r.action for r in plan.rows] == ["create", "refused", "create", "refused", "create"]
    assert "Same identifier as row 2 of this file." in plan.rows[1].errors
    assert any("as row 4 of this file" in e for e in plan.rows[3].errors)
    assert not plan.can_commit
    with pytest.raises(ImportFileError):
        services.organisation_import_commit(
            content=content, user=UserFactory(secretariat=True), fingerprint=plan.fingerprint
        )
    assert Organisation.objects.count() == 0


def test_bad_values_are_refused_with_a_message_per_row():
    content = csv_bytes(
        "naam;type;kbo;kvk;postcode;land;personeel;jaaromzet;leden_e-mail\n"
        "Checksum;kmo;0403170702;;9000;BE;;;\n"
        "Onbekend;kmo;;;9999;BE;;;\n"
        ";kmo;;;9000;BE;;;\n"
        "Soort;bakkerij;;;9000;BE;;;\n"
        "Getal;kmo;;;9000;BE;twaalf;;\n"
        "Mail;kmo;;;9000;BE;;;geen-adres\n"
        "Kvk in BE;kmo;;12345678;9000;BE;;;\n"
        "Land;kmo;;;9000;Atlantis;;;\n"
    )
    rows = preview(content).rows
    assert all(r.action == "refused" for r in rows)
    text = ["\n".join(r.errors) for r in rows]
    assert "wrong check digits" in text[0]
    assert "postcode" in text[1]
    assert "naam / name: This column is required." in text[2]
    assert "Unknown organisation type “bakkerij”" in text[3]
    assert "“twaalf” is not a number." in text[4]
    assert "“geen-adres” is not a valid e-mail address." in text[5]
    assert "only applies to organisations in the Netherlands" in text[6]
    assert "Unknown country “Atlantis”" in text[7]


def test_errors_are_dutch_for_dutch_readers():
    content = csv_bytes("naam;type;kbo;postcode;land\nX;kmo;0403170702;9000;BE\n")
    with translation.override("nl"):
        (row,) = preview(content).rows
    assert row.action == "refused"
    assert "controlecijfers" in " ".join(row.errors)


def test_members_are_invited_and_join_only_when_they_accept():
    person = UserFactory(email="known@example.org")
    content = csv_bytes(
        "naam;type;postcode;land;leden_e-mail\n"
        'Nieuw;kmo;9000;BE;"Known@example.org, new@example.org; new@example.org"\n'
    )
    secretariat = UserFactory(secretariat=True)
    (row,) = commit(content, secretariat).rows
    assert row.invites == ["known@example.org", "new@example.org"]
    organisation = Organisation.objects.get(name="Nieuw")
    assert not Membership.objects.filter(organisation=organisation).exists()
    # The person with an account confirms the invitation before becoming a member.
    known = Invitation.objects.get(organisation=organisation, email="known@example.org")
    services.invitation_answer(invitation=known, user=person, accept=True)
    membership = Membership.objects.get(organisation=organisation)
    assert membership.user == person
    assert membership.status == MembershipStatus.ACTIVE
    waiting = Invitation.objects.get(organisation=organisation, accepted_at__isnull=True)
    assert waiting.email == "new@example.org"
    assert [r.action for r in preview(content).rows] == ["unchanged"]

    # The invited person registers and confirms the address: the invitation becomes a membership.
    newcomer = UserFactory(email="new@example.org")
    services.invitations_accept(user=newcomer, email="New@example.org")
    assert Membership.objects.get(user=newcomer, organisation=organisation).status == "active"
    waiting.refresh_from_db()
    assert waiting.accepted_at is not None


def test_existing_members_are_not_invited_again():
    membership = MembershipFactory(organisation=OrganisationFactory(name="Alfa"))
    content = csv_bytes(
        f"naam;type;postcode;land;leden_e-mail\nAlfa;;9000;BE;{membership.user.email}\n"
    )
    (row,) = preview(content).rows
    assert row.action == "unchanged", row.errors
    assert row.invites == []


def test_commit_refuses_when_the_registry_changed_since_the_preview():
    plan = preview(DUTCH)
    OrganisationFactory(name="Lasertech", kbo_number=kbo(4031707))
    with pytest.raises(services.ImportChangedError):
        services.organisation_import_commit(
            content=DUTCH, user=UserFactory(secretariat=True), fingerprint=plan.fingerprint
        )
    assert Organisation.objects.count() == 1


def test_a_failure_halfway_leaves_nothing(monkeypatch):
    plan = preview(DUTCH)
    real = services.audit_record
    calls = []

    def failing(**kwargs):
        calls.append(kwargs)
        if len(calls) == 2:
            raise RuntimeError("disk full")
        return real(**kwargs)

    monkeypatch.setattr(services, "audit_record", failing)
    with pytest.raises(RuntimeError):
        services.organisation_import_commit(
            content=DUTCH, user=UserFactory(secretariat=True), fingerprint=plan.fingerprint
        )
    assert Organisation.objects.count() == 0
    assert Invitation.objects.count() == 0


@pytest.mark.parametrize("role", ["member", "admin", "other"])
def test_only_the_secretariat_may_commit(roles, role):
    plan = preview(DUTCH)
    user = roles.as_dict()[role]
    before = Organisation.objects.count()
    with pytest.raises(PermissionDenied):
        services.organisation_import_commit(content=DUTCH, user=user, fingerprint=plan.fingerprint)
    assert Organisation.objects.count() == before

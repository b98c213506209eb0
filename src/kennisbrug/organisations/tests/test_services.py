from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kennisbrug.accounts.tests.factories import UserFactory
from kennisbrug.core.models import AuditLog, Sector
from kennisbrug.organisations import services
from kennisbrug.organisations.constants import MembershipRole, MembershipStatus, SizeClass
from kennisbrug.organisations.models import Membership, Organisation
from kennisbrug.organisations.size import size_class_for, sme_thresholds

from .factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

VALID_KBO = "0403170701"


def data(**extra):
    base = {
        "name": "Lasertechniek Gent",
        "type": "sme",
        "country": "BE",
        "postcode": "9000",
        "city": "Gent",
    }
    base.update(extra)
    return base


def errors_of(exc) -> dict:
    return exc.value.message_dict


def test_create_derives_region_and_makes_creator_admin():
    user = UserFactory()
    sector = Sector.objects.first()
    org = services.organisation_create(
        created_by=user,
        data=data(kbo_number="0403.170.701", vat_number="be 0403 170 701", sectors=[sector]),
    )
    assert org.slug == "lasertechniek-gent"
    assert (org.nuts3_id, org.municipality.name_nl, org.in_programme_area) == (
        "BE234",
        "Gent",
        True,
    )
    assert (org.kbo_number, org.vat_number) == (VALID_KBO, "BE0403170701")
    assert list(org.sectors.all()) == [sector]
    membership = Membership.objects.get(organisation=org)
    assert (membership.user, membership.role, membership.status) == (
        user,
        MembershipRole.ADMIN,
        MembershipStatus.ACTIVE,
    )
    assert AuditLog.objects.filter(action="organisation_created", object_id=str(org.pk)).exists()


def test_slug_is_unique_and_never_new():
    user = UserFactory()
    a = services.organisation_create(created_by=user, data=data(name="New"))
    b = services.organisation_create(created_by=user, data=data(name="New"))
    assert a.slug != "new" and b.slug != a.slug


@pytest.mark.parametrize(
    "field,value",
    [
        ("kbo_number", "0403170702"),  # wrong mod-97 check digits
        ("kbo_number", "12345"),
        ("kbo_number", "2403170701"),
        ("vat_number", "BE0403170702"),
        ("vat_number", "NL004495445B01"),  # another country's number
        ("vat_number", "BE04031707"),
    ],
)
def test_invalid_belgian_identifiers_are_refused(field, value):
    before = Organisation.objects.count()
    with pytest.raises(ValidationError) as exc:
        services.organisation_create(created_by=UserFactory(), data=data(**{field: value}))
    assert field in errors_of(exc)
    assert Organisation.objects.count() == before


def test_belgian_vat_must_match_kbo():
    with pytest.raises(ValidationError) as exc:
        services.organisation_create(
            created_by=UserFactory(), data=data(kbo_number=VALID_KBO, vat_number="BE0428759497")
        )
    assert "vat_number" in errors_of(exc)


def test_dutch_identifiers():
    org = services.organisation_create(
        created_by=UserFactory(),
        data=data(
            country="NL",
            postcode="5611ab",
            city="Eindhoven",
            kvk_number="1234 5678",
            vat_number="004495445B01",
        ),
    )
    assert (org.postcode, org.kvk_number, org.vat_number, org.nuts3_id) == (
        "5611 AB",
        "12345678",
        "NL004495445B01",
        "NL414",
    )


@pytest.mark.parametrize("kvk", ["1234567", "123456789", "1234567a", "<b>12</b>"])
def test_bad_kvk_numbers(kvk):
    with pytest.raises(ValidationError) as exc:
        services.organisation_create(
            created_by=UserFactory(), data=data(country="NL", postcode="5611", kvk_number=kvk)
        )
    assert "kvk_number" in errors_of(exc)


def test_identifiers_of_the_wrong_country():
    with pytest.raises(ValidationError) as exc:
        services.organisation_create(created_by=UserFactory(), data=data(kvk_number="12345678"))
    assert "kvk_number" in errors_of(exc)


@pytest.mark.parametrize(
    "field,value,message",
    [
        ("kbo_number", VALID_KBO, "An organisation with this KBO/BCE number already exists."),
        ("vat_number", "BE0403170701", "An organisation with this VAT number already exists."),
    ],
)
def test_duplicates_get_the_constraint_message(field, value, message, settings):
    settings.LANGUAGE_CODE = "en"
    OrganisationFactory(**{field: value})
    before = Organisation.objects.count()
    from django.utils import translation

    with translation.override("en"), pytest.raises(ValidationError) as exc:
        services.organisation_create(created_by=UserFactory(), data=data(**{field: value}))
    assert errors_of(exc)[field] == [message]
    assert Organisation.objects.count() == before


def test_duplicate_kvk():
    OrganisationFactory(dutch=True, kvk_number="12345678")
    with pytest.raises(ValidationError) as exc:
        services.organisation_create(
            created_by=UserFactory(),
            data=data(country="NL", postcode="5611", kvk_number="12345678"),
        )
    assert "kvk_number" in errors_of(exc)


@pytest.mark.parametrize(
    "field,length", [("name", 201), ("description", 5001), ("expertise", 5001), ("city", 101)]
)
def test_over_long_fields(field, length):
    with pytest.raises(ValidationError) as exc:
        services.organisation_create(created_by=UserFactory(), data=data(**{field: "x" * length}))
    assert field in errors_of(exc)
    assert not Organisation.objects.filter(city="Gent", name__startswith="xxx").exists()


def test_control_characters_refused_and_html_kept_as_text():
    with pytest.raises(ValidationError) as exc:
        services.organisation_create(created_by=UserFactory(), data=data(offers="a\x00b"))
    assert "offers" in errors_of(exc)
    org = services.organisation_create(
        created_by=UserFactory(), data=data(description="<script>alert(1)</script>")
    )
    assert org.description == "<script>alert(1)</script>"  # stored as text, escaped on output


def test_missing_required_and_unknown_postcode():
    with pytest.raises(ValidationError) as exc:
        services.organisation_create(
            created_by=UserFactory(), data=data(name="", type="spaceship", postcode="9999")
        )
    assert {"name", "type", "postcode"} <= set(errors_of(exc))


# --- size class (Recommendation 2003/361/EC), thresholds from sme_rules.csv -----------------


def test_thresholds_come_from_the_csv():
    rules = sme_thresholds()
    assert rules["micro"]["staff_headcount"].value == 10
    assert rules["medium"]["annual_balance_sheet_total"].value == Decimal("43000000")


M = Decimal


@pytest.mark.parametrize(
    "staff,turnover,balance,expected",
    [
        (9, M("2000000"), None, SizeClass.MICRO),
        (10, M("2000000"), None, SizeClass.SMALL),
        (9, M("2000000.01"), None, SizeClass.SMALL),
        (9, M("2000000.01"), M("2000000"), SizeClass.MICRO),  # balance sheet suffices
        (49, M("10000000"), None, SizeClass.SMALL),
        (50, M("10000000"), None, SizeClass.MEDIUM),
        (49, M("10000000.01"), M("10000000.01"), SizeClass.MEDIUM),
        (249, M("50000000"), None, SizeClass.MEDIUM),
        (250, M("1"), None, SizeClass.LARGE),
        (249, M("50000000.01"), M("43000000"), SizeClass.MEDIUM),
        (249, M("50000000.01"), M("43000000.01"), SizeClass.LARGE),
        (0, M("0"), None, SizeClass.MICRO),
    ],
)
def test_size_class_boundaries(staff, turnover, balance, expected):
    assert (
        size_class_for(staff_headcount=staff, annual_turnover=turnover, balance_sheet_total=balance)
        == expected
    )


def test_sme_with_large_figures_is_refused():
    from django.utils import translation

    for language, message in [
        ("en", "These figures make this a large enterprise, not an SME."),
        ("nl", "Deze cijfers maken hier een grote onderneming van, geen kmo/mkb."),
    ]:
        with translation.override(language), pytest.raises(ValidationError) as exc:
            services.organisation_create(
                created_by=UserFactory(),
                data=data(staff_headcount=300, annual_turnover=M("60000000")),
            )
        with translation.override(language):
            assert errors_of(exc)["type"] == [message]
    assert not Organisation.objects.filter(name="Lasertechniek Gent").exists()


def test_size_class_stored_and_only_for_enterprises():
    org = services.organisation_create(
        created_by=UserFactory(), data=data(staff_headcount=12, annual_turnover=M("1500000"))
    )
    assert org.size_class == SizeClass.SMALL
    ki = services.organisation_create(
        created_by=UserFactory(),
        data=data(
            name="KI", type="knowledge_institution", staff_headcount=900, annual_turnover=M("1")
        ),
    )
    assert ki.size_class == ""


@pytest.mark.parametrize(
    "figures,field",
    [
        ({"staff_headcount": 5}, "annual_turnover"),
        ({"annual_turnover": M("5")}, "staff_headcount"),
        ({"staff_headcount": -1, "annual_turnover": M("5")}, "staff_headcount"),
        ({"staff_headcount": 5, "annual_turnover": M("-5")}, "annual_turnover"),
        ({"staff_headcount": 10**9, "annual_turnover": M("5")}, "staff_headcount"),
    ],
)
def test_incomplete_or_absurd_figures(figures, field):
    with pytest.raises(ValidationError) as exc:
        services.organisation_create(created_by=UserFactory(), data=data(**figures))
    assert field in errors_of(exc)


# --- update and memberships ---------------------------------------------------------------


def test_update_by_admin_audits_changed_fields(roles):
    org = services.organisation_update(
        organisation=roles.organisation,
        updated_by=roles.admin,
        data={"postcode": "2000", "city": "Antwerpen"},
    )
    assert org.nuts3_id == "BE211"
    record = AuditLog.objects.get(action="organisation_updated")
    assert "postcode" in record.data["fields"]


def test_update_by_member_is_denied(roles):
    with pytest.raises(PermissionDenied):
        services.organisation_update(
            organisation=roles.organisation, updated_by=roles.member, data={"name": "X"}
        )


def test_membership_flow(roles):
    person = UserFactory()
    membership = services.membership_request(
        user=person, organisation=roles.organisation, message="Hallo"
    )
    assert membership.status == MembershipStatus.PENDING
    with pytest.raises(ValidationError):
        services.membership_request(user=person, organisation=roles.organisation)
    with pytest.raises(PermissionDenied):
        services.membership_approve(membership=membership, decided_by=roles.member)
    services.membership_approve(membership=membership, decided_by=roles.admin)
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.ACTIVE
    with pytest.raises(ValidationError):
        services.membership_reject(membership=membership, decided_by=roles.admin)
    services.membership_set_role(membership=membership, role="admin", changed_by=roles.secretariat)
    services.membership_remove(membership=membership, removed_by=roles.admin)
    assert not Membership.objects.filter(pk=membership.pk).exists()
    actions = set(AuditLog.objects.values_list("action", flat=True))
    assert {
        "membership_requested",
        "membership_approved",
        "membership_role_changed",
        "membership_removed",
    } <= actions


def test_rejected_person_may_ask_again(roles):
    person = UserFactory()
    m = services.membership_request(user=person, organisation=roles.organisation)
    services.membership_reject(membership=m, decided_by=roles.admin)
    again = services.membership_request(user=person, organisation=roles.organisation, message="2")
    assert again.pk == m.pk and again.status == MembershipStatus.PENDING


def test_last_admin_stays(roles):
    admin_membership = Membership.objects.get(user=roles.admin)
    with pytest.raises(ValidationError):
        services.membership_set_role(
            membership=admin_membership, role="member", changed_by=roles.admin
        )
    with pytest.raises(ValidationError):
        services.membership_remove(membership=admin_membership, removed_by=roles.secretariat)
    second = MembershipFactory(organisation=roles.organisation, admin=True)
    services.membership_remove(membership=admin_membership, removed_by=second.user)


def test_membership_message_checks(roles):
    with pytest.raises(ValidationError):
        services.membership_request(
            user=UserFactory(), organisation=roles.organisation, message="x" * 1001
        )
    with pytest.raises(ValidationError):
        services.membership_request(
            user=UserFactory(), organisation=roles.organisation, message="a\x07"
        )
    assert Membership.objects.filter(status=MembershipStatus.PENDING).count() == 0

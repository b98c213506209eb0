"""Merging two registry entries must not leave records that the services would never
allow for one organisation: the merge refuses with the reason (page and API), or
resolves it where there is one sensible outcome."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from tests.clients import api_client_for, log_in

from kennisbrug.facilities.tests.factories import LivingLabFactory
from kennisbrug.innovation.tests.factories import IntroductionFactory, QuestionFactory
from kennisbrug.organisations import services
from kennisbrug.organisations.constants import MembershipRole, MembershipStatus
from kennisbrug.organisations.models import Membership, Organisation
from kennisbrug.organisations.tests.factories import MembershipFactory, OrganisationFactory
from kennisbrug.projects.models import ChallengeResponse, PartnerInvitation
from kennisbrug.projects.tests.factories import ChallengeFactory, IdeaFactory
from kennisbrug.vouchers.constants import AidRegime, ApplicationStatus
from kennisbrug.vouchers.models import AidRecord, Application
from kennisbrug.vouchers.selectors import aid_ceiling, aid_sum
from kennisbrug.vouchers.tests.factories import Cast

pytestmark = pytest.mark.django_db
MERGE = "/secretariat/data-quality/merge/"
API = "/api/v1/organisations/merges/"


@pytest.fixture
def pair():
    keep = OrganisationFactory(name="Fotonica Gent", description="")
    remove = OrganisationFactory(name="Fotonica Gent (oud)", description="Lasers.")
    MembershipFactory(organisation=keep)
    MembershipFactory(organisation=remove)
    return keep, remove


def refused(keep, remove, roles, fragment: str) -> None:
    """The plan names the reason; the merge writes nothing."""
    problems = services.organisation_merge_plan(keep=keep, remove=remove).problems
    assert any(fragment in str(p) for p in problems), problems
    with pytest.raises(ValidationError):
        services.organisation_merge(keep=keep, remove=remove, merged_by=roles.secretariat)
    assert Organisation.objects.filter(pk=remove.pk).exists()


def application_between(applicant, provider) -> Application:
    cast = Cast(applicant=applicant)
    return cast.draft(provider=provider)


# --- vouchers ----------------------------------------------------------------------


@pytest.mark.parametrize("direction", ["applicant_kept", "provider_kept"])
def test_an_application_between_the_two_would_make_the_applicant_its_own_provider(
    pair, roles, direction
):
    keep, remove = pair
    applicant, provider = (keep, remove) if direction == "applicant_kept" else (remove, keep)
    application = application_between(applicant, provider)
    refused(keep, remove, roles, "its knowledge provider or partner")
    application.refresh_from_db()
    assert (application.applicant_id, application.provider_id) == (applicant.pk, provider.pk)


def test_an_application_that_ended_without_a_voucher_does_not_block(pair, roles):
    keep, remove = pair
    application = application_between(remove, keep)
    Application.objects.filter(pk=application.pk).update(status=ApplicationStatus.WITHDRAWN)
    problems = services.organisation_merge_plan(keep=keep, remove=remove).problems
    assert not any("knowledge provider" in str(p) for p in problems), problems


def test_the_page_shows_the_reason_before_any_button_and_the_api_refuses(client, pair, roles):
    keep, remove = pair
    application_between(remove, keep)
    log_in(client, roles.secretariat)
    page = client.get(
        MERGE, {"keep": keep.slug, "remove": remove.slug}, HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert "This merge is not possible" in page and "knowledge provider" in page
    assert page.index("knowledge provider") < page.index("</main>")
    assert 'type="submit"' not in page.split("This merge is not possible", 1)[1].split("</main>")[0]
    dutch = client.get(MERGE, {"keep": keep.slug, "remove": remove.slug}).content.decode()
    assert "kennisverlener" in dutch
    api = api_client_for(roles.secretariat, language="en")
    answer = api.post(API, {"keep": keep.slug, "remove": remove.slug}, format="json")
    assert answer.status_code == 400
    assert "knowledge provider" in answer.content.decode()
    assert Organisation.objects.filter(pk=remove.pk).exists()


def aid(organisation, amount: str, *, days_ago: int = 30) -> AidRecord:
    application = Cast(applicant=organisation).draft()
    from kennisbrug.vouchers.selectors import undertaking_id

    return AidRecord.objects.create(
        undertaking=undertaking_id(organisation),
        organisation=organisation,
        application=application,
        regime=AidRegime.DE_MINIMIS,
        amount=Decimal(amount),
        granted_on=timezone.localdate() - dt.timedelta(days=days_ago),
    )


def test_de_minimis_aid_of_both_over_the_ceiling_refuses(pair, roles):
    keep, remove = pair
    ceiling = aid_ceiling(regime=AidRegime.DE_MINIMIS, on=timezone.localdate())
    aid(keep, str(ceiling / 2 + 1))
    aid(remove, str(ceiling / 2))
    refused(keep, remove, roles, "de minimis")


def test_aid_under_the_ceiling_merges_and_counts_against_the_kept_organisation(pair, roles):
    keep, remove = pair
    remove.kbo_number = "0403170701"  # the kept entry takes this number in the merge
    remove.save(update_fields=["kbo_number"])
    aid(keep, "1000.00")
    aid(remove, "2500.00")
    aid(remove, "99999.00", days_ago=4 * 365)  # outside the three years: not counted
    assert services.organisation_merge_plan(keep=keep, remove=remove).possible

    services.organisation_merge(keep=keep, remove=remove, merged_by=roles.secretariat)

    keep.refresh_from_db()
    assert keep.kbo_number == "0403170701"
    assert set(AidRecord.objects.values_list("undertaking", flat=True)) == {"BE0403170701"}
    total = aid_sum(organisation=keep, regime=AidRegime.DE_MINIMIS, on=timezone.localdate())
    assert total == Decimal("3500.00")


def test_the_yearly_cap_of_a_call_holds_for_the_merged_organisation(pair, roles):
    keep, remove = pair
    first = Cast(applicant=keep, applicant_annual_cap=Decimal("6000.00"))
    second = Cast(scheme=first.scheme, applicant=remove)
    for cast in (first, second):
        application = cast.draft()
        Application.objects.filter(pk=application.pk).update(
            status=ApplicationStatus.APPROVED,
            approved_at=timezone.now(),
            approved_amount=Decimal("4000.00"),
        )
    refused(keep, remove, roles, "yearly cap")


# --- innovation and projects -------------------------------------------------------


def test_an_introduction_between_the_two_refuses(pair, roles):
    keep, remove = pair
    IntroductionFactory(
        question=QuestionFactory(organisation=remove),
        requester_organisation=remove,
        provider_organisation=keep,
        target_id=str(keep.pk),
    )
    refused(keep, remove, roles, "introduction")


def test_a_response_to_the_others_challenge_refuses(pair, roles):
    keep, remove = pair
    challenge = ChallengeFactory(owner_organisation=keep, open=True)
    ChallengeResponse.objects.create(challenge=challenge, organisation=remove, proposal="Sensor.")
    refused(keep, remove, roles, challenge.title)


def test_a_pending_partner_invitation_between_the_two_refuses(pair, roles):
    keep, remove = pair
    idea = IdeaFactory(lead_organisation=remove)
    PartnerInvitation.objects.create(idea=idea, organisation=keep)
    refused(keep, remove, roles, idea.title)
    PartnerInvitation.objects.filter(idea=idea).update(status="declined")
    problems = services.organisation_merge_plan(keep=keep, remove=remove).problems
    assert not any(idea.title in str(p) for p in problems), problems


# --- resolved ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kept", "removed", "expected"),
    [
        ((MembershipRole.ADMIN, MembershipStatus.ACTIVE), (MembershipRole.MEMBER, MembershipStatus.ACTIVE), (MembershipRole.ADMIN, MembershipStatus.ACTIVE)),
        ((MembershipRole.MEMBER, MembershipStatus.ACTIVE), (MembershipRole.ADMIN, MembershipStatus.ACTIVE), (MembershipRole.ADMIN, MembershipStatus.ACTIVE)),
        ((MembershipRole.MEMBER, MembershipStatus.PENDING), (MembershipRole.MEMBER, MembershipStatus.ACTIVE), (MembershipRole.MEMBER, MembershipStatus.ACTIVE)),
        ((MembershipRole.MEMBER, MembershipStatus.ACTIVE), (MembershipRole.ADMIN, MembershipStatus.PENDING), (MembershipRole.MEMBER, MembershipStatus.ACTIVE)),
    ],
)  # fmt: skip
def test_a_person_in_both_keeps_one_membership_with_the_higher_role(
    pair, roles, kept, removed, expected
):
    keep, remove = pair
    person = MembershipFactory(organisation=keep, role=kept[0], status=kept[1]).user
    MembershipFactory(organisation=remove, user=person, role=removed[0], status=removed[1])
    services.organisation_merge(keep=keep, remove=remove, merged_by=roles.secretariat)
    membership = Membership.objects.get(user=person)
    assert (membership.role, membership.status, membership.organisation_id) == (
        *expected,
        keep.pk,
    )


@pytest.mark.parametrize("owner_kept", [True, False])
def test_a_living_labs_owner_is_not_left_as_its_own_partner(pair, roles, owner_kept):
    keep, remove = pair
    owner, partner = (keep, remove) if owner_kept else (remove, keep)
    lab = LivingLabFactory(owner=owner)
    other = OrganisationFactory()
    lab.partners.add(partner, other)
    services.organisation_merge(keep=keep, remove=remove, merged_by=roles.secretariat)
    lab.refresh_from_db()
    assert lab.owner_id == keep.pk
    assert set(lab.partners.values_list("pk", flat=True)) == {other.pk}

"""The registry's data-quality page, its work-queue card and the merge of duplicates."""

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from tests.clients import api_client_for, log_in

from kennisbrug.core.models import AuditLog
from kennisbrug.facilities.tests.factories import BookingFactory, LivingLabFactory
from kennisbrug.innovation.tests.factories import IntroductionFactory, QuestionFactory
from kennisbrug.organisations import services
from kennisbrug.organisations.constants import MembershipRole, MembershipStatus
from kennisbrug.organisations.merge import organisation_relations
from kennisbrug.organisations.models import Invitation, Membership, Organisation
from kennisbrug.organisations.tests.factories import MembershipFactory, OrganisationFactory
from kennisbrug.projects.models import IdeaPartner
from kennisbrug.projects.tests.factories import IdeaFactory, NetworkFactory
from kennisbrug.vouchers.tests.factories import Cast

pytestmark = pytest.mark.django_db
PAGE = "/secretariat/data-quality/"
MERGE = "/secretariat/data-quality/merge/"
API = "/api/v1/organisations/merges/"


@pytest.fixture
def pair():
    keep = OrganisationFactory(name="Fotonica Gent", kbo_number="0403170701", description="")
    remove = OrganisationFactory(name="Fotonica Gent (demo)", description="Lasers en optiek.")
    return keep, remove


def _pointing(organisation) -> dict[str, int]:
    counts = {}
    for model, field, _many in organisation_relations():
        key = f"{model._meta.label_lower}.{field}"
        counts[key] = model._default_manager.filter(**{field: organisation}).count()
    return counts


def test_every_relation_to_organisation_is_known_to_the_merge():
    """Scans every model independently: a new relation to Organisation is moved too."""
    expected = set()
    for model in apps.get_models(include_auto_created=False):
        for f in model._meta.get_fields():
            if (
                isinstance(f, models.ForeignKey | models.OneToOneField | models.ManyToManyField)
                and f.related_model is Organisation
                and not f.auto_created
                and f.model is model
            ):
                expected.add(f"{model._meta.label_lower}.{f.name}")
    known = {f"{m._meta.label_lower}.{f}" for m, f, _ in organisation_relations()}
    assert expected == known


def test_merge_moves_everything_and_leaves_nothing_on_the_removed(pair, roles):
    keep, remove = pair
    both = MembershipFactory(organisation=keep).user  # a member here ...
    MembershipFactory(organisation=remove, user=both, admin=True)  # ... admin there
    MembershipFactory(organisation=remove)
    Invitation.objects.create(organisation=remove, email="a@example.org")
    BookingFactory(organisation=remove)
    cast = Cast(applicant=remove) if remove.memberships.exists() else None
    assert cast is not None
    cast.draft()
    IdeaFactory(lead_organisation=remove)
    idea = IdeaFactory()
    IdeaPartner.objects.create(
        idea=idea, organisation=remove, name=remove.name, org_type="sme", country_id="BE"
    )
    NetworkFactory(owner_organisation=remove)
    QuestionFactory(organisation=remove)
    IntroductionFactory(provider_organisation=remove)
    lab = LivingLabFactory()
    lab.partners.add(remove)
    before_keep, before_remove = _pointing(keep), _pointing(remove)
    removed_pk = remove.pk
    assert sum(before_remove.values()) >= 12

    services.organisation_merge(keep=keep, remove=remove, merged_by=roles.secretariat)

    assert not Organisation.objects.filter(pk=removed_pk).exists()
    after = _pointing(keep)
    collapsed = {"organisations.membership.organisation": 1}
    for key in after:
        assert after[key] == before_keep[key] + before_remove[key] - collapsed.get(key, 0), key
    assert Membership.objects.get(user=both, organisation=keep).role == MembershipRole.ADMIN
    keep.refresh_from_db()
    assert keep.description == "Lasers en optiek." and keep.kbo_number == "0403170701"
    assert lab.partners.filter(pk=keep.pk).exists()
    record = AuditLog.objects.get(action="organisation_merged")
    assert record.object_id == str(keep.pk) and record.data["removed"]["id"] == removed_pk
    assert record.data["moved"]["facilities.booking.organisation"] == 1


def test_merge_refused_when_both_are_partners_of_one_idea(pair, roles):
    keep, remove = pair
    idea = IdeaFactory(lead_organisation=keep)
    IdeaPartner.objects.create(
        idea=idea, organisation=remove, name=remove.name, org_type="sme", country_id="BE"
    )
    plan = services.organisation_merge_plan(keep=keep, remove=remove)
    assert plan.problems and "idea partner" in plan.problems[0]
    with pytest.raises(ValidationError):
        services.organisation_merge(keep=keep, remove=remove, merged_by=roles.secretariat)
    assert Organisation.objects.filter(pk=remove.pk).exists()
    assert IdeaPartner.objects.filter(organisation=remove).count() == 1


def test_merge_refused_for_different_identifiers(roles):
    keep = OrganisationFactory(kbo_number="0403170701")
    remove = OrganisationFactory(kbo_number="0417497106")
    plan = services.organisation_merge_plan(keep=keep, remove=remove)
    assert any("different legal entities" in p for p in plan.problems)


def test_merge_refused_when_together_over_the_calls_voucher_limit(pair, roles):
    keep, remove = pair
    MembershipFactory(organisation=keep)
    MembershipFactory(organisation=remove)
    cast = Cast(applicant=keep, max_vouchers_per_applicant=1)
    cast.advance(cast.draft(), "submitted")
    other = Cast(scheme=cast.scheme, applicant=remove)
    other.advance(other.draft(), "submitted")
    plan = services.organisation_merge_plan(keep=keep, remove=remove)
    assert any("active vouchers" in p for p in plan.problems), plan.problems


def test_merge_of_an_organisation_with_itself_is_refused(pair, roles):
    keep, _remove = pair
    assert services.organisation_merge_plan(keep=keep, remove=keep).problems


@pytest.mark.parametrize("role", ["anonymous", "other", "member", "admin", "secretariat"])
def test_page_and_merge_permission_matrix(client, roles, pair, role):
    keep, remove = pair
    user = roles.as_dict()[role]
    if user:
        log_in(client, user)
    allowed = role == "secretariat"
    page = client.get(PAGE)
    confirm = client.get(MERGE, {"keep": keep.slug, "remove": remove.slug})
    post = client.post(MERGE, {"keep": keep.slug, "remove": remove.slug, "confirm": "on"})
    api = api_client_for(user).post(API, {"keep": keep.slug, "remove": remove.slug}, format="json")
    if allowed:
        assert page.status_code == 200 and confirm.status_code == 200
        assert post.status_code == 302
        assert not Organisation.objects.filter(pk=remove.pk).exists()
    else:
        expected = {302} if user is None else {403}
        assert {page.status_code, confirm.status_code, post.status_code} == expected
        assert api.status_code in ((401, 403) if user is None else (403,))
        assert Organisation.objects.filter(pk=remove.pk).exists()


def test_page_lists_checks_with_counts_and_merge_links(client, roles, pair):
    keep, remove = pair
    OrganisationFactory(name="Brussels Lab", brussels=True)
    log_in(client, roles.secretariat)
    body = client.get(PAGE, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Possible duplicates" in body and "Fotonica Gent (demo)" in body
    assert f"{MERGE}?keep={keep.slug}&amp;remove={remove.slug}" in body
    assert "Organisations outside the programme area" in body and "Brussels Lab" in body
    assert "Organisations without members" in body
    nl = client.get(PAGE, HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "Mogelijke dubbels" in nl and "Possible duplicates" not in nl


def test_queue_card_links_to_the_page(client, roles, pair):
    log_in(client, roles.secretariat)
    body = client.get("/secretariat/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Data quality of the registry" in body and PAGE in body


def test_confirmation_page_shows_what_moves_and_needs_the_checkbox(client, roles, pair):
    keep, remove = pair
    MembershipFactory(organisation=remove)
    BookingFactory(organisation=remove)
    log_in(client, roles.secretariat)
    body = client.get(
        MERGE, {"keep": keep.slug, "remove": remove.slug}, HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert "What moves" in body and "bookings" in body.lower() and "memberships" in body.lower()
    r = client.post(MERGE, {"keep": keep.slug, "remove": remove.slug})
    assert r.status_code == 400 and Organisation.objects.filter(pk=remove.pk).exists()


@pytest.mark.parametrize(
    "params",
    [
        {"keep": "nope", "remove": "nope2"},
        {"keep": "<script>", "remove": "x"},
        {"keep": "a\x00b", "remove": "x"},
        {},
    ],
)
def test_bad_merge_input_is_404_or_400_and_changes_nothing(client, roles, pair, params):
    log_in(client, roles.secretariat)
    assert client.get(MERGE, params).status_code in (400, 404)
    r = api_client_for(roles.secretariat).post(API, params, format="json")
    assert r.status_code in (400, 404)
    assert Organisation.objects.count() == 4  # roles' two and the pair


def test_api_dry_run_then_merge(roles, pair):
    keep, remove = pair
    MembershipFactory(organisation=remove)
    client = api_client_for(roles.secretariat, language="en")
    dry = client.post(
        API, {"keep": keep.slug, "remove": remove.slug, "dry_run": True}, format="json"
    )
    assert dry.status_code == 200, dry.content
    assert dry.json()["merged"] is False and dry.json()["possible"] is True
    assert {"relation": "organisations.membership.organisation", "count": 1}.items() <= {
        **dry.json()["moves"][0]
    }.items() or any(
        m["relation"] == "organisations.membership.organisation" for m in dry.json()["moves"]
    )
    assert Organisation.objects.filter(pk=remove.pk).exists()
    done = client.post(API, {"keep": keep.slug, "remove": remove.slug}, format="json")
    assert done.status_code == 200 and done.json()["merged"] is True
    assert not Organisation.objects.filter(pk=remove.pk).exists()
    assert Membership.objects.filter(organisation=keep, status=MembershipStatus.ACTIVE).count() == 1

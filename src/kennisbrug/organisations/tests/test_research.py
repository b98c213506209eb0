"""Research groups and experts: who may see and change them, bad input, the public pages
and the GDPR rule that an expert without recorded consent is shown nowhere public."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import translation
from tests.clients import log_in

from kennisbrug.core.audit import AuditLog
from kennisbrug.organisations.models import Expert, ResearchGroup
from kennisbrug.organisations.research import selectors, services

from .factories import ExpertFactory, OrganisationFactory, ResearchGroupFactory

pytestmark = pytest.mark.django_db
ROLES = ["anonymous", "other", "member", "admin", "secretariat"]


def page_client(roles, role):
    client = Client()
    user = roles.as_dict()[role]
    if user:
        log_in(client, user)
    return client


def expect(role, table):
    return dict(zip(ROLES, table, strict=True))[role]


@pytest.fixture
def group(roles):
    return ResearchGroupFactory(
        organisation=roles.organisation,
        name="Lab voor Waterstoftechnologie",
        expertise="waterstofopslag, elektrolyse",
        contact_email="lab@example.org",
    )


@pytest.fixture
def expert(roles, group):
    return ExpertFactory(
        organisation=roles.organisation,
        research_group=group,
        name="Prof. An Janssens",
        email="an.janssens@example.org",
    )


@pytest.fixture
def hidden(roles):
    return ExpertFactory(organisation=roles.organisation, name="Dr. Niet Gelijst", listed=False)


# ----- permissions per role -----


@pytest.mark.parametrize("role", ROLES)
def test_public_pages_are_open_to_everyone_but_contact_details_need_a_login(
    roles, role, group, expert, hidden
):
    client = page_client(roles, role)
    signed_in = role != "anonymous"
    for url in (
        reverse("organisations:research_groups"),
        reverse("organisations:experts"),
        reverse("organisations:research_group", args=[roles.organisation.slug, group.pk]),
        reverse("organisations:detail", args=[roles.organisation.slug]),
    ):
        page = client.get(url)
        assert page.status_code == 200, url
        html = page.content.decode()
        assert "Dr. Niet Gelijst" not in html, url  # no consent recorded: never public
        if url != reverse("organisations:research_groups"):
            assert "Prof. An Janssens" in html, url
            assert ("an.janssens@example.org" in html) is signed_in, url


@pytest.mark.parametrize("role", ROLES)
def test_only_admins_of_the_organisation_and_the_secretariat_manage(
    roles, role, group, expert, hidden
):
    client = page_client(roles, role)
    slug = roles.organisation.slug
    allowed = expect(role, [False, False, False, True, True])
    refused = 302 if role == "anonymous" else 403
    for url in (
        reverse("organisations:research_manage", args=[slug]),
        reverse("organisations:research_group_create", args=[slug]),
        reverse("organisations:research_group_edit", args=[slug, group.pk]),
        reverse("organisations:research_group_delete", args=[slug, group.pk]),
        reverse("organisations:expert_create", args=[slug]),
        reverse("organisations:expert_edit", args=[slug, expert.pk]),
        reverse("organisations:expert_delete", args=[slug, expert.pk]),
    ):
        assert client.get(url).status_code == (200 if allowed else refused), url
    manage = client.get(reverse("organisations:research_manage", args=[slug]))
    if allowed:
        assert "Dr. Niet Gelijst" in manage.content.decode()

    posted = client.post(
        reverse("organisations:research_group_create", args=[slug]),
        {"name": "Nieuwe groep", "expertise": "robotica"},
    )
    assert posted.status_code == (302 if allowed else refused)
    assert ResearchGroup.objects.filter(name="Nieuwe groep").exists() is allowed
    posted = client.post(
        reverse("organisations:expert_create", args=[slug]),
        {"name": "Ir. Nieuw", "expertise": "robotica", "listed": "on"},
    )
    assert Expert.objects.filter(name="Ir. Nieuw").exists() is allowed
    posted = client.post(reverse("organisations:expert_delete", args=[slug, hidden.pk]))
    assert Expert.objects.filter(pk=hidden.pk).exists() is not allowed
    posted = client.post(reverse("organisations:research_group_delete", args=[slug, group.pk]))
    assert ResearchGroup.objects.filter(pk=group.pk).exists() is not allowed


def test_an_admin_of_another_organisation_cannot_reach_records_through_their_own_slug(roles):
    """The record must belong to the organisation in the URL: an admin of B cannot edit a
    group of A by putting B's slug in front of A's id."""
    foreign = ResearchGroupFactory(organisation=roles.organisation)
    foreign_expert = ExpertFactory(organisation=roles.organisation)
    client = page_client(roles, "other")
    slug = roles.other_organisation.slug
    for url in (
        reverse("organisations:research_group_edit", args=[slug, foreign.pk]),
        reverse("organisations:research_group_delete", args=[slug, foreign.pk]),
        reverse("organisations:expert_edit", args=[slug, foreign_expert.pk]),
        reverse("organisations:expert_delete", args=[slug, foreign_expert.pk]),
    ):
        assert client.post(url, {"name": "Overgenomen", "expertise": "x"}).status_code == 404
    assert ResearchGroup.objects.filter(pk=foreign.pk, name=foreign.name).exists()
    assert Expert.objects.filter(pk=foreign_expert.pk).exists()


@pytest.mark.parametrize("role", ["anonymous", "other", "member"])
def test_services_refuse_people_who_do_not_manage_the_organisation(roles, role, group, expert):
    user = roles.as_dict()[role]
    with pytest.raises(PermissionDenied):
        services.research_group_create(organisation=roles.organisation, actor=user, name="X")
    with pytest.raises(PermissionDenied):
        services.research_group_update(research_group=group, actor=user, name="X")
    with pytest.raises(PermissionDenied):
        services.research_group_delete(research_group=group, actor=user)
    with pytest.raises(PermissionDenied):
        services.expert_create(organisation=roles.organisation, actor=user, name="X")
    with pytest.raises(PermissionDenied):
        services.expert_update(expert=expert, actor=user, listed=False)
    with pytest.raises(PermissionDenied):
        services.expert_delete(expert=expert, actor=user)
    assert ResearchGroup.objects.get(pk=group.pk).name == "Lab voor Waterstoftechnologie"
    assert Expert.objects.get(pk=expert.pk).listed


# ----- writes and bad input -----


def test_an_admin_adds_changes_and_removes_entries_and_each_write_is_audited(roles):
    group = services.research_group_create(
        organisation=roles.organisation,
        actor=roles.admin,
        name="Sensorlab",
        expertise="sensoren",
        sectors=["fotonica"],
    )
    assert [s.code for s in group.sectors.all()] == ["fotonica"]
    expert = services.expert_create(
        organisation=roles.organisation,
        actor=roles.admin,
        name="Dr. Els Peeters",
        expertise="optische sensoren",
        research_group=group,
        listed=True,
    )
    services.expert_update(expert=expert, actor=roles.admin, listed=False)
    assert not Expert.objects.get(pk=expert.pk).listed
    services.research_group_delete(research_group=group, actor=roles.admin)
    expert.refresh_from_db()
    assert expert.research_group is None  # the expert stays, without a group
    services.expert_delete(expert=expert, actor=roles.secretariat)
    assert not Expert.objects.filter(pk=expert.pk).exists()
    actions = set(AuditLog.objects.values_list("action", flat=True))
    assert {
        "research_group_created",
        "research_group_deleted",
        "expert_created",
        "expert_updated",
        "expert_deleted",
    } <= actions


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"name": ""}, "name"),
        ({"name": "x" * 201}, "name"),
        ({"name": "Lab\u0000"}, "name"),
        ({"name": "Lab\nmet regel"}, "name"),
        ({"name": "Lab", "website": "javascript:alert(1)"}, "website"),
        ({"name": "Lab", "contact_email": "geen-adres"}, "contact_email"),
        ({"name": "Lab", "expertise": "x" * 2001}, "expertise"),
    ],
)
def test_bad_group_input_is_refused_and_changes_nothing(roles, fields, field):
    with pytest.raises(ValidationError) as error:
        services.research_group_create(organisation=roles.organisation, actor=roles.admin, **fields)
    assert field in error.value.message_dict
    assert not ResearchGroup.objects.exists()


def test_a_second_group_with_the_same_name_is_refused_with_a_clear_message(roles, group):
    with translation.override("nl"), pytest.raises(ValidationError) as error:
        services.research_group_create(
            organisation=roles.organisation, actor=roles.admin, name=group.name
        )
    assert "heeft al een onderzoeksgroep met deze naam" in " ".join(error.value.messages)
    # Another organisation may use the same name.
    services.research_group_create(
        organisation=roles.other_organisation, actor=roles.other, name=group.name
    )


def test_an_expert_cannot_join_a_group_of_another_organisation(roles):
    foreign = ResearchGroupFactory(organisation=roles.other_organisation)
    with pytest.raises(ValidationError) as error:
        services.expert_create(
            organisation=roles.organisation,
            actor=roles.admin,
            name="Dr. X",
            expertise="x",
            research_group=foreign,
        )
    assert "research_group" in error.value.message_dict
    assert not Expert.objects.exists()


def test_the_form_shows_translated_errors_and_offers_only_own_groups(roles, group):
    foreign = ResearchGroupFactory(organisation=roles.other_organisation, name="Vreemde groep")
    client = page_client(roles, "admin")
    url = reverse("organisations:expert_create", args=[roles.organisation.slug])
    form = client.get(url, HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert group.name in form and "Vreemde groep" not in form
    page = client.post(
        url,
        {
            "name": "",
            "expertise": "",
            "email": "niet-geldig",
            "research_group": str(foreign.pk),
        },
        HTTP_ACCEPT_LANGUAGE="nl",
    )
    assert page.status_code == 400
    html = page.content.decode()
    assert "Dit veld is vereist" in html
    assert "Voer een geldig e-mailadres in" in html
    assert not Expert.objects.exists()


def test_search_finds_groups_and_listed_experts_by_words_and_country(roles, group, expert, hidden):
    dutch_group = ResearchGroupFactory(
        organisation=OrganisationFactory(dutch=True), name="Waterstof NL", expertise="waterstof"
    )
    found = selectors.research_group_list(filters={"q": "waterstof"})
    assert set(found) == {group, dutch_group}
    assert list(selectors.research_group_list(filters={"q": "waterstof", "country": "NL"})) == [
        dutch_group
    ]
    assert list(selectors.expert_list(filters={"q": "janssens"})) == [expert]
    assert list(selectors.expert_list(filters={"q": "gelijst"})) == []


def test_a_group_counts_only_its_listed_experts(roles, group, expert):
    ExpertFactory(organisation=roles.organisation, research_group=group, listed=False)
    empty = ResearchGroupFactory(organisation=roles.organisation, name="Lege groep")
    counts = {g.pk: g.listed_experts for g in selectors.research_group_list()}
    assert counts == {group.pk: 1, empty.pk: 0}


def test_hostile_search_input_gets_a_clear_answer(roles, group):
    client = Client()
    page = client.get(
        reverse("organisations:research_groups"),
        {"q": "x" * 500, "country": "ZZ"},
        HTTP_ACCEPT_LANGUAGE="nl",
    )
    assert page.status_code == 200
    html = page.content.decode()
    assert "Geen onderzoeksgroep gevonden" in html
    page = client.get(reverse("organisations:experts"), {"q": "<script>alert(1)</script>"})
    assert page.status_code == 200 and "<script>alert(1)" not in page.content.decode()


# ----- demo data -----


def test_demo_research_groups_and_experts_are_valid_dutch_and_at_knowledge_institutions():
    import io
    import random

    from kennisbrug.organisations import demo
    from kennisbrug.organisations.constants import OrganisationType
    from kennisbrug.organisations.research import demo as research_demo

    demo.generate(rng=random.Random(1), scale=1)
    assert not research_demo.present()
    out = io.StringIO()
    research_demo.generate(rng=random.Random(1), scale=1, stdout=out)
    assert research_demo.present()
    groups = ResearchGroup.objects.select_related("organisation").prefetch_related("sectors")
    assert groups.count() >= 10
    for group in groups:
        group.full_clean()
        assert group.organisation.type == OrganisationType.KNOWLEDGE_INSTITUTION
        assert group.is_demo and group.sectors.count() == 1
    experts = Expert.objects.select_related("research_group")
    assert experts.count() >= groups.count()
    for expert in experts:
        expert.full_clean()
        assert expert.research_group.organisation_id == expert.organisation_id
    assert experts.filter(listed=True).exists() and experts.filter(listed=False).exists()
    assert "research groups" in out.getvalue()


# ----- the person behind an expert listing -----


def test_a_person_with_an_account_gets_and_can_erase_their_expert_listings(
    roles, django_capture_on_commit_callbacks
):
    from kennisbrug.accounts.tests.factories import UserFactory
    from kennisbrug.organisations.personal_data import SOURCE

    person = UserFactory(email="an.janssens@example.org")
    mine = ExpertFactory(organisation=roles.organisation, email="AN.janssens@example.org")
    other = ExpertFactory(organisation=roles.organisation, email="iemand@example.org")
    exported = SOURCE.export(person)["expert_listings"]
    assert [e["name"] for e in exported] == [mine.name]
    assert exported[0]["organisation"] == roles.organisation.name
    with django_capture_on_commit_callbacks(execute=True):
        SOURCE.erase(person)
    assert not Expert.objects.filter(pk=mine.pk).exists()
    assert Expert.objects.filter(pk=other.pk).exists()


def test_demo_experts_at_benchmark_scale_are_each_listed_once_per_organisation():
    # At scale 10 institutions have several groups, so the same person is drawn for two of
    # them, once with a title and once without: the unique (organisation, name) must hold.
    import random

    from kennisbrug.organisations import demo
    from kennisbrug.organisations.research import demo as research_demo

    demo.generate(rng=random.Random(1), scale=10)
    research_demo.generate(rng=random.Random(1), scale=10)
    people = [
        (organisation_id, name.removeprefix("Prof. dr. ").removeprefix("Dr. "))
        for organisation_id, name in Expert.objects.values_list("organisation_id", "name")
    ]
    assert len(people) > 100
    assert len(people) == len(set(people))

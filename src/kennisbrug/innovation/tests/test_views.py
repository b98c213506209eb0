import pytest
from tests.clients import log_in

from kennisbrug.innovation.models import InnovationQuestion, Introduction
from kennisbrug.organisations.tests.factories import MembershipFactory, OrganisationFactory

from .factories import IntroductionFactory, QuestionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def provider(db):
    org = OrganisationFactory(
        name="Fotonica Kenniscentrum",
        dutch=True,
        knowledge_institution=True,
        description="Onderzoek naar fotonica en lasersnijden.",
        email="info@fk.example",
    )
    org.user = MembershipFactory(organisation=org).user
    return org


def test_ask_a_question_and_see_explained_matches(client, roles, provider):
    log_in(client, roles.member)
    response = client.post(
        "/questions/new/",
        {
            "organisation": roles.organisation.pk,
            "title": "Lasersnijden van RVS",
            "description": "Wie helpt ons met fotonica en lasersnijden?",
            "sectors": ["fotonica"],
            "budget": "10k-50k",
            "timeframe": "3m",
            "visibility": "public",
        },
        follow=True,
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Fotonica Kenniscentrum" in body
    assert "Grensoverschrijdend: aanbieder in Nederland" in body
    assert "Vraag een kennismaking" in body
    q = InnovationQuestion.objects.get()
    partial = client.get(
        f"/questions/{q.pk}/matches/", {"cross_border": "on"}, HTTP_HX_REQUEST="true"
    )
    assert partial.status_code == 200 and "<html" not in partial.content.decode()
    assert "Fotonica Kenniscentrum" in partial.content.decode()


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"title": "", "description": ""},
        {"title": "t" * 300, "description": "d"},
        {"title": "t", "description": "d" * 50_000},
        {"title": "t\x00", "description": "d"},
        {"title": "t", "description": "d", "visibility": "everyone"},
        {"title": "t", "description": "d", "sectors": ["nope"]},
    ],
)
def test_question_form_bad_input(client, roles, data):
    log_in(client, roles.member)
    base = {
        "organisation": roles.organisation.pk,
        "budget": "unknown",
        "timeframe": "3m",
        "visibility": "public",
    }
    response = client.post("/questions/new/", {**base, **data})
    assert response.status_code == 400
    assert InnovationQuestion.objects.count() == 0


def test_question_for_another_organisation_is_refused(client, roles):
    log_in(client, roles.member)
    response = client.post(
        "/questions/new/",
        {
            "organisation": roles.other_organisation.pk,
            "title": "t",
            "description": "d",
            "budget": "unknown",
            "timeframe": "3m",
            "visibility": "public",
        },
    )
    assert response.status_code == 400
    assert InnovationQuestion.objects.count() == 0


def test_html_is_escaped(client, roles):
    q = QuestionFactory(organisation=roles.organisation, title="<script>alert(1)</script>")
    log_in(client, roles.member)
    body = client.get(f"/questions/{q.pk}/").content.decode()
    assert "<script>alert(1)</script>" not in body and "&lt;script&gt;" in body


def test_request_accept_and_contacts(client, roles, provider):
    q = QuestionFactory(organisation=roles.organisation)
    log_in(client, roles.member)
    response = client.post(
        f"/questions/{q.pk}/introductions/",
        {"kind": "organisation", "target": str(provider.pk), "message": "Graag kennismaken"},
    )
    assert response.status_code == 302
    intro = Introduction.objects.get()
    page = client.get(f"/questions/introductions/{intro.pk}/").content.decode()
    assert "info@fk.example" not in page
    log_in(client, provider.user)
    assert "Aanvaarden" in client.get(f"/questions/introductions/{intro.pk}/").content.decode()
    client.post(f"/questions/introductions/{intro.pk}/accept/", {"message": "Welkom"})
    intro.refresh_from_db()
    assert intro.state == "accepted"
    page = client.get(f"/questions/introductions/{intro.pk}/").content.decode()
    assert roles.member.email in page
    log_in(client, roles.member)
    page = client.get(f"/questions/introductions/{intro.pk}/").content.decode()
    assert "info@fk.example" in page and provider.user.email in page
    # outsiders and the secretariat never see contact details
    log_in(client, roles.secretariat)
    page = client.get(f"/questions/introductions/{intro.pk}/").content.decode()
    assert "info@fk.example" not in page


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"kind": "organisation", "target": "1", "message": ""},
        {"kind": "rocket", "target": "1", "message": "hi"},
        {"kind": "organisation", "target": "999999", "message": "hi"},
        {"kind": "organisation", "target": "1", "message": "m" * 5000},
        {"kind": "organisation", "target": "1", "message": "bad\x07"},
    ],
)
def test_introduction_form_bad_input(client, roles, provider, data):
    q = QuestionFactory(organisation=roles.organisation)
    if data.get("target") == "1":
        data["target"] = str(provider.pk)
    log_in(client, roles.member)
    response = client.post(f"/questions/{q.pk}/introductions/", data, follow=True)
    assert response.status_code == 200
    assert Introduction.objects.count() == 0
    assert "alert--error" in response.content.decode()


def test_questions_for_you(client, roles, provider, django_capture_on_commit_callbacks):
    from kennisbrug.innovation import services

    with django_capture_on_commit_callbacks(execute=True):
        services.question_create(
            organisation=roles.organisation,
            author=roles.member,
            title="Fotonica vraag",
            description="Wij zoeken hulp bij lasersnijden en fotonica.",
        )
        services.question_create(
            organisation=roles.organisation,
            author=roles.member,
            title="Geheime fotonica",
            description="lasersnijden fotonica",
            visibility="matched_only",
        )
        services.question_create(
            organisation=roles.organisation,
            author=roles.member,
            title="Brood",
            description="Wij bakken brood.",
        )
    log_in(client, provider.user)
    body = client.get("/questions/for-you/").content.decode()
    assert "Fotonica vraag" in body
    assert "Geheime fotonica" not in body and "Brood" not in body


def test_introduction_lists(client, roles):
    IntroductionFactory(
        question=QuestionFactory(organisation=roles.organisation),
        provider_organisation=OrganisationFactory(name="Ontvanger"),
    )
    log_in(client, roles.member)
    body = client.get("/questions/introductions/").content.decode()
    assert "Ontvanger" in body


def test_introduction_to_an_organisation_without_members_goes_to_the_secretariat(client, roles):
    """Nobody could answer it: the requester is told the secretariat forwards it, and it
    waits on the secretariat's work queue until the organisation has a member."""
    lonely = OrganisationFactory(name="Stille Hogeschool", dutch=True, email="info@stil.example")
    q = QuestionFactory(organisation=roles.organisation)
    log_in(client, roles.member)
    response = client.post(
        f"/questions/{q.pk}/introductions/",
        {"kind": "organisation", "target": str(lonely.pk), "message": "Graag kennismaken"},
        follow=True,
    )
    page = response.content.decode()
    assert "Stille Hogeschool heeft nog geen leden op Kennisbrug" in page
    assert "Het programmasecretariaat stuurt je verzoek aan hen door." in page
    assert "Je kennismakingsverzoek is verstuurd." not in page
    intro = Introduction.objects.get()
    detail = client.get(f"/questions/introductions/{intro.pk}/").content.decode()
    assert "programmasecretariaat stuurt je verzoek" in detail

    log_in(client, roles.secretariat)
    queue = client.get("/secretariat/").content.decode()
    card = queue.split("Introducties zonder ontvanger", 1)[1].split("</section>", 1)[0]
    assert f"/questions/introductions/{intro.pk}/" in card and "info@stil.example" in card

    # once someone of the organisation is on the platform, they answer it themselves
    MembershipFactory(organisation=lonely)
    queue = client.get("/secretariat/").content.decode()
    card = queue.split("Introducties zonder ontvanger", 1)[1].split("</section>", 1)[0]
    assert f"/questions/introductions/{intro.pk}/" not in card
    log_in(client, roles.member)
    detail = client.get(f"/questions/introductions/{intro.pk}/").content.decode()
    assert "programmasecretariaat stuurt je verzoek" not in detail


def test_introduction_to_an_organisation_with_members_is_simply_sent(client, roles, provider):
    q = QuestionFactory(organisation=roles.organisation)
    log_in(client, roles.member)
    response = client.post(
        f"/questions/{q.pk}/introductions/",
        {"kind": "organisation", "target": str(provider.pk), "message": "Graag kennismaken"},
        follow=True,
    )
    page = response.content.decode()
    assert "programmasecretariaat" not in page
    log_in(client, roles.secretariat)
    queue = client.get("/secretariat/").content.decode()
    card = queue.split("Introducties zonder ontvanger", 1)[1].split("</section>", 1)[0]
    assert "/questions/introductions/" not in card


def test_a_match_already_asked_from_another_question_offers_no_second_request(
    client, roles, provider
):
    """The rule allows one open request per organisation and match: a second question
    that finds the same provider says it was asked instead of offering a refused button."""
    first = QuestionFactory(
        organisation=roles.organisation, description="Wie helpt ons met fotonica?"
    )
    second = QuestionFactory(
        organisation=roles.organisation, description="Lasersnijden en fotonica gezocht."
    )
    log_in(client, roles.member)
    client.post(
        f"/questions/{first.pk}/introductions/",
        {"kind": "organisation", "target": str(provider.pk), "message": "Graag kennismaken"},
    )
    assert Introduction.objects.count() == 1
    page = client.get(f"/questions/{second.pk}/").content.decode()
    # what follows the provider's hit card, up to the end of its list item
    after = page.split(f'id="hit-organisation-{provider.pk}"', 1)[1]
    hit = after.split("</article>", 1)[1].split("</li>", 1)[0]
    assert "Kennismaking aangevraagd." in hit
    assert f'name="target" value="{provider.pk}"' not in hit


@pytest.fixture
def own_facility(roles):
    from kennisbrug.facilities.tests.factories import FacilityFactory

    return FacilityFactory(
        owner=roles.organisation,
        name="Eigen Fotonicalab",
        description="Fotonica en lasersnijden in ons eigen lab.",
    )


def _hit(page: str, kind: str, pk) -> str:
    """What follows a hit card, up to the end of its list item."""
    after = page.split(f'id="hit-{kind}-{pk}"', 1)[1]
    return after.split("</article>", 1)[1].split("</li>", 1)[0]


@pytest.mark.parametrize("role", ["member", "admin", "other", "secretariat"])
def test_no_introduction_form_for_a_match_the_service_would_refuse(
    client, roles, provider, own_facility, role
):
    """The asking organisation's own facility turns up among the matches; asking an
    introduction to oneself is refused, so its members read why instead of a form. Other
    organisations' members see no matches at all; the secretariat no forms."""
    question = QuestionFactory(
        organisation=roles.organisation, description="Wie helpt ons met fotonica en lasersnijden?"
    )
    log_in(client, roles.as_dict()[role])
    page = client.get(f"/questions/{question.pk}/").content.decode()
    if role == "other":
        assert 'name="target"' not in page
        assert f'id="hit-facility-{own_facility.pk}"' not in page
        return
    own = _hit(page, "facility", own_facility.pk)
    assert f'name="target" value="{own_facility.pk}"' not in own
    other = _hit(page, "organisation", provider.pk)
    if role == "secretariat":
        assert 'name="target"' not in page
        assert "zichzelf" not in own
        return
    assert "Een organisatie kan geen kennismaking met zichzelf vragen." in own
    assert f'name="target" value="{provider.pk}"' in other
    # and the service refuses it all the same when posted by hand
    client.post(
        f"/questions/{question.pk}/introductions/",
        {"kind": "facility", "target": str(own_facility.pk), "message": "Hallo"},
    )
    assert not Introduction.objects.exists()

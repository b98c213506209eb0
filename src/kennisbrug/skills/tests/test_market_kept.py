"""The training and vacancy catalogues are kept rendered (core.fragments): what a visitor
sees after a change is the change, in the visitor's language, the filters answer as the
selector does, and nobody is served another visitor's view (another organisation's
unpublished trainings or closed vacancies, another person's participation, enrol form or
CSRF token). The root conftest empties the `fragments` cache around every test."""

import datetime
import re

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import Client
from django.utils import timezone
from tests.clients import log_in

from kennisbrug.core.fragments import _version_key
from kennisbrug.core.models import Sector
from kennisbrug.organisations.constants import MembershipStatus
from kennisbrug.organisations.tests.factories import MembershipFactory, OrganisationFactory
from kennisbrug.skills.constants import ParticipationStatus, VacancyStatus
from kennisbrug.skills.esco_import import esco_import
from kennisbrug.skills.models import Occupation, QualificationLevel, TrainingParticipation, Vacancy
from kennisbrug.skills.receivers import VACANCIES_FRAGMENT
from kennisbrug.skills.selectors import market as market_selectors
from kennisbrug.skills.tests.conftest import DEMO_TAXONOMY
from kennisbrug.skills.tests.factories import TrainingFactory

pytestmark = pytest.mark.django_db

TRAININGS, VACANCIES = "/skills/trainings/", "/skills/vacancies/"
PAST = ["2020-01-01"]


def _text(client, url, lang="nl", **params):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = lang
    response = client.get(url, params, secure=True)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def _visitor(user=None):
    return log_in(Client(), user) if user else Client()


def _occupation(label="lasser"):
    return Occupation.objects.get_or_create(
        uri=f"https://example.org/occupation/{label}",
        defaults={"label_nl": label, "label_en": f"{label} (en)"},
    )[0]


def _vacancy(organisation, title, **fields):
    return Vacancy.objects.create(
        organisation=organisation,
        occupation=fields.pop("occupation", None) or _occupation(),
        title=title,
        nuts3_id="BE234",
        **fields,
    )


def _csrf_token(page: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)


# --- kept, and renewed by every change the cards show ----------------------------------------


def test_a_second_request_is_served_kept(django_assert_max_num_queries):
    TrainingFactory(title="Lassen TIG")
    member = MembershipFactory().user
    provider_member = MembershipFactory(organisation=TrainingFactory().provider).user
    for user, kept in ((None, 0), (member, 6), (provider_member, 6)):
        client = _visitor(user)
        for url in (TRAININGS, VACANCIES):
            _text(client, url)  # renders and keeps
            # Kept: the visitor's session, organisations (the audience, the page's menu) and
            # participations, nothing of the catalogue (sectors, trainings, vacancies…)
            with django_assert_max_num_queries(kept):
                _text(client, url)


def test_training_changes_show_at_once():
    anonymous = Client()
    training = TrainingFactory(title="Lassen TIG")
    assert "Lassen TIG" in _text(anonymous, TRAININGS)
    TrainingFactory(title="Solderen")
    page = _text(anonymous, TRAININGS)
    assert "Solderen" in page and "2 opleidingen" in page
    training.title = "Lassen MIG"
    training.save()
    assert "Lassen MIG" in _text(anonymous, TRAININGS)
    training.is_published = False
    training.save()
    assert "Lassen MIG" not in _text(anonymous, TRAININGS)
    training.is_published = True
    training.start_dates = PAST
    training.save()
    assert "Lassen MIG" not in _text(anonymous, TRAININGS)
    training.delete()
    assert "1 opleiding" in _text(anonymous, TRAININGS)


def test_provider_level_and_sector_changes_show_at_once():
    anonymous = Client()
    level = QualificationLevel.objects.filter(eqf_level=4).first()
    training = TrainingFactory(title="Lassen TIG", level=level)
    sector = Sector.objects.order_by("sort_order").first()
    assert "Lassen TIG" not in _text(anonymous, TRAININGS, sector=sector.code)
    assert str(level) in _text(anonymous, TRAININGS)
    provider = training.provider
    provider.name = "Nieuwe Opleider"
    provider.save()
    assert "Nieuwe Opleider" in _text(anonymous, TRAININGS)
    level.vks_level = "9"
    level.save()
    assert "VKS 9" in _text(anonymous, TRAININGS)
    training.sectors.add(sector)
    assert "Lassen TIG" in _text(anonymous, TRAININGS, sector=sector.code)
    training.sectors.clear()
    assert "Lassen TIG" not in _text(anonymous, TRAININGS, sector=sector.code)


def test_vacancy_employer_and_occupation_changes_show_at_once():
    anonymous = Client()
    vacancy = _vacancy(OrganisationFactory(name="Staalbouw"), "Lasser gezocht")
    assert "Lasser gezocht" in _text(anonymous, VACANCIES)
    vacancy.title = "Lasser (m/v/x)"
    vacancy.save()
    assert "Lasser (m/v/x)" in _text(anonymous, VACANCIES)
    employer = vacancy.organisation
    employer.name = "Staalbouw Gent"
    employer.save()
    assert "Staalbouw Gent" in _text(anonymous, VACANCIES)
    occupation = vacancy.occupation
    occupation.label_nl = "plaatwerker"
    occupation.save()
    assert "plaatwerker" in _text(anonymous, VACANCIES)
    assert "Lasser (m/v/x)" in _text(anonymous, VACANCIES, q="plaatwerker")
    vacancy.status = VacancyStatus.CLOSED
    vacancy.save()
    assert "Lasser (m/v/x)" not in _text(anonymous, VACANCIES)
    _vacancy(employer, "Tweede vacature", occupation=occupation)
    assert "Tweede vacature" in _text(anonymous, VACANCIES)
    Vacancy.objects.get(title="Tweede vacature").delete()
    assert "Tweede vacature" not in _text(anonymous, VACANCIES)


def test_the_esco_import_renews_the_vacancies():
    """It writes occupations in bulk, without signals."""
    esco_import(paths=[DEMO_TAXONOMY], version="kennisbrug-demo-1", is_demo=True)
    before = cache.get(_version_key(VACANCIES_FRAGMENT))
    esco_import(paths=[DEMO_TAXONOMY], version="kennisbrug-demo-1", is_demo=True)
    assert cache.get(_version_key(VACANCIES_FRAGMENT)) != before


def test_each_language_has_its_own_fragment():
    TrainingFactory(title="Lassen TIG")
    _vacancy(OrganisationFactory(), "Lasser gezocht")
    for _ in range(2):  # the second round is served from the kept fragments
        assert "1 opleiding" in _text(Client(), TRAININGS, "nl")
        assert "1 training" in _text(Client(), TRAININGS, "en")
        assert "lasser (en)" not in _text(Client(), VACANCIES, "nl")
        assert "lasser (en)" in _text(Client(), VACANCIES, "en")
    assert "Zoeken" in _text(Client(), VACANCIES, "nl")


# --- nothing personal reaches another visitor ---------------------------------------------------


def test_unpublished_and_finished_trainings_show_only_to_their_organisations_members():
    hidden = TrainingFactory(title="Verborgen cursus", is_published=False)
    own = hidden.provider
    TrainingFactory(provider=own, title="Afgelopen cursus", start_dates=PAST)
    TrainingFactory(title="Open cursus")
    colleague = MembershipFactory(organisation=own).user
    other_provider = TrainingFactory(title="Eigen cursus", is_published=False).provider
    other = MembershipFactory(organisation=other_provider).user
    plain = MembershipFactory().user
    names = ("Verborgen cursus", "Afgelopen cursus", "Eigen cursus", "Open cursus")

    def seen(user) -> set[str]:
        page = _text(_visitor(user), TRAININGS)
        return {name for name in names if name in page}

    for _ in range(2):  # the second round is served from the kept fragments
        assert seen(colleague) == {"Verborgen cursus", "Afgelopen cursus", "Open cursus"}
        assert seen(other) == {"Eigen cursus", "Open cursus"}
        assert seen(plain) == {"Open cursus"}
        assert seen(None) == {"Open cursus"}

    page = _text(_visitor(colleague), TRAININGS)
    assert f"/skills/trainings/{hidden.pk}/edit/" in page
    assert "alle startdata zijn voorbij" in page  # their own finished course says so
    for user in (other, plain, None):
        assert f"/skills/trainings/{hidden.pk}/" not in _text(_visitor(user), TRAININGS)

    # Memberships are read on every request: leaving the organisation shows at once.
    colleague.memberships.update(status=MembershipStatus.REJECTED)
    assert seen(colleague) == {"Open cursus"}


def test_a_participation_and_enrol_form_show_only_to_their_person():
    training = TrainingFactory(title="Open cursus")
    enrol = f'action="/skills/trainings/{training.pk}/enrol/"'
    # Both belong to organisations that provide no trainings: they share the kept cards
    enrolled = MembershipFactory(organisation__name="Werkgever Een").user
    TrainingParticipation.objects.create(
        training=training,
        user=enrolled,
        status=ParticipationStatus.COMPLETED,
        enrolled_at=timezone.now(),
        completed_at=timezone.now(),
    )
    other = MembershipFactory(organisation__name="Werkgever Twee").user

    for _ in range(2):
        theirs = _text(_visitor(enrolled), TRAININGS)
        assert "afgerond" in theirs and enrol not in theirs

        page = _text(_visitor(other), TRAININGS)
        assert enrol in page and "afgerond" not in page
        assert "Werkgever Twee" in page and "Werkgever Een" not in page
        assert _csrf_token(theirs) not in page

        anonymous = _text(Client(), TRAININGS)
        assert "Open cursus" in anonymous
        assert enrol not in anonymous and "afgerond" not in anonymous
        assert _csrf_token(theirs) not in anonymous and "Werkgever" not in anonymous
        assert "<!--enrol" not in anonymous

    # Enrolling through the kept page works and shows at once.
    client = _visitor(other)
    page = _text(client, TRAININGS)
    employer = re.search(r'<option value="(\d+)">Werkgever Twee', page).group(1)
    client.post(f"/skills/trainings/{training.pk}/enrol/", {"employer": employer}, secure=True)
    page = _text(client, TRAININGS)
    assert "ingeschreven" in page and enrol not in page
    assert training.participations.get(user=other).employer.name == "Werkgever Twee"


def test_closed_vacancies_show_only_to_their_organisations_members():
    employer = OrganisationFactory()
    _vacancy(employer, "Gesloten vacature", status=VacancyStatus.CLOSED)
    _vacancy(employer, "Open vacature")
    member = MembershipFactory(organisation=employer).user
    other = MembershipFactory(organisation=_vacancy(OrganisationFactory(), "Andere").organisation)
    names = ("Gesloten vacature", "Open vacature")

    def seen(user) -> set[str]:
        page = _text(_visitor(user), VACANCIES)
        return {name for name in names if name in page}

    for _ in range(2):
        assert seen(member) == {"Gesloten vacature", "Open vacature"}
        assert seen(other.user) == {"Open vacature"}
        assert seen(None) == {"Open vacature"}
    assert "Gesloten" not in _text(_visitor(other.user), VACANCIES, q="vacature")


# --- filters answer as before ----------------------------------------------------------------------


def _titles(page: str) -> list[str]:
    return [t.strip() for t in re.findall(r'<th scope="row">([^<\n]+)', page)]


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"q": "lassen"},
        {"language": "en"},
        {"mode": "online"},
        {"audience": "employees"},
        {"country": "NL"},
        {"sector": "SECTOR"},
        {"q": "lassen", "mode": "on_site", "audience": "job_seekers"},
    ],
)
def test_the_filters_find_what_the_selector_finds(params):
    sector = Sector.objects.order_by("sort_order").first()
    params = {k: sector.code if v == "SECTOR" else v for k, v in params.items()}
    provider = OrganisationFactory()
    member = MembershipFactory(organisation=provider).user
    TrainingFactory(provider=provider, title="Lassen eigen", is_published=False, mode="online")
    TrainingFactory(title="Lassen TIG", audiences=["employees"], language="en")
    TrainingFactory(title="Lassen MIG", nuts3_id="NL414").sectors.add(sector)
    TrainingFactory(title="Lassen voorbij", start_dates=PAST)
    TrainingFactory(title="Online lassen", mode="online", nuts3_id=None, audiences=[])
    for i in range(55):  # more than a page
        TrainingFactory(title=f"Solderen {i:02d}", start_dates=[])
    for user in (None, member):
        expected = market_selectors.training_list(user=user, filters=params)
        total, trainings = market_selectors.training_catalogue(
            organisation_ids=[provider.pk] if user else [], filters=params, limit=50
        )
        assert total == expected.count() > 0
        assert [t.pk for t in trainings] == [t.pk for t in expected[:50]]
        page = _text(_visitor(user), TRAININGS, "en", **params)
        assert _titles(page) == [t.title for t in expected[:50]]
        assert f"{total} training" in page


@pytest.mark.parametrize("bad", [{"mode": "teleport"}, {"sector": "<script>"}, {"q": "x" * 500}])
def test_invalid_filters_list_everything_as_before(bad):
    TrainingFactory(title="Lassen TIG")
    TrainingFactory(title="Solderen")
    for _ in range(2):
        page = _text(Client(), TRAININGS, **bad)
        assert "Lassen TIG" in page and "Solderen" in page and "2 opleidingen" in page
        assert "<script>" not in page
    for _ in range(2):
        assert _text(Client(), VACANCIES, q="x" * 5000).count('value="' + "x" * 100 + '"') == 1


def test_a_training_leaves_the_list_when_its_last_start_date_passes(monkeypatch):
    """The kept cards are per day, so yesterday's list is not served after midnight."""
    TrainingFactory(title="Laatste kans", start_dates=[datetime.date.today().isoformat()])
    assert "Laatste kans" in _text(Client(), TRAININGS)
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args: tomorrow)
    assert "Laatste kans" not in _text(Client(), TRAININGS)

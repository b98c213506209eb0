"""Every role's journey end to end in Chromium, through the clicks and form fills a person
makes (issue 12, point 6): an SME asks a question and asks for an introduction, a
knowledge institution accepts one, a facility operator approves a booking an SME
requested, an SME applies for a voucher with the provider picker, two secretariat
reviewers decide four-eyes, a person seeking work goes from experience to an enrolment,
and the secretariat works its queue.

Each journey runs at desktop width and at 390 px in Dutch, and once in English. Every
page it lands on passes axe (WCAG 2.1 AA) and, at 390 px, does not scroll sideways;
each journey ends by checking what the person sees and what the database now holds.

One demo site serves the whole module: building it takes about 20 s, so the journeys
share it (and one live server) instead of each test starting from an empty database;
each journey works on its own objects, so they do not depend on each other's order.

Run: uv run pytest -m e2e tests/e2e/test_role_journeys.py
"""

import datetime as dt
import itertools
import re
from dataclasses import dataclass

import pytest
from django.core.management import call_command
from django.utils import timezone, translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from tests.browser import RECORD_CSP_VIOLATIONS, check_accessibility, session_cookie
from tests.e2e.test_phone_width import OVERFLOW
from tests.site_walk import People, build_site

pytestmark = [pytest.mark.e2e]

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
VARIANTS = [
    pytest.param(("desktop", "nl"), id="desktop-nl"),
    pytest.param(("phone", "nl"), id="phone-nl"),
    pytest.param(("desktop", "en"), id="desktop-en"),
]
LOCALES = {"nl": "nl-BE", "en": "en-GB"}
_serial = itertools.count(1)


@dataclass
class Site:
    server: object
    people: People
    url: str


# This module overrides pytest-django's `live_server` and `transactional_db`: its own
# would end every test by flushing the demo site this module builds once. Here the
# server lives for the module, tests read and write the database it answers from
# without a flush in between, and the database is emptied once, after the module.


@pytest.fixture(scope="module")
def live_server(django_db_setup, django_db_blocker):
    from pytest_django.live_server_helper import LiveServer

    server = LiveServer("localhost")
    yield server
    server.stop()
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, verbosity=0)


@pytest.fixture
def transactional_db(live_server, django_db_blocker):
    with django_db_blocker.unblock():
        yield


@pytest.fixture(scope="module")
def site(live_server, django_db_blocker):
    from kennisbrug.core.models import Country
    from kennisbrug.core.reference import load_reference_data

    with django_db_blocker.unblock():
        if not Country.objects.exists():  # an earlier transactional test flushed it
            load_reference_data()
        people = build_site()
    return Site(server=live_server, people=people, url=live_server.url)


@pytest.fixture
def db_access(site, transactional_db):
    """The test arranges and checks in the database the live server answers from."""


class Journey:
    """One person's browser at one width and language: visits, clicks and checks."""

    def __init__(self, browser, site: Site, variant: tuple[str, str], user=None):
        width, self.language = variant
        self.phone = width == "phone"
        self.site = site
        self.context = browser.new_context(
            base_url=site.url,
            locale=LOCALES[self.language],
            extra_http_headers={"Accept-Language": self.language},
            viewport=PHONE if self.phone else DESKTOP,
            is_mobile=self.phone,
            has_touch=self.phone,
        )
        self.context.set_default_timeout(15_000)
        self.context.add_init_script(RECORD_CSP_VIOLATIONS)
        if user is not None:
            self.log_in(user)
        self.page = self.context.new_page()
        self.checked: list[str] = []

    def log_in(self, user) -> None:
        # The shared login helper, so staff logins follow whatever it requires.
        self.context.clear_cookies()
        self.context.add_cookies([session_cookie(user, self.site.server)])

    def t(self, msgid: str) -> str:
        """`msgid` in the journey's language, as the page must show it."""
        with translation.override(self.language):
            return gettext(msgid)

    def visit(self, path: str):
        response = self.page.goto(path)
        assert response is not None and response.ok, f"{path}: {response and response.status}"
        self.check()

    def check(self) -> None:
        """The page the person landed on: right language, fits the phone, passes axe."""
        page = self.page
        page.wait_for_load_state()
        assert page.locator("html").get_attribute("lang") == self.language, page.url
        if self.phone:
            result = page.evaluate(OVERFLOW)
            assert result["page"] <= result["width"], (
                f"{page.url} is {result['page']} px wide at {result['width']} px: "
                f"{', '.join(result['culprits'])}"
            )
        check_accessibility(page)
        self.checked.append(page.url)

    def click(self, locator) -> None:
        """Click a link or button that loads a page, then check the new page."""
        locator.click()
        self.check()

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def journeys(browser, site):
    opened = []

    def start(variant, user=None) -> Journey:
        journey = Journey(browser, site, variant, user)
        opened.append(journey)
        return journey

    yield start
    for journey in opened:
        journey.close()


# -- SME: ask an innovation question, get matched, ask for an introduction -------------


@pytest.mark.parametrize("variant", VARIANTS)
def test_sme_asks_a_question_is_matched_and_asks_an_introduction(
    journeys, site, db_access, variant
):
    from kennisbrug.innovation import selectors as innovation_selectors
    from kennisbrug.innovation.constants import IntroductionState
    from kennisbrug.innovation.models import InnovationQuestion, Introduction

    sme = site.people.sme
    j = journeys(variant, sme)
    title = f"Waterstof opslaan in onze hal {next(_serial)}"
    j.visit("/questions/")
    j.click(j.page.get_by_role("link", name=j.t("Ask a question")).first)
    j.page.get_by_label(j.t("Title")).fill(title)
    j.page.get_by_label(j.t("Description")).fill(
        "Wij willen waterstof opslaan en testen hoe veilig de tanks zijn onder druk. "
        "Wie heeft een testbank voor waterstofopslag en kennis van drukvaten?"
    )
    j.click(j.page.get_by_role("button", name=j.t("Save and show matches")))
    expect(j.page.get_by_role("heading", level=1)).to_have_text(title)
    question = InnovationQuestion.objects.get(title=title)
    assert question.author == sme

    hits = j.page.locator("#matches .hit")
    assert hits.count() >= 3, "a question about hydrogen storage finds providers"
    expect(hits.first.locator(".hit__why")).not_to_be_empty()
    # the first match not yet asked for (an earlier run may have asked the best one)
    first = j.page.locator("#matches ol.hits > li").filter(has=j.page.locator("summary")).first
    first.locator("summary").click()
    first.get_by_label(j.t("Short message")).fill(
        "Wij zijn een kmo en zoeken een partner om onze opslagtanks te testen."
    )
    j.click(first.get_by_role("button", name=j.t("Send request")))
    introduction = Introduction.objects.get(question=question)
    # The best match may be run by an organisation nobody on the platform speaks for
    # yet; the requester is then told so instead of "sent".
    if innovation_selectors.introduction_has_recipient(introduction):
        told = j.t("Your introduction request is sent.")
    else:
        with translation.override(j.language):
            told = str(innovation_selectors.without_recipient_notice(introduction))
    expect(j.page.get_by_role("status")).to_contain_text(told)

    assert introduction.requested_by == sme
    assert introduction.state == IntroductionState.REQUESTED
    assert introduction.message.startswith("Wij zijn een kmo")

    row = j.page.get_by_role("row").filter(has_text=introduction.provider_organisation.name)
    expect(row.first).to_be_visible()


# -- Knowledge institution: answer an introduction --------------------------------------


@pytest.mark.parametrize("variant", VARIANTS)
def test_knowledge_institution_accepts_an_introduction(journeys, site, db_access, variant):
    from kennisbrug.innovation import services
    from kennisbrug.innovation.constants import IntroductionState
    from kennisbrug.organisations.models import Membership, Organisation

    institution_user = site.people.knowledge_institution
    institution = Organisation.objects.get(
        memberships__user=institution_user,
        memberships__status="active",
        type="knowledge_institution",
    )
    asker = (
        Membership.objects.filter(status="active", organisation__type="sme")
        .exclude(organisation__introductions_requested__provider_organisation=institution)
        .order_by("pk")[next(_serial)]
    )
    introduction = services.introduction_request(
        requested_by=asker.user,
        requester_organisation=asker.organisation,
        provider_organisation=institution,
        message="Wij zoeken hulp bij het coaten van onderdelen.",
    )

    j = journeys(variant, institution_user)
    j.visit("/questions/introductions/")
    j.click(j.page.get_by_role("link", name=asker.organisation.name).first)
    expect(j.page.get_by_text("Wij zoeken hulp bij het coaten")).to_be_visible()
    j.page.get_by_role("textbox").first.fill("Graag, bel ons deze week voor een afspraak.")
    j.click(j.page.get_by_role("button", name=j.t("Accept"), exact=True))
    expect(j.page.get_by_role("heading", name=j.t("Contact details"))).to_be_visible()
    expect(j.page.get_by_role("link", name=asker.user.email).first).to_be_visible()

    introduction.refresh_from_db()
    assert introduction.state == IntroductionState.ACCEPTED
    assert introduction.responded_by == institution_user
    assert introduction.response_message == "Graag, bel ons deze week voor een afspraak."


# -- Facility operator: approve a booking an SME requested (quote, then confirm) ---------


@pytest.mark.parametrize("variant", VARIANTS)
def test_facility_operator_approves_a_booking_an_sme_requested(journeys, site, db_access, variant):
    from kennisbrug.facilities.constants import BookingStatus
    from kennisbrug.facilities.models import Booking, Facility
    from kennisbrug.facilities.permissions import managed_facility_ids

    operator = site.people.facility_operator
    facility = Facility.objects.filter(pk__in=managed_facility_ids(operator)).order_by("pk").first()
    sme = site.people.sme
    before = set(Booking.objects.filter(facility=facility).values_list("pk", flat=True))

    # A weekday morning past the demo bookings and within the 180 days one may book ahead.
    day = timezone.localdate() + dt.timedelta(days=60 + 7 * (next(_serial) % 16))
    day -= dt.timedelta(days=day.weekday() - 1)  # a Tuesday
    start = dt.datetime.combine(day, dt.time(10, 0))
    end = start + dt.timedelta(hours=2)

    requester = journeys(variant, sme)
    requester.visit(f"/facilities/{facility.pk}/")
    requester.click(requester.page.get_by_role("link", name=requester.t("Request a booking")).first)
    page = requester.page
    page.get_by_label(requester.t("Purpose")).fill("Drukproeven op waterstoftanks")
    page.get_by_label(requester.t("Start")).fill(start.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label(requester.t("End")).fill(end.strftime("%Y-%m-%dT%H:%M"))
    requester.click(page.get_by_role("button", name=requester.t("Show the price")))
    expect(page.get_by_test_id("quote-amount")).to_contain_text("€")
    assert set(Booking.objects.filter(facility=facility).values_list("pk", flat=True)) == before
    requester.click(page.get_by_role("button", name=requester.t("Confirm booking request")))
    booking = Booking.objects.filter(facility=facility).exclude(pk__in=before).get()
    assert booking.status == BookingStatus.REQUESTED
    with translation.override(requester.language):
        expect(page.get_by_test_id("booking-status")).to_have_text(booking.get_status_display())

    j = journeys(variant, operator)
    j.visit("/facilities/bookings/manage/")
    j.click(j.page.locator(f"a[href='/facilities/bookings/{booking.pk}/']").first)
    expect(j.page.get_by_text("Drukproeven op waterstoftanks")).to_be_visible()
    j.click(j.page.get_by_role("button", name=j.t("Approve"), exact=True))
    booking.refresh_from_db()
    assert booking.status == BookingStatus.APPROVED and booking.decided_by == operator
    with translation.override(j.language):
        expect(j.page.get_by_test_id("booking-status")).to_have_text(booking.get_status_display())


# -- Voucher applicant: apply with the provider picker, attach the quote, submit ---------


@pytest.mark.parametrize("variant", VARIANTS)
def test_voucher_applicant_applies_choosing_a_provider_with_the_picker(
    journeys, site, db_access, variant, tmp_path
):
    from kennisbrug.organisations.models import Organisation
    from kennisbrug.vouchers import selectors
    from kennisbrug.vouchers.constants import ApplicationStatus
    from kennisbrug.vouchers.models import Application, Scheme
    from kennisbrug.vouchers.tests.factories import PDF

    applicant_user = site.people.applicant
    applicant = Organisation.objects.filter(
        memberships__user=applicant_user, memberships__status="active", type="sme"
    ).first()
    scheme = Scheme.objects.order_by("pk").first()
    provider = (
        selectors.eligible_providers(scheme=scheme)
        .exclude(country=applicant.country)
        .order_by("pk")[next(_serial)]
    )
    search = provider.name.split(" (")[0]
    title = f"Kalibratie lasrobot {next(_serial)}"
    count = Application.objects.count()

    j = journeys(variant, applicant_user)
    j.visit("/vouchers/")
    j.click(j.page.get_by_role("link", name=scheme.name).first)
    j.click(j.page.get_by_role("link", name=j.t("Apply for a voucher")).first)
    page = j.page
    page.get_by_label(j.t("Title")).fill(title)
    page.get_by_label(j.t("Assignment description")).fill(
        "Wij willen onze lasrobot laten kalibreren."
    )
    # Enter in the search field narrows the list; it neither saves nor suggests.
    page.get_by_label(j.t("Search knowledge providers")).fill(search)
    page.get_by_label(j.t("Search knowledge providers")).press("Enter")
    j.check()
    assert Application.objects.count() == count
    options = page.locator("select[name=provider] option:not([value=''])")
    assert 1 <= options.count() < 20
    assert all(search.casefold() in text.casefold() for text in options.all_inner_texts())
    assert page.get_by_label(j.t("Title")).input_value() == title  # what was typed stays
    page.get_by_label(
        re.compile("^" + re.escape(j.t("Knowledge provider")) + r"(?!\w)")
    ).select_option(str(provider.pk))
    page.get_by_label(j.t("Quote amount (EUR, excl. VAT)")).fill("6000.00")
    page.get_by_label(j.t("Requested voucher amount (EUR)")).fill("4000.00")
    start = timezone.localdate() + dt.timedelta(days=30)
    page.get_by_label(j.t("Planned start")).fill(start.isoformat())
    page.get_by_label(j.t("Planned end")).fill((start + dt.timedelta(days=90)).isoformat())
    page.get_by_label(
        j.t("I declare all de minimis aid our undertaking received in the last three years")
    ).check()
    j.click(page.get_by_role("button", name=j.t("Save draft")))
    application = Application.objects.get(title=title)
    assert application.provider == provider and application.applicant == applicant

    quote = tmp_path / "offerte.pdf"
    quote.write_bytes(PDF)
    page.get_by_label(j.t("Kind of document")).select_option("quote")
    page.get_by_label(j.t("PDF file (at most 10 MB)")).set_input_files(str(quote))
    j.click(page.get_by_role("button", name=j.t("Upload")))
    submit = page.locator(f"form[aria-label='{j.t('Submit')}']")
    j.click(submit.get_by_role("button", name=j.t("Submit")))
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    with translation.override(j.language):
        expect(page.locator("#status")).to_contain_text(application.get_status_display())


# -- Two secretariat reviewers: four-eyes ----------------------------------------------


@pytest.mark.parametrize("variant", VARIANTS)
def test_two_reviewers_decide_four_eyes(journeys, site, db_access, variant):
    from django.contrib.auth import get_user_model

    from kennisbrug.vouchers.constants import ApplicationStatus
    from kennisbrug.vouchers.models import Application

    first = site.people.secretariat
    second = (
        get_user_model()
        .objects.filter(platform_role="secretariat")
        .exclude(pk=first.pk)
        .order_by("pk")
        .first()
    )
    submitted = Application.objects.filter(status=ApplicationStatus.SUBMITTED).exclude(
        title__startswith="Kalibratie lasrobot"  # the applicant journey's own
    )
    application = submitted.order_by("pk")[next(_serial) % submitted.count()]
    link = f"a[href='/vouchers/applications/{application.pk}/']"

    reviewer = journeys(variant, first)
    reviewer.visit("/secretariat/")
    expect(reviewer.page.locator(link).first).to_be_visible()
    reviewer.click(reviewer.page.locator(link).first)
    recommend = reviewer.page.locator(f"form[aria-label='{reviewer.t('Recommend approval')}']")
    recommend.get_by_role("textbox").fill("Volledig en grensoverschrijdend.")
    reviewer.click(recommend.get_by_role("button", name=reviewer.t("Recommend approval")))
    application.refresh_from_db()
    assert application.status == ApplicationStatus.REVIEWED
    assert application.reviewed_by == first
    # The reviewer cannot decide: the reason instead of a button.
    approve = reviewer.t("Approve")
    expect(reviewer.page.get_by_role("button", name=approve, exact=True)).to_have_count(0)
    expect(reviewer.page.locator("#refused-approve")).to_contain_text(
        reviewer.t(
            "Four-eyes principle: you reviewed this application, so another member of "
            "the secretariat must decide."
        )
    )

    decider = journeys(variant, second)
    decider.visit("/secretariat/")
    item = decider.page.locator("li").filter(has=decider.page.locator(link))
    expect(item.first).to_contain_text(decider.t("Second decision (four-eyes)"))
    decider.click(decider.page.locator(link).first)
    decider.click(decider.page.get_by_role("button", name=approve, exact=True))
    application.refresh_from_db()
    assert application.status == ApplicationStatus.APPROVED
    assert application.approved_by == second
    with translation.override(decider.language):
        expect(decider.page.locator("#status")).to_contain_text(application.get_status_display())


# -- Person seeking work: profile, matches on both sides, gap, training, enrolment -------


@pytest.mark.parametrize("variant", VARIANTS)
def test_person_seeking_work_builds_a_profile_and_enrols_in_a_training(
    journeys, site, db_access, variant
):
    from kennisbrug.accounts.tests.factories import UserFactory
    from kennisbrug.skills.models import Profile, TrainingParticipation

    n = next(_serial)
    person = UserFactory(email=f"werkzoekende-{n}@example.org", full_name=f"Sam Peeters {n}")
    j = journeys(variant)
    # A person signs in with the login form.
    j.visit("/accounts/login/")
    j.page.locator("input[name=login]").fill(person.email)
    j.page.locator("input[name=password]").fill("correct horse battery staple")
    j.click(j.page.locator("main form button[type=submit]"))

    j.visit("/skills/")
    j.page.get_by_label(j.t("Describe your work experience (Dutch or English)")).fill(
        "Ik las al tien jaar met MIG en MAG, lees technische tekeningen en bedien een "
        "CNC-draaibank. I also maintained hydraulic systems."
    )
    j.page.get_by_label(j.t("I agree that Kennisbrug keeps my skills profile for me.")).check()
    j.click(j.page.get_by_role("button", name=j.t("Start my profile")))
    boxes = j.page.locator("input[type=checkbox][name=skills]")
    assert boxes.count() >= 2
    for box in boxes.all():
        box.check()
    j.click(j.page.get_by_role("button", name=j.t("Confirm")))
    profile = Profile.objects.get(user=person)
    assert profile.skills.count() >= 2

    j.click(j.page.get_by_role("link", name=j.t("See the occupations that fit me")))
    shortage = j.page.locator("ol.matches > li").filter(has=j.page.locator(".shortage-sides"))
    assert shortage.count() >= 1
    sides = shortage.first.locator(".shortage-sides > li")
    with translation.override(j.language):
        from kennisbrug.core.models import Country

        names = [str(Country.objects.get(code=c).name) for c in ("BE", "NL")]
    side_texts = sides.all_inner_texts()
    assert [any(name in text for text in side_texts) for name in names] == [True, True]
    expect(shortage.first).to_contain_text(j.t("Still to learn:"))

    j.click(shortage.first.get_by_role("link", name=j.t("Learning path")))
    training_title = j.page.locator("table tbody th[scope=row]").first.inner_text().strip()

    j.visit("/skills/trainings/")
    j.page.locator("form.filters").get_by_label(j.t("Search")).fill(training_title)
    j.click(j.page.get_by_role("button", name=j.t("Filter")))
    row = j.page.get_by_role("row").filter(has_text=training_title).first
    j.click(row.get_by_role("button", name=j.t("Enrol")))
    expect(j.page.get_by_text(training_title).first).to_be_visible()
    participation = TrainingParticipation.objects.get(user=person)
    assert participation.training.title == training_title


# -- Secretariat: work the queue ---------------------------------------------------------


@pytest.mark.parametrize("variant", VARIANTS)
def test_secretariat_decides_a_membership_request_from_its_queue(
    journeys, site, db_access, variant
):
    from django.db.models import Exists, OuterRef

    from kennisbrug.accounts.tests.factories import UserFactory
    from kennisbrug.organisations import services
    from kennisbrug.organisations.models import Membership, Organisation

    n = next(_serial)
    admins = Membership.objects.filter(organisation=OuterRef("pk"), role="admin", status="active")
    organisation = Organisation.objects.filter(~Exists(admins), type="sme").order_by("pk")[n]
    newcomer = UserFactory(email=f"nieuwkomer-{n}@example.org")
    membership = services.membership_request(
        user=newcomer, organisation=organisation, message="Ik werk hier sinds kort."
    )

    j = journeys(variant, site.people.secretariat)
    j.visit("/")
    j.click(j.page.get_by_role("link", name=j.t("Work queue")).first)
    card = j.page.locator("section").filter(
        has=j.page.get_by_role("heading", name=j.t("Membership requests"))
    )
    item = card.locator("li").filter(has_text=newcomer.email)
    expect(item).to_contain_text(j.t("The organisation has no admin: the secretariat decides"))
    j.click(card.get_by_role("link", name=j.t("All membership requests in the back office")))
    row = j.page.get_by_role("row").filter(has_text=organisation.name)
    row.locator("input[type=checkbox]").check()
    j.page.locator("select[name=action]").select_option("approve")
    j.click(j.page.locator("button[name=index]"))
    membership.refresh_from_db()
    assert membership.status == "active"

"""Browser test: a person builds a profile from text, confirms skills, opens an occupation
and its learning path (Debian's Chromium, headless)."""

import pytest
from django.conf import settings
from tests.clients import log_in

from kennisbrug.accounts.tests.factories import UserFactory
from kennisbrug.skills.models import Occupation

from .conftest import occupation_uri
from .factories import TrainingFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def browser_page(new_context):
    return new_context(locale="en-GB", extra_http_headers={"Accept-Language": "en"}, timeout=30_000)


def test_profile_from_text_to_learning_path(live_server, client, taxonomy, browser_page):
    from kennisbrug.organisations.tests.factories import OrganisationFactory

    welder = Occupation.objects.get(uri=occupation_uri("welder"))
    TrainingFactory(
        provider=OrganisationFactory(name="Lascentrum Gent"),
        title="Lassen voor beginners",
        mode="online",
        teaches=list(welder.skills.all()),
    )
    user = UserFactory(email="e2e@example.org")
    log_in(client, user)
    context = browser_page
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    page = context.new_page()
    page.goto(f"{live_server.url}/skills/")
    page.get_by_label("Describe your work experience").fill(
        "Ik las al tien jaar met MIG en lees technische tekeningen. I also installed solar panels."
    )
    page.get_by_label("I agree that Kennisbrug keeps my skills profile").check()
    page.get_by_role("button", name="Start my profile").click()
    page.wait_for_url("**/skills/profile/confirm/")
    assert page.get_by_role("heading", level=1).inner_text() == "Confirm your skills"
    boxes = page.locator("input[type=checkbox][name=skills]")
    assert boxes.count() >= 2
    page.get_by_role("button", name="Confirm").click()
    page.wait_for_url("**/skills/profile/")
    assert "skills added to your profile" in page.content()

    page.get_by_role("link", name="See the occupations that fit me").click()
    page.wait_for_url("**/skills/matches/")
    page.get_by_role("link", name="welder", exact=True).click()
    assert page.get_by_role("heading", level=1).inner_text() == "welder"
    assert page.get_by_text("essential skills").first.is_visible()
    page.get_by_role("link", name="Show my learning path").click()
    page.wait_for_url(f"**/skills/occupations/{welder.pk}/learning-path/")
    assert "Learning path to welder" in page.get_by_role("heading", level=1).inner_text()
    page.get_by_label("the shortest duration").check()
    page.get_by_role("button", name="Show").click()
    assert "optimise=duration" in page.url
    assert page.get_by_role("rowheader", name="Lassen voor beginners").is_visible()
    assert "Lascentrum Gent" in page.locator("table").inner_text()

"""Browser test: write a question, see an explained cross-border match, ask an introduction."""

import pytest
from tests.clients import log_in

from kennisbrug.innovation.models import Introduction
from kennisbrug.organisations.tests.factories import OrganisationFactory


@pytest.fixture
def browser_page(new_context):
    return new_context(locale="nl-BE", timeout=30_000)


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_question_match_and_introduction(reference_data, live_server, client, roles, browser_page):
    provider = OrganisationFactory(
        name="Fotonica Kenniscentrum Eindhoven",
        dutch=True,
        knowledge_institution=True,
        description="Onderzoek naar fotonica en lasersnijden van dunne metalen platen.",
    )
    log_in(client, roles.member)
    browser_page.add_cookies(
        [
            {
                "name": "sessionid",
                "value": client.cookies["sessionid"].value,
                "url": live_server.url,
            }
        ]
    )
    page = browser_page.new_page()
    page.goto(f"{live_server.url}/questions/new/")
    page.get_by_label("Titel").fill("Lasersnijden van dun RVS")
    page.get_by_label("Beschrijving").fill("Wie helpt ons met fotonica en lasersnijden van RVS?")
    page.get_by_role("button", name="Opslaan en matches tonen").click()
    page.wait_for_url("**/questions/*/")
    hit = page.locator("article.hit", has_text="Fotonica Kenniscentrum Eindhoven")
    hit.wait_for()
    assert "Grensoverschrijdend: aanbieder in Nederland" in hit.inner_text()
    item = page.locator("ol.hits > li", has_text="Fotonica Kenniscentrum Eindhoven")
    item.get_by_text("Vraag een kennismaking").click()
    item.get_by_label("Kort bericht").fill("Graag maken we kennis.")
    item.get_by_role("button", name="Verzoek versturen").click()
    page.wait_for_url("**/questions/introductions/")
    assert "Fotonica Kenniscentrum Eindhoven" in page.content()
    intro = Introduction.objects.get()
    assert intro.provider_organisation == provider and intro.state == "requested"

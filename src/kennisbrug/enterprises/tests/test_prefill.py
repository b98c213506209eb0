"""Registering a Belgian organisation starts from its register entry (organisations page)."""

import pytest
from django.urls import reverse
from tests.clients import log_in

from kennisbrug.core.models import Sector
from kennisbrug.enterprises.importer import kbo_import
from kennisbrug.organisations.models import Organisation

from .helpers import SAMPLE

pytestmark = pytest.mark.django_db


@pytest.fixture
def register():
    kbo_import(path=SAMPLE)


def _page(client, user, **query):
    log_in(client, user)
    return client.get(reverse("organisations:create"), query)


def test_lookup_prefills_name_address_and_sectors(register, roles, client):
    response = _page(client, roles.other, kbo="0503.267.276")
    assert response.status_code == 200
    form = response.context["form"]
    assert form.initial["name"] == "Fotonix Gent"
    assert form.initial["kbo_number"] == "0503.267.276"
    assert (form.initial["street"], form.initial["postcode"], form.initial["city"]) == (
        "Lichtstraat 7 bus B2",
        "9000",
        "Gent",
    )
    assert form.initial["country"] == "BE"
    assert form.initial["website"] == "https://www.fotonix.example"
    sectors = set(
        Sector.objects.filter(pk__in=form.initial["sectors"]).values_list("code", flat=True)
    )
    assert sectors == {"fotonica", "digitale-technologieen"}
    html = response.content.decode()
    assert 'value="Fotonix Gent"' in html
    assert "Naamloze vennootschap" in html  # the legal form, shown with the form
    assert "Vervaardiging van optische instrumenten" in html
    assert "26700" not in html  # labels, not raw codes


def test_english_page_shows_no_dutch_activity_labels(register, roles, client):
    log_in(client, roles.other)
    response = client.get(
        reverse("organisations:create"), {"kbo": "0503267276"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    html = response.content.decode()
    if response.wsgi_request.LANGUAGE_CODE == "en":
        assert "Vervaardiging" not in html
        assert "NACE-BEL 26700" in html


def test_unknown_number_says_so_and_prefills_nothing(register, roles, client):
    response = _page(client, roles.member, kbo="0403.170.701")
    assert response.status_code == 200
    assert not response.context["form"].initial
    assert "niet in onze kopie van het KBO" in response.content.decode()


@pytest.mark.parametrize("number", ["0503.267.277", "hello", "<script>alert(1)</script>"])
def test_malformed_number_is_a_form_error(register, roles, client, number):
    response = _page(client, roles.member, kbo=number)
    assert response.status_code == 200
    assert response.context["lookup"].errors["kbo"]
    assert not response.context["form"].initial
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_lookup_needs_a_login(register, client):
    response = client.get(reverse("organisations:create"), {"kbo": "0503.267.276"})
    assert response.status_code == 302


def test_the_lookup_writes_nothing(register, roles, client):
    _page(client, roles.member, kbo="0503.267.276")
    assert not Organisation.objects.filter(kbo_number="0503267276").exists()


def test_posting_the_prefilled_form_registers_the_organisation(register, roles, client):
    response = _page(client, roles.other, kbo="0503.267.276")
    initial = response.context["form"].initial
    data = {
        "name": initial["name"],
        "type": "sme",
        "kbo_number": initial["kbo_number"],
        "street": initial["street"],
        "postcode": initial["postcode"],
        "city": initial["city"],
        "country": "BE",
        "website": initial["website"],
        "sectors": initial["sectors"],
    }
    response = client.post(reverse("organisations:create"), data)
    assert response.status_code == 302, response.context["form"].errors
    organisation = Organisation.objects.get(kbo_number="0503267276")
    assert organisation.in_programme_area
    assert set(organisation.sectors.values_list("code", flat=True)) == {
        "fotonica",
        "digitale-technologieen",
    }

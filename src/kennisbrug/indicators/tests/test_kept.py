"""Indicator inputs kept between requests: computed once, and a change shows at the next
request (from the real domain records and services, not the test world's tuples)."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from tests.clients import log_in

from kennisbrug.indicators import kept
from kennisbrug.indicators.evidence import Context
from kennisbrug.organisations.tests.factories import OrganisationFactory

from .test_sources import _introduce

pytestmark = pytest.mark.django_db


@pytest.fixture
def secretariat(client):
    from kennisbrug.accounts.models import PlatformRole
    from kennisbrug.accounts.tests.factories import UserFactory

    log_in(client, UserFactory(platform_role=PlatformRole.SECRETARIAT))
    return client


def figure(client, code: str, url: str = "") -> str:
    html = client.get(url or reverse("indicators:dashboard")).content.decode()
    found = re.search(rf'data-code="{code}">([^<]*)<', html)
    assert found, f"{code} not on the page"
    return found.group(1)


def api_value(client, code: str):
    data = client.get(f"/api/v1/indicators/{code}/", HTTP_ACCEPT="application/json").json()
    return data["value"]


def test_a_voucher_decision_shows_at_the_next_request(secretariat):
    from kennisbrug.vouchers.tests.factories import Cast

    cast = Cast()
    application = cast.draft()
    assert figure(secretariat, "RCO02") == "0"
    assert api_value(secretariat, "RCO02") == 0
    cast.advance(application, "approved")  # the workflow's own service
    assert figure(secretariat, "RCO02") == "1"
    assert api_value(secretariat, "RCO02") == 1
    detail = secretariat.get(reverse("indicators:detail", args=["RCO02"])).content.decode()
    assert cast.applicant.name in detail
    export = secretariat.get(reverse("indicators:export", args=["RCO02", "csv"]))
    assert cast.applicant.name in export.content.decode()


def test_a_new_organisation_and_its_introduction_show_at_the_next_request(secretariat):
    ki_nl = OrganisationFactory(knowledge_institution=True, dutch=True)
    sme_be = OrganisationFactory(name="Kmo Gent")
    _introduce(sme_be, ki_nl, accept=True)
    assert figure(secretariat, "RCO04") == "1"
    newcomer = OrganisationFactory(name="Nieuwe Kmo Brugge")  # registered after the figures
    _introduce(newcomer, ki_nl, accept=True)
    assert figure(secretariat, "RCO04") == "2"
    rows = secretariat.get(reverse("indicators:detail", args=["RCO04"])).content.decode()
    assert "Nieuwe Kmo Brugge" in rows


def test_an_organisation_moving_abroad_moves_its_figure(secretariat):
    """A change of the organisation alone (no new activity) also shows: it is watched."""
    ki_nl = OrganisationFactory(knowledge_institution=True, dutch=True)
    sme_be = OrganisationFactory(name="Kmo Gent")
    _introduce(sme_be, ki_nl, accept=True)
    assert figure(secretariat, "RCO04") == "1"
    brussels = OrganisationFactory(brussels=True)
    sme_be.postcode, sme_be.city, sme_be.nuts3 = brussels.postcode, brussels.city, brussels.nuts3
    sme_be.save()
    assert figure(secretariat, "RCO04") == "0"  # now outside the programme area


def test_a_sector_added_to_an_organisation_shows_in_the_sector_filter(secretariat):
    from kennisbrug.core.models import Sector

    ki_nl = OrganisationFactory(knowledge_institution=True, dutch=True)
    sme_be = OrganisationFactory(name="Kmo Gent")
    sme_be.sectors.clear()
    _introduce(sme_be, ki_nl, accept=True)
    sector = Sector.objects.order_by("sort_order").first()
    url = reverse("indicators:dashboard") + f"?sector={sector.code}"
    assert figure(secretariat, "RCO04", url) == "0"
    sme_be.sectors.add(sector)  # a many-to-many change
    assert figure(secretariat, "RCO04", url) == "1"


def test_the_inputs_are_computed_once_and_kept(secretariat):
    ki_nl = OrganisationFactory(knowledge_institution=True, dutch=True)
    _introduce(OrganisationFactory(), ki_nl, accept=True)
    secretariat.get(reverse("indicators:dashboard"))
    first = kept.current_context()
    with CaptureQueriesContext(connection) as again:
        response = secretariat.get(reverse("indicators:dashboard"))
    assert response.status_code == 200
    assert kept.current_context() is first
    read = " ".join(q["sql"] for q in again)
    for table in ("organisations_organisation", "innovation_introduction", "vouchers_application"):
        assert f'FROM "{table}"' not in read, table


def test_the_inputs_expire_after_the_maximum_age(secretariat, settings):
    """Writes that send no model signals (bulk updates, SQL by hand) show after the maximum
    age at the latest, as the page says."""
    from kennisbrug.innovation.models import Introduction

    ki_nl = OrganisationFactory(knowledge_institution=True, dutch=True)
    intro = _introduce(OrganisationFactory(), ki_nl, accept=True)
    assert figure(secretariat, "RCO04") == "1"
    Introduction.objects.filter(pk=intro.pk).update(state="declined")  # no signal
    assert figure(secretariat, "RCO04") == "1"  # kept
    settings.KENNISBRUG_INDICATORS_MAX_AGE = 0
    assert figure(secretariat, "RCO04") == "0"


def test_a_new_day_computes_anew(secretariat, monkeypatch):
    first = kept.current_context()
    assert kept.current_context() is first
    tomorrow = first.today + dt.timedelta(days=1)
    monkeypatch.setattr(kept.timezone, "localdate", lambda: tomorrow)
    assert kept.current_context().today == tomorrow


def test_the_page_says_when_the_figures_were_computed(secretariat):
    html = secretariat.get(reverse("indicators:dashboard")).content.decode()
    computed = kept.current_context().computed_at
    assert 'class="kb-computed"' in html
    assert f'datetime="{timezone.localtime(computed).isoformat()}"' in html
    detail = secretariat.get(reverse("indicators:detail", args=["RCO01"])).content.decode()
    assert 'class="kb-computed"' in detail
    data = secretariat.get("/api/v1/indicators/", HTTP_ACCEPT="application/json").json()
    assert data["computed_at"] == computed.isoformat().replace("+00:00", "Z")


def _tables(sql: str) -> set[str]:
    return set(re.findall(r'(?:FROM|JOIN) "([a-z0-9_]+)"', sql))


def test_every_table_the_inputs_read_is_watched():
    """A table the computation reads but whose changes bump no version would leave the
    figures stale until the maximum age: computing the inputs reads only watched tables."""
    models, through = kept.watched_models()
    watched = {m._meta.db_table for m in models + through}
    with CaptureQueriesContext(connection) as queries:
        Context().compute_all()
    read = set().union(*(_tables(q["sql"]) for q in queries))
    assert read, "nothing read?"
    assert read <= watched, read - watched

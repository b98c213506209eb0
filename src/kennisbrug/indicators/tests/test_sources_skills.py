"""The skills sources against the real models: trainings (public summary) and bottleneck
occupations (labour-market dashboard), built through the skills services and importers."""

from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import timezone

from kennisbrug.indicators import sources
from kennisbrug.indicators.evidence import Context
from kennisbrug.indicators.public import _counts, region_summary
from kennisbrug.indicators.selectors import OUTSIDE
from kennisbrug.organisations.tests.factories import OrganisationFactory

from .test_sources import member

pytestmark = pytest.mark.django_db

DEMO = "https://kennisbrug.eu/taxonomy/demo/"


@pytest.fixture
def taxonomy(db):
    from kennisbrug.skills.esco_import import esco_import

    path = Path(__file__).resolve().parents[2] / "skills" / "data" / "demo_taxonomy"
    return esco_import(paths=[path], version="kennisbrug-demo-1", is_demo=True)


def _training(provider, *, nuts3=None, published=True, title="Lassen"):
    from kennisbrug.skills.services.market import training_create

    fields = {
        "title": title,
        "skills": [f"{DEMO}skill/weld-mig"],
        "language": "nl",
        "mode": "on_site" if nuts3 else "online",
        "cost": "450.00",
        "duration_hours": 40,
        "is_published": published,
    }
    if nuts3:
        fields["nuts3"] = nuts3
    return training_create(user=member(provider), provider=provider, **fields)


def test_trainings_in_the_public_summary(taxonomy, client, settings):
    assert sources.available("trainings")
    ki_be = OrganisationFactory(name="Hogeschool Gent", knowledge_institution=True)
    ki_nl = OrganisationFactory(name="Hogeschool Eindhoven", knowledge_institution=True, dutch=True)
    antwerp = _training(ki_be, nuts3="BE211")  # counted where it is given: Antwerpen
    _training(ki_be, nuts3="BE211", title="Lassen 2")
    _training(ki_nl, title="Online lassen")  # online: under the provider (Noord-Brabant)
    _training(ki_be, nuts3="BE100", title="Lassen in Brussel")  # outside the programme area
    _training(ki_nl, nuts3="NL414", published=False, title="Concept")  # unpublished

    ctx = Context()
    rows = {t.id: t for t in sources.trainings(ctx)}
    assert len(rows) == 4
    assert rows[antwerp.id] == sources.Training(
        antwerp.id, "Lassen", ki_be.id, "BE211", timezone.localtime(antwerp.created_at).date()
    )
    assert dict(_counts(ctx)["trainings"]) == {"BE21": 2, "NL41": 1, OUTSIDE: 1}

    settings.KENNISBRUG_MIN_GROUP_SIZE = 1  # show every figure
    rows, totals, _columns = region_summary(ctx=Context())
    trainings = {row.code: str(row.cells[4]) for row in rows}
    assert (trainings["BE21"], trainings["NL41"], trainings[OUTSIDE], trainings["BE23"]) == (
        "2",
        "1",
        "1",
        "0",
    )
    assert str(totals[4]) == "4"
    response = client.get("/indicators/region/")
    assert response.status_code == 200
    assert b'id="region-summary"' in response.content


BOTTLENECK_CSV = f"""occupation,region,year,source,tension,bottleneck
{DEMO}occupation/welder,BE21,2025,VDAB knelpuntberoepen 2025,,yes
{DEMO}occupation/welder,NL,2025,UWV spanningsindicator 2025,2.50,
{DEMO}occupation/welder,NL41,2025,UWV regio 2025,3.10,
{DEMO}occupation/welder,NL41,2025,Provincie 2025,4.20,
{DEMO}occupation/cnc-operator,NL34,2025,UWV spanningsindicator 2025,0.50,no
{DEMO}occupation/cnc-operator,BE,2024,VDAB knelpuntberoepen 2024,,yes
"""


def test_bottleneck_occupations_on_the_labour_market_dashboard(taxonomy, client):
    from kennisbrug.indicators.labour import labour_market, province_figures
    from kennisbrug.skills.bottleneck_import import bottleneck_import
    from kennisbrug.skills.models import Occupation

    summary = bottleneck_import(data=BOTTLENECK_CSV)
    assert (summary.created, summary.updated) == (6, 0)
    welder = Occupation.objects.get(uri=f"{DEMO}occupation/welder")
    cnc = Occupation.objects.get(uri=f"{DEMO}occupation/cnc-operator")

    market = labour_market()
    assert market.available and market.years == [2025, 2024] and market.year == 2025
    codes = [p.code for p in market.provinces]
    assert {"BE21", "BE23", "NL34", "NL41", "NL42"} <= set(codes)
    rows = {r.id: {codes[i]: c for i, c in enumerate(r.cells)} for r in market.rows}
    assert [r.id for r in market.rows] == [welder.id, cnc.id]  # most bottleneck provinces first
    assert (rows[welder.id]["BE21"].bottleneck, rows[welder.id]["BE21"].tension) == (True, None)
    assert rows[welder.id]["NL41"].tension == Decimal("3.65")  # two provincial figures averaged
    assert not rows[welder.id]["NL41"].country_wide
    assert (rows[welder.id]["NL42"].tension, rows[welder.id]["NL42"].country_wide) == (
        Decimal("2.50"),
        True,
    )  # only the country-wide UWV figure applies
    assert str(rows[welder.id]["BE23"]) == "–"
    assert (rows[cnc.id]["NL34"].tension, rows[cnc.id]["NL34"].bottleneck) == (
        Decimal("0.50"),
        False,
    )
    figures = province_figures(market, occupation_id=None)
    # welder: BE21 listed; every Dutch province through the tight country-wide UWV figure
    assert (figures["BE21"], figures["BE23"], figures["NL34"]) == (
        (1.0, "1"),
        (0.0, "0"),
        (1.0, "1"),
    )

    older = labour_market(year=2024)  # the 2024 country-wide list applies to every BE province
    [row] = older.rows
    assert row.id == cnc.id
    assert all(
        c.bottleneck
        for p, c in zip(older.provinces, row.cells, strict=True)
        if p.country_id == "BE"
    )

    response = client.get("/indicators/labour-market/")
    assert response.status_code == 200
    assert "3.65" in response.content.decode()
    assert (
        client.get(f"/indicators/labour-market/?year=2024&occupation={cnc.id}").status_code == 200
    )

"""Provider suggestions come from the matching engine: cross-border knowledge
institutions for the stated need, with the engine's readable reasons."""

import pytest

from kennisbrug.matching import index
from kennisbrug.organisations.tests.factories import OrganisationFactory
from kennisbrug.vouchers.suggestions import registry_suggestions, suggest_providers

pytestmark = pytest.mark.django_db


@pytest.fixture
def orgs():
    applicant = OrganisationFactory(name="Lasbedrijf Gent")  # Belgian SME
    applicant.sectors.set(["fotonica"])
    return {
        "applicant": applicant,
        "fit": OrganisationFactory(
            name="TU Lasrobotica",
            dutch=True,
            knowledge_institution=True,
            expertise="Lasrobots kalibreren en robotica.",
        ),
        "same_country": OrganisationFactory(
            name="Gentse Hogeschool",
            knowledge_institution=True,
            expertise="Lasrobots kalibreren en robotica.",
        ),
        "company": OrganisationFactory(
            name="Robotbouwer NL", dutch=True, expertise="Lasrobots kalibreren en robotica."
        ),
        "off_topic": OrganisationFactory(
            name="Bakkerij-instituut",
            dutch=True,
            knowledge_institution=True,
            expertise="Brood, deeg en ovens.",
        ),
    }


def test_the_engine_suggests_cross_border_knowledge_institutions_with_reasons(orgs):
    found = suggest_providers(
        applicant=orgs["applicant"], need_text="Wij willen onze lasrobot kalibreren.", limit=5
    )
    assert [s.organisation.name for s in found] == ["TU Lasrobotica"]
    suggestion = found[0]
    assert suggestion.score > 0
    assert any(r.startswith("Shared terms:") for r in suggestion.reasons)
    assert "Cross-border: provider in" in suggestion.explanation
    # the engine was asked: the organisation document is in the index
    assert index.get_engine().get("organisation", str(orgs["fit"].pk)) is not None


def test_a_dutch_applicant_gets_belgian_providers(orgs):
    dutch = OrganisationFactory(name="Lasbedrijf Eindhoven", dutch=True)
    found = suggest_providers(applicant=dutch, need_text="lasrobots kalibreren", limit=5)
    assert [s.organisation.name for s in found] == ["Gentse Hogeschool"]


def test_limit_and_a_need_nothing_matches(orgs):
    OrganisationFactory(
        name="Fontys Robotica",
        dutch=True,
        knowledge_institution=True,
        expertise="Lasrobots en kalibreren.",
    )
    assert len(suggest_providers(applicant=orgs["applicant"], need_text="lasrobots", limit=1)) == 1
    assert suggest_providers(applicant=orgs["applicant"], need_text="zeewier kweken") == []


@pytest.mark.parametrize(
    "need",
    [
        "<script>alert(1)</script> lasrobots",
        "'; DROP TABLE organisations; -- lasrobots",
        "x" * 50000,
    ],
)
def test_hostile_or_oversized_need_text_is_searched_safely(orgs, need):
    found = suggest_providers(applicant=orgs["applicant"], need_text=need, limit=5)
    assert all(s.organisation.country_id == "NL" for s in found)


def test_an_empty_need_falls_back_to_the_registry_ranking(orgs, monkeypatch):
    from kennisbrug.matching import services as matching_services

    monkeypatch.setattr(
        matching_services, "match", lambda **kw: pytest.fail("the engine was asked")
    )
    orgs["fit"].sectors.set(["fotonica"])
    for empty in ["", "   ", "?!"]:
        found = suggest_providers(applicant=orgs["applicant"], need_text=empty, limit=5)
        assert [s.organisation.name for s in found] == ["TU Lasrobotica"]
        assert "cross-border" in found[0].explanation and found[0].reasons == []
    assert [
        s.organisation.name
        for s in registry_suggestions(applicant=orgs["applicant"], need_text="lasrobots")
    ] == ["TU Lasrobotica"]


def test_a_profile_change_is_reflected_after_commit(orgs, django_capture_on_commit_callbacks):
    assert suggest_providers(applicant=orgs["applicant"], need_text="zeewier kweken") == []
    with django_capture_on_commit_callbacks(execute=True):
        orgs["off_topic"].expertise = "Zeewier kweken in de Noordzee."
        orgs["off_topic"].save()
    found = suggest_providers(applicant=orgs["applicant"], need_text="zeewier kweken")
    assert [s.organisation.name for s in found] == ["Bakkerij-instituut"]

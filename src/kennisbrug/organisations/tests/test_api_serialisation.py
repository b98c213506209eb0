"""The organisation list builds its JSON directly (OrganisationOutputSerializer.to_representation);
it must say exactly what DRF's field-by-field path says for the declared fields."""

import pytest
from rest_framework import serializers

from kennisbrug.core.models import Sector, Technology
from kennisbrug.organisations import selectors
from kennisbrug.organisations.api.serializers import OrganisationOutputSerializer

from .factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


class _Request:
    def __init__(self, user):
        self.user = user


def _organisations():
    full = OrganisationFactory(
        postcode="2000", country_id="BE", size_class="small", website="https://example.org"
    )
    full.sectors.set(Sector.objects.order_by("-sort_order")[:3])
    full.technologies.set(Technology.objects.order_by("-sort_order")[:3])
    bare = OrganisationFactory(nuts3=None, size_class="", website="", email="", phone="")
    return [full, bare]


def _generic(obj, context):
    """DRF's own path over the declared fields."""
    return serializers.Serializer.to_representation(
        OrganisationOutputSerializer(context=context), obj
    )


@pytest.mark.parametrize("who", ["anonymous", "member"])
def test_direct_json_equals_drf_field_by_field(who):
    from django.contrib.auth.models import AnonymousUser

    orgs = _organisations()
    user = MembershipFactory().user if who == "member" else AnonymousUser()
    context = {"request": _Request(user)}
    for org in orgs:
        detail = selectors.organisation_detail(slug=org.slug)
        expected = _generic(detail, context)
        assert OrganisationOutputSerializer(detail, context=context).data == expected
        assert set(expected) == set(OrganisationOutputSerializer().fields)
    listed = selectors.with_tag_codes(list(selectors.organisation_list()))
    for org in listed:
        detail = selectors.organisation_detail(slug=org.slug)
        fast = OrganisationOutputSerializer(org, context=context).data
        assert fast == _generic(detail, context)
        assert (fast["email"] is None) == (who == "anonymous")
    full = next(o for o in listed if o.pk == orgs[0].pk)
    assert len(full.sector_codes) == 3 and len(full.technology_codes) == 3


def test_api_list_shows_each_organisation_as_its_detail_would(api_client):
    _organisations()
    body = api_client.get("/api/v1/organisations/").json()
    assert body["count"] == 2
    for row in body["results"]:
        detail = selectors.organisation_detail(slug=row["slug"])
        assert row == _generic(detail, {"request": None})


@pytest.mark.parametrize("who", ["anonymous", "token"])
def test_research_group_rows_equal_drf_field_by_field(who):
    """The research group list builds its rows directly too (codes read in two queries)."""
    from rest_framework.test import APIClient

    from kennisbrug.accounts import services as accounts
    from kennisbrug.organisations.api.research import ResearchGroupOutputSerializer
    from kennisbrug.organisations.models import ResearchGroup

    from .factories import ResearchGroupFactory

    tagged = ResearchGroupFactory(contact_email="lab@example.org")
    tagged.sectors.set(Sector.objects.order_by("-sort_order")[:3])
    tagged.technologies.set(Technology.objects.order_by("-sort_order")[:2])
    ResearchGroupFactory(contact_email="")
    client = APIClient()
    user = None
    if who == "token":
        user = MembershipFactory().user
        raw = accounts.api_token_create(user=user, name="integration")[1]
        client.credentials(HTTP_AUTHORIZATION=f"Token {raw}")
    response = client.get("/api/v1/research-groups/", secure=True)
    assert response.status_code == 200
    rows = response.json()["results"]
    assert len(rows) == 2
    context = {"request": _Request(user) if user else None}
    for row in rows:
        group = ResearchGroup.objects.select_related("organisation").get(pk=row["id"])
        expected = serializers.Serializer.to_representation(
            ResearchGroupOutputSerializer(context=context), group
        )
        assert row == expected
        assert ResearchGroupOutputSerializer(group, context=context).data == expected
    by_id = {row["id"]: row for row in rows}
    assert len(by_id[tagged.pk]["sectors"]) == 3 and len(by_id[tagged.pk]["technologies"]) == 2
    assert (by_id[tagged.pk]["contact_email"] is None) == (who == "anonymous")

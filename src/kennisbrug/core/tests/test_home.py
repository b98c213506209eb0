import pytest
from django.urls import reverse
from tests.clients import log_in

from kennisbrug.core.models import ActivityType, Sector, TargetGroup

pytestmark = pytest.mark.django_db


def test_home_explains_target_groups_objectives_and_sectors_in_dutch(client):
    response = client.get(reverse("core:home"))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h1>") == 1
    for group in TargetGroup.objects.all():
        assert group.name_nl in html
    assert TargetGroup.objects.count() == 6
    assert "Vind kennisinstellingen, onderzoeksapparatuur en proeftuinen over de grens." in html
    for activity in ActivityType.objects.all():
        assert activity.text_nl.replace("'", "&#x27;") in html
    sectors = list(Sector.objects.all())
    assert len(sectors) == 10
    for sector in sectors:
        assert sector.name_nl in html
    assert reverse("organisations:list") in html
    assert reverse("account_signup") in html


def test_home_in_english(client):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = client.get(reverse("core:home")).content.decode()
    assert '<html lang="en">' in html
    assert "Kennisbrug: knowledge and skills across the Flemish–Dutch border" in html
    assert TargetGroup.objects.get(code="sme").name_en in html
    assert Sector.objects.get(code="fotonica").name_en in html


def test_home_for_a_logged_in_user_links_to_dashboard(client, roles):
    log_in(client, roles.member)
    html = client.get(reverse("core:home")).content.decode()
    assert reverse("accounts:dashboard") in html
    assert reverse("account_signup") not in html

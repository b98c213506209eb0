import io
import random

import pytest
from django.core.management import call_command

from kennisbrug.core.services import postcode_resolve
from kennisbrug.organisations import demo
from kennisbrug.organisations.constants import OrganisationType
from kennisbrug.organisations.identifiers import is_valid_kbo, is_valid_vat, kvk_compact
from kennisbrug.organisations.models import Organisation
from kennisbrug.organisations.size import size_class_for

pytestmark = pytest.mark.django_db


def test_generate_is_valid_and_varied():
    out = io.StringIO()
    orgs = demo.generate(rng=random.Random(1), scale=1, stdout=out)
    assert len(orgs) >= 300
    qs = Organisation.objects.filter(is_demo=True)
    assert qs.count() == len(orgs)
    assert all(o.name.endswith("(demo)") for o in qs)
    assert set(qs.values_list("type", flat=True)) == set(OrganisationType.values)
    assert set(qs.values_list("country_id", flat=True)) == {"BE", "NL"}
    inside = qs.filter(nuts3__in_programme_area=True).count()
    assert 0.7 * len(orgs) < inside < len(orgs)
    for org in qs.prefetch_related("sectors"):
        if org.kbo_number:
            assert is_valid_kbo(org.kbo_number), org.kbo_number
        if org.kvk_number:
            assert kvk_compact(org.kvk_number) == org.kvk_number
        if org.vat_number:
            assert is_valid_vat(org.vat_number) and org.vat_number[:2] == org.country_id
            if org.country_id == "BE":
                assert org.vat_number[2:] == org.kbo_number
        assert (org.kbo_number != "") == (org.country_id == "BE")
        place = postcode_resolve(country=org.country_id, postcode=org.postcode, city=org.city)
        assert place.nuts3 == org.nuts3
        assert org.sectors.count() >= 1 and org.offers and org.description
        if org.type == OrganisationType.SME:
            assert org.size_class in {"micro", "small", "medium"} and org.needs
            assert org.size_class == size_class_for(
                staff_headcount=org.staff_headcount,
                annual_turnover=org.annual_turnover,
                balance_sheet_total=org.balance_sheet_total,
            )
    assert len(set(qs.values_list("offers", flat=True))) > 100  # varied enough to search


def test_generate_is_deterministic():
    first = [
        (o.name, o.kbo_number, o.postcode) for o in demo.generate(rng=random.Random(5), scale=1)
    ]
    Organisation.objects.filter(is_demo=True).delete()
    second = [
        (o.name, o.kbo_number, o.postcode) for o in demo.generate(rng=random.Random(5), scale=1)
    ]
    assert first == second


def test_demo_accounts(settings, monkeypatch):
    from django.contrib.auth import get_user_model

    monkeypatch.setenv("KENNISBRUG_DEMO_PASSWORD", "een-demo-wachtwoord")
    demo.generate(rng=random.Random(2), scale=1)
    secretariat = get_user_model().objects.get(email=demo.SECRETARIAT_EMAIL)
    assert secretariat.is_staff and secretariat.is_secretariat
    assert secretariat.check_password("een-demo-wachtwoord")


def test_no_default_password_outside_debug(settings, monkeypatch):
    from django.contrib.auth import get_user_model

    monkeypatch.delenv("KENNISBRUG_DEMO_PASSWORD", raising=False)
    settings.DEBUG = False
    demo.generate(rng=random.Random(2), scale=1)
    user = get_user_model().objects.get(email=demo.SECRETARIAT_EMAIL)
    assert not user.has_usable_password()


def test_command_is_idempotent():
    call_command("demo_data", stdout=io.StringIO())
    count = Organisation.objects.filter(is_demo=True).count()
    assert count >= 300
    out = io.StringIO()
    call_command("demo_data", stdout=out)
    assert Organisation.objects.filter(is_demo=True).count() == count
    assert "nothing to do" in out.getvalue()

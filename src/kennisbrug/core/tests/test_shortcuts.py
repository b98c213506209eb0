"""The small shared helpers: get_object, model_update and service errors on forms."""

import pytest
from django import forms
from django.core.exceptions import ValidationError

from kennisbrug.core.forms import add_service_errors
from kennisbrug.core.models import Country
from kennisbrug.core.shortcuts import get_object, model_set_fields, model_update

pytestmark = pytest.mark.django_db


def test_get_object_returns_none_when_absent_or_malformed():
    assert get_object(Country, pk="BE").code == "BE"
    assert get_object(Country.objects.filter(is_programme_country=True), pk="NL").code == "NL"
    assert get_object(Country, pk="XX") is None
    assert get_object(Country.objects.filter(is_programme_country=False), pk="BE") is None


def test_model_update_saves_only_whitelisted_changes():
    country = Country.objects.get(pk="BE")
    country, changed = model_update(
        instance=country, fields=["name_en"], data={"name_en": "Belgium (test)"}
    )
    assert changed
    assert Country.objects.get(pk="BE").name_en == "Belgium (test)"
    _, changed = model_update(
        instance=country, fields=["name_en"], data={"name_en": "Belgium (test)"}
    )
    assert not changed


def test_model_update_refuses_fields_outside_the_whitelist_and_bad_values():
    country = Country.objects.get(pk="BE")
    with pytest.raises(ValueError, match="is_programme_country"):
        model_set_fields(country, fields=["name_en"], data={"is_programme_country": False})
    with pytest.raises(ValidationError) as exc:
        model_update(instance=country, fields=["name_nl"], data={"name_nl": "x" * 201})
    assert "name_nl" in exc.value.error_dict
    assert Country.objects.get(pk="BE").name_nl != "x" * 201


class _Form(forms.Form):
    title = forms.CharField()
    owner = forms.CharField()


def test_service_errors_land_beside_their_field_or_on_top():
    form = _Form(data={"title": "t", "owner": "o"})
    assert form.is_valid()
    add_service_errors(
        form,
        ValidationError(
            {
                "title": ["Too long."],
                "owner_id": ["Unknown owner."],
                "budget": ["Not on this form."],
                "__all__": ["Something else."],
            }
        ),
    )
    assert form.errors["title"] == ["Too long."]
    assert form.errors["owner"] == ["Unknown owner."]
    assert sorted(form.non_field_errors()) == ["Not on this form.", "Something else."]
    other = _Form(data={"title": "t", "owner": "o"})
    other.is_valid()
    add_service_errors(other, ValidationError("Not allowed now."))
    assert other.non_field_errors() == ["Not allowed now."]

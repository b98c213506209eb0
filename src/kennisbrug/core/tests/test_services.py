import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from kennisbrug.core.services import postcode_resolve

pytestmark = pytest.mark.django_db


def test_belgian_postcode_in_programme_area():
    place = postcode_resolve(country="BE", postcode=" 9000 ")
    assert place.postcode == "9000"
    assert place.nuts3.code == "BE234"
    assert place.province.code == "BE23"
    assert place.municipality.name_nl == "Gent"
    assert place.in_programme_area is True


def test_brussels_is_outside_programme_area():
    place = postcode_resolve(country="be", postcode="1000")
    assert place.country == "BE"
    assert place.nuts3.code == "BE100"
    assert place.in_programme_area is False


@pytest.mark.parametrize(
    "raw,normalised",
    [("5611 AB", "5611 AB"), ("5611ab", "5611 AB"), ("5611", "5611"), (" 56 11 ", "5611")],
)
def test_dutch_postcode_forms(raw, normalised):
    place = postcode_resolve(country="NL", postcode=raw)
    assert place.postcode == normalised
    assert place.nuts3.code == "NL414"
    assert place.municipality is None
    assert place.in_programme_area is True


def test_amsterdam_is_outside():
    assert postcode_resolve(country="NL", postcode="1011 AB").in_programme_area is False


@pytest.mark.parametrize("letters", ["SS", "SA", "SD"])
def test_dutch_banned_letter_pairs_are_refused(letters):
    with pytest.raises(ValidationError) as exc:
        postcode_resolve(country="NL", postcode=f"5611 {letters}")
    assert exc.value.code == "invalid_postcode"


@pytest.mark.parametrize(
    "country,postcode,code",
    [
        ("BE", "9999", "unknown_postcode"),
        ("BE", "900", "invalid_postcode"),
        ("BE", "90000", "invalid_postcode"),
        ("BE", "0900", "invalid_postcode"),
        ("BE", "<script>", "invalid_postcode"),
        ("NL", "0123 AB", "invalid_postcode"),
        ("NL", "5611 A1", "invalid_postcode"),
        ("NL", "1000", "unknown_postcode"),
        ("NL", "'; DROP TABLE x;--", "invalid_postcode"),
        ("XX", "9000", "unknown_country"),
        ("BE", "", "required"),
    ],
)
def test_bad_postcodes(country, postcode, code):
    with pytest.raises(ValidationError) as exc:
        postcode_resolve(country=country, postcode=postcode)
    assert exc.value.code == code


def test_unknown_postcode_message_is_translated():
    with translation.override("en"):
        with pytest.raises(ValidationError) as exc:
            postcode_resolve(country="BE", postcode="9999")
        assert exc.value.messages == ["Unknown Belgian postcode 9999."]
    with translation.override("nl"):
        with pytest.raises(ValidationError) as exc:
            postcode_resolve(country="BE", postcode="9999")
        assert exc.value.messages == ["Onbekende Belgische postcode 9999."]


def test_shared_belgian_postcode_needs_the_city():
    assert postcode_resolve(country="BE", postcode="1804").municipality is None
    assert (
        postcode_resolve(country="BE", postcode="1804", city="Zemst").municipality.name_nl
        == "Zemst"
    )
    assert (
        postcode_resolve(country="BE", postcode="1804", city="vilvoorde ").municipality.name_nl
        == "Vilvoorde"
    )
    assert postcode_resolve(country="BE", postcode="1804", city="Gent").municipality is None


def test_other_country_is_kept_without_region():
    place = postcode_resolve(country="DE", postcode="52062")
    assert (place.postcode, place.nuts3, place.in_programme_area) == ("52062", None, False)

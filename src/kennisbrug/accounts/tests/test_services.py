import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kennisbrug.accounts import services
from kennisbrug.accounts.models import ApiToken
from kennisbrug.accounts.tests.factories import UserFactory
from kennisbrug.core.models import AuditLog

pytestmark = pytest.mark.django_db


def test_create_returns_raw_token_and_stores_only_its_hash():
    user = UserFactory()
    token, raw = services.api_token_create(user=user, name="  rapportage   script ")
    assert raw.startswith("kb_") and len(raw) > 40
    assert token.name == "rapportage script"
    assert token.key_prefix == raw[:10]
    assert token.key_hash == ApiToken.hash(raw)
    assert raw not in {token.key_hash, token.key_prefix}
    assert AuditLog.objects.filter(action="api_token_created", object_id=str(token.pk)).exists()


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("", "required"),
        ("   ", "required"),
        ("x" * 81, "max_length"),
        ("bad\x00name", "invalid"),
        ("tab\x07bell", "invalid"),
        (None, "invalid"),
        (["list"], "invalid"),
    ],
)
def test_create_rejects_bad_names_and_writes_nothing(name, code):
    user = UserFactory()
    with pytest.raises(ValidationError) as excinfo:
        services.api_token_create(user=user, name=name)
    assert excinfo.value.error_dict["name"][0].code == code
    assert ApiToken.objects.count() == 0


def test_name_of_exactly_80_characters_is_accepted():
    token, _raw = services.api_token_create(user=UserFactory(), name="y" * 80)
    assert len(token.name) == 80


def test_active_token_limit():
    user = UserFactory()
    for i in range(services.MAX_ACTIVE_TOKENS):
        services.api_token_create(user=user, name=f"t{i}")
    with pytest.raises(ValidationError) as excinfo:
        services.api_token_create(user=user, name="one too many")
    assert excinfo.value.error_dict["name"][0].code == "limit"
    services.api_token_revoke(token=ApiToken.objects.filter(user=user).first(), user=user)
    services.api_token_create(user=user, name="fits again")
    assert ApiToken.objects.filter(user=user, revoked_at__isnull=True).count() == 20


def test_revoke_sets_revoked_at_once_and_audits():
    user = UserFactory()
    token, _raw = services.api_token_create(user=user, name="t")
    revoked = services.api_token_revoke(token=token, user=user)
    first = revoked.revoked_at
    assert first is not None
    again = services.api_token_revoke(token=token, user=user)
    assert again.revoked_at == first
    assert AuditLog.objects.filter(action="api_token_revoked", object_id=str(token.pk)).count() == 1


def test_only_the_owner_can_revoke():
    owner, intruder = UserFactory(), UserFactory()
    token, _raw = services.api_token_create(user=owner, name="t")
    with pytest.raises(PermissionDenied):
        services.api_token_revoke(token=token, user=intruder)
    token.refresh_from_db()
    assert token.revoked_at is None

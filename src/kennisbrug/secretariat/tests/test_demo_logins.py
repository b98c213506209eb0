"""The demo has two secretariat reviewers who can log in and finish four-eyes."""

import pytest
from django.urls import reverse

from kennisbrug.organisations import demo as organisation_demo
from kennisbrug.vouchers.constants import ApplicationStatus
from kennisbrug.vouchers.models import Application


@pytest.mark.django_db
def test_two_demo_reviewers_log_in_and_complete_four_eyes(client, settings, reference_data):
    import random

    from kennisbrug.core import demo

    settings.DEBUG = True  # the development password
    rng = random.Random(1)
    for generator in demo.generators:
        if generator.name in ("organisations", "vouchers"):
            generator.generate(rng=rng, scale=1, stdout=None)
    password = organisation_demo.demo_password()
    first, second = organisation_demo.SECRETARIAT_EMAIL, organisation_demo.SECOND_SECRETARIAT_EMAIL
    reviewed = Application.objects.filter(
        status=ApplicationStatus.REVIEWED, reviewed_by__email=first
    ).first()
    assert reviewed is not None
    for email in (first, second):
        # Password, then the code the demo key gives now (`make totp` prints it).
        response = client.post(reverse("account_login"), {"login": email, "password": password})
        assert response.status_code == 302, email
        assert response["Location"] == reverse("mfa_authenticate")
        response = client.post(reverse("mfa_authenticate"), {"code": demo.demo_totp_code(email)})
        assert response.status_code == 302, email
        assert response["Location"] == "/secretariat/"
        if email == first:
            client.logout()
    url = reverse("vouchers:application_transition", args=[reviewed.pk, "approve"])
    client.post(url, {"reason": ""})
    reviewed.refresh_from_db()
    assert reviewed.status == ApplicationStatus.APPROVED


@pytest.mark.django_db
def test_demo_logins_lists_roles_with_the_password(settings, reference_data):
    import io
    import random

    from django.core.management import call_command

    from kennisbrug.core import demo

    settings.DEBUG = True
    rng = random.Random(2)
    for generator in demo.generators:
        if generator.name in ("organisations", "vouchers"):
            generator.generate(rng=rng, scale=1, stdout=None)
    out = io.StringIO()
    call_command("demo_logins", stdout=out)
    text = out.getvalue()
    assert "http://127.0.0.1:8000/" in text
    assert "password: kennisbrug-demo" in text
    assert organisation_demo.SECRETARIAT_EMAIL in text
    assert organisation_demo.SECOND_SECRETARIAT_EMAIL in text
    assert "voucher applicant" in text
    assert "make totp EMAIL=" in text and demo.DEMO_TOTP_SECRET in text
    # Accounts without a usable password are not offered.
    assert "example.org" not in text


@pytest.mark.django_db
def test_demo_logins_without_password_says_how_to_get_one(settings):
    import io

    from django.core.management import call_command

    settings.DEBUG = False
    out = io.StringIO()
    call_command("demo_logins", stdout=out)
    assert "No demo logins" in out.getvalue()


@pytest.mark.django_db
def test_totp_option_prints_the_demo_code_in_development_only(settings, reference_data):
    import io
    import random

    from allauth.mfa.totp.internal.auth import validate_totp_code
    from django.core.management import CommandError, call_command

    from kennisbrug.accounts.tests.factories import UserFactory
    from kennisbrug.core import demo

    settings.DEBUG = True
    rng = random.Random(3)
    for generator in demo.generators:
        if generator.name == "organisations":
            generator.generate(rng=rng, scale=1, stdout=None)
    out = io.StringIO()
    call_command("demo_logins", "--totp", organisation_demo.SECRETARIAT_EMAIL, stdout=out)
    code = out.getvalue().strip()
    assert len(code) == 6 and validate_totp_code(demo.DEMO_TOTP_SECRET, code)
    # Not for an account outside the demo, nor for a demo account without the demo key.
    real = UserFactory(secretariat=True, is_staff=True, email="sec@example.org")
    with pytest.raises(CommandError, match="not a demo staff account"):
        call_command("demo_logins", "--totp", real.email, stdout=io.StringIO())
    with pytest.raises(CommandError, match="not a demo staff account"):
        call_command(
            "demo_logins", "--totp", "beheerder-1@demo.kennisbrug.eu", stdout=io.StringIO()
        )
    settings.DEBUG = False
    with pytest.raises(CommandError, match="only in development"):
        call_command(
            "demo_logins", "--totp", organisation_demo.SECRETARIAT_EMAIL, stdout=io.StringIO()
        )

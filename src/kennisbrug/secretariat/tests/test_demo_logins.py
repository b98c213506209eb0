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
        response = client.post(reverse("account_login"), {"login": email, "password": password})
        assert response.status_code == 302, email
        assert response["Location"] == "/secretariat/"
        client.logout()
    client.post(reverse("account_login"), {"login": second, "password": password})
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

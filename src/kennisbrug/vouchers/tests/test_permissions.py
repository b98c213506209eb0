"""Permission matrix: every page tried by anonymous, another organisation's member,
the applicant's member and admin, the provider's member and the secretariat."""

import pytest
from django.urls import reverse
from tests.clients import log_in

from kennisbrug.vouchers import services
from kennisbrug.vouchers.constants import ApplicationStatus

from .factories import Cast, pdf

pytestmark = pytest.mark.django_db
S = ApplicationStatus
WHO = ["anonymous", "other", "member", "admin", "provider", "secretariat"]


@pytest.fixture
def world(roles):
    cast = Cast(applicant=roles.organisation)
    cast.applicant_member = roles.member
    draft = cast.draft()
    services.attachment_add(
        application=draft, kind="quote", file=pdf("quote.pdf"), uploaded_by=roles.member
    )
    people = {**roles.as_dict(), "provider": cast.provider_member, "secretariat": roles.secretariat}
    return cast, draft, people


def _pages(cast, draft):
    scheme, app = cast.scheme.pk, draft.pk
    attachment = draft.attachments.get().pk
    return {
        "scheme_list": (reverse("vouchers:scheme_list"), [200] * 6),
        "scheme_detail": (reverse("vouchers:scheme_detail", args=[scheme]), [200] * 6),
        "scheme_create": (reverse("vouchers:scheme_create"), [302, 403, 403, 403, 403, 200]),
        "scheme_edit": (
            reverse("vouchers:scheme_edit", args=[scheme]),
            [302, 403, 403, 403, 403, 200],
        ),
        "application_create": (
            reverse("vouchers:application_create", args=[scheme]),
            [302, 200, 200, 200, 403, 403],
        ),
        "application_list": (reverse("vouchers:application_list"), [302] + [200] * 5),
        "application_detail": (
            reverse("vouchers:application_detail", args=[app]),
            [302, 403, 200, 200, 200, 200],
        ),
        "application_edit": (
            reverse("vouchers:application_edit", args=[app]),
            [302, 403, 200, 200, 403, 403],
        ),
        "attachment_download": (
            reverse("vouchers:attachment_download", args=[app, attachment]),
            [302, 403, 200, 200, 200, 200],
        ),
        "scheme_dashboard": (
            reverse("vouchers:scheme_dashboard", args=[scheme]),
            [302, 403, 403, 403, 403, 200],
        ),
        "export_csv": (
            reverse("vouchers:scheme_export", args=[scheme, "applications", "csv"]),
            [302, 403, 403, 403, 403, 200],
        ),
        "export_xlsx": (
            reverse("vouchers:scheme_export", args=[scheme, "payments", "xlsx"]),
            [302, 403, 403, 403, 403, 200],
        ),
        "aid_register": (reverse("vouchers:aid_register"), [302] + [200] * 5),
    }


PAGES = [
    "scheme_list",
    "scheme_detail",
    "scheme_create",
    "scheme_edit",
    "application_create",
    "application_list",
    "application_detail",
    "application_edit",
    "attachment_download",
    "scheme_dashboard",
    "export_csv",
    "export_xlsx",
    "aid_register",
]


@pytest.mark.parametrize("page", PAGES)
def test_page_matrix(client, world, page):
    cast, draft, people = world
    url, expected = _pages(cast, draft)[page]
    for who, status in zip(WHO, expected, strict=True):
        client.logout()
        if people[who] is not None:
            log_in(client, people[who])
        response = client.get(url)
        assert response.status_code == status, (page, who, response.status_code)
        if status == 302:
            assert "/login/" in response["Location"]


def test_application_list_is_scoped(client, world):
    _cast, draft, people = world
    url = reverse("vouchers:application_list")
    for who, sees in [
        ("other", False),
        ("member", True),
        ("provider", True),
        ("secretariat", True),
    ]:
        log_in(client, people[who])
        assert (draft.reference in client.get(url).content.decode()) is sees, who


@pytest.mark.parametrize("who", WHO)
def test_only_applicant_members_can_submit(client, world, who):
    _cast, draft, people = world
    client.logout()
    if people[who] is not None:
        log_in(client, people[who])
    client.post(reverse("vouchers:application_transition", args=[draft.pk, "submit"]))
    draft.refresh_from_db()
    expected = S.SUBMITTED if who in ("member", "admin") else S.DRAFT
    assert draft.status == expected


@pytest.mark.parametrize("who", [*WHO, "reviewer", "approver"])
def test_only_a_second_secretariat_member_can_approve(client, world, who):
    cast, draft, people = world
    app = cast.advance(draft, S.REVIEWED)
    people = {**people, "reviewer": cast.reviewer, "approver": cast.approver}
    client.logout()
    if people[who] is not None:
        log_in(client, people[who])
    client.post(reverse("vouchers:application_transition", args=[app.pk, "approve"]))
    app.refresh_from_db()
    # roles.secretariat did not review, so it may approve too; the reviewer may not.
    expected = S.APPROVED if who in ("approver", "secretariat") else S.REVIEWED
    assert app.status == expected
    committed = app.ledger_entries.count()
    assert committed == (0 if expected == S.REVIEWED else 1)


def test_refusal_reason_four_eyes_and_conflict():
    from kennisbrug.organisations.tests.factories import MembershipFactory
    from kennisbrug.vouchers.permissions import refusal_reason

    cast = Cast()
    app = cast.advance(cast.draft(), S.REVIEWED)
    assert "Four-eyes" in refusal_reason(cast.reviewer, app, "approve")
    assert refusal_reason(cast.approver, app, "approve") is None
    assert refusal_reason(cast.reviewer, app, "reject") is None
    insider = MembershipFactory(organisation=cast.provider).user
    insider.platform_role = "secretariat"
    insider.save()
    assert "member of the applicant" in refusal_reason(insider, app, "reject")
    assert refusal_reason(cast.applicant_member, app, "withdraw") is None


def test_reviewer_sees_the_reason_instead_of_the_approve_button(client):
    cast = Cast()
    app = cast.advance(cast.draft(), S.REVIEWED)
    approve = reverse("vouchers:application_transition", args=[app.pk, "approve"])
    log_in(client, cast.reviewer)
    page = client.get(
        reverse("vouchers:application_detail", args=[app.pk]), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert approve not in page
    assert "another member of the secretariat must decide" in page
    # Posting anyway changes nothing.
    client.post(approve, {"reason": ""})
    app.refresh_from_db()
    assert app.status == S.REVIEWED
    log_in(client, cast.approver)
    page = client.get(reverse("vouchers:application_detail", args=[app.pk])).content.decode()
    assert approve in page

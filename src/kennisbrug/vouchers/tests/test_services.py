"""Services: drafting, idempotency, eligibility, the ledger and the aid register."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from kennisbrug.core.audit import audit_trail
from kennisbrug.organisations.tests.factories import MembershipFactory, OrganisationFactory
from kennisbrug.vouchers import aid_thresholds, selectors, services
from kennisbrug.vouchers.constants import AidRegime, ApplicationStatus, LedgerKind, ProviderRule
from kennisbrug.vouchers.eligibility import check_application
from kennisbrug.vouchers.models import AidRecord, Application, LedgerEntry, LedgerImmutableError

from .factories import Cast, SchemeFactory, pdf, today

pytestmark = pytest.mark.django_db
S = ApplicationStatus


@pytest.fixture
def cast():
    return Cast()


def assert_ledger_consistent(scheme):
    totals = selectors.scheme_totals(scheme=scheme)
    entries = list(LedgerEntry.objects.filter(scheme=scheme))
    gross = {
        kind: sum((e.amount for e in entries if e.kind == kind), Decimal("0"))
        for kind in LedgerKind.values
    }
    assert totals["committed"] == gross["commitment"] - gross["release"] - gross["disbursement"]
    assert totals["disbursed"] == gross["disbursement"]
    assert totals["released"] == gross["release"]
    assert totals["committed"] + totals["disbursed"] <= scheme.total_budget
    assert totals["available"] == scheme.total_budget - totals["committed"] - totals["disbursed"]
    return totals


def test_rules_read_from_reference_file():
    assert aid_thresholds.de_minimis_ceiling(dt.date(2026, 1, 1)) == Decimal("300000")
    assert aid_thresholds.mit_voucher("small") == {
        "value": Decimal("5250"),
        "max_share": Decimal("70"),
    }
    assert aid_thresholds.mit_voucher("large") == {
        "value": Decimal("9000"),
        "max_share": Decimal("40"),
    }
    assert aid_thresholds.gber28_max_intensity() == Decimal("100")
    assert "2023/2831" in aid_thresholds.legal_basis("deminimis.ceiling")


def test_draft_is_created_once_per_idempotency_key(cast):
    first, created = services.application_create(
        scheme=cast.scheme,
        applicant=cast.applicant,
        created_by=cast.applicant_member,
        idempotency_key="abc-123",
        provider=cast.provider,
        title="T",
        assignment_description="D",
        quote_amount=Decimal("7500"),
        requested_amount=Decimal("5000"),
        planned_start=today(),
        planned_end=today(),
        de_minimis_declared=True,
    )
    again, created_again = services.application_create(
        scheme=cast.scheme,
        applicant=cast.applicant,
        created_by=cast.applicant_member,
        idempotency_key="abc-123",
        provider=cast.provider,
        title="T",
        assignment_description="D",
        quote_amount=Decimal("7500"),
        requested_amount=Decimal("5000"),
        planned_start=today(),
        planned_end=today(),
        de_minimis_declared=True,
    )
    assert created and not created_again
    assert first.pk == again.pk
    assert Application.objects.count() == 1


def test_only_members_of_the_applicant_can_draft(cast):
    with pytest.raises(PermissionDenied):
        services.application_create(
            scheme=cast.scheme,
            applicant=cast.applicant,
            created_by=cast.outsider,
            provider=cast.provider,
            title="T",
            assignment_description="D",
            quote_amount=Decimal("7500"),
            requested_amount=Decimal("5000"),
            planned_start=today(),
            planned_end=today(),
        )
    assert Application.objects.count() == 0


@pytest.mark.parametrize(
    ("field", "value", "message", "error_field"),
    [
        ("requested_amount", Decimal("-5"), "cannot be negative", None),
        ("requested_amount", Decimal("0"), "more than zero", None),
        ("requested_amount", Decimal("5250.001"), "at most two decimals", None),
        ("requested_amount", 5250.0, "not a float", None),
        ("requested_amount", "abc", "Enter an amount", None),
        ("requested_amount", "NaN", "Enter an amount", None),
        ("requested_amount", Decimal("6000"), "exceeds the maximum", None),
        ("requested_amount", Decimal("500"), "below the minimum", None),
        ("quote_amount", Decimal("6000"), "at most 70 % of the quote", "requested_amount"),
        ("quote_amount", Decimal("1e20"), "too large", None),
        ("de_minimis_other_aid", Decimal("-1"), "cannot be negative", None),
        ("planned_end", today() - dt.timedelta(days=400), "cannot be before", None),
        ("title", "<script>alert(1)</script>", "HTML markup", None),
        ("title", "bad\x00title", "control characters", None),
        ("title", "x" * 201, "At most 200", None),
        ("title", "   ", "required", None),
        ("assignment_description", "<img src=x onerror=alert(1)>", "HTML markup", None),
    ],
)
def test_bad_input_is_refused_with_a_clear_message_and_writes_nothing(
    cast, field, value, message, error_field
):
    with pytest.raises(ValidationError) as excinfo:
        cast.draft(**{field: value})
    assert message in " ".join(excinfo.value.message_dict[error_field or field])
    assert Application.objects.count() == 0


def test_sql_ish_text_is_stored_literally(cast):
    app = cast.draft(title="Robert'); DROP TABLE vouchers_application;--")
    assert Application.objects.get(pk=app.pk).title.startswith("Robert');")


def test_provider_cannot_be_the_applicant(cast):
    with pytest.raises(ValidationError) as excinfo:
        cast.draft(provider=cast.applicant)
    assert "provider" in excinfo.value.message_dict


def test_eligibility_explains_each_rule(cast):
    app = cast.draft()
    results = {r.code: r for r in check_application(app)}
    assert all(r.passed for r in results.values()), results
    assert results["provider"].message == (
        "Fontys Lectoraat is a knowledge institution; Provider is in the Netherlands, "
        "applicant in Belgium: cross-border ✓"
    )


def test_same_country_provider_fails_cross_border_rule(cast):
    belgian_ki = OrganisationFactory(knowledge_institution=True, size_class="")
    app = cast.draft(provider=belgian_ki)
    result = {r.code: r for r in check_application(app)}["provider"]
    assert not result.passed
    assert "not cross-border" in result.message


def test_accredited_rule_only_accepts_listed_providers(cast):
    scheme = SchemeFactory(provider_rule=ProviderRule.ACCREDITED)
    scheme.accredited_providers.add(cast.provider)
    app = cast.draft()
    app.scheme = scheme
    assert {r.code: r for r in check_application(app)}["provider"].passed
    scheme.accredited_providers.clear()
    assert not {r.code: r for r in check_application(app)}["provider"].passed


def test_de_minimis_headroom_refuses_submission(cast):
    ceiling = aid_thresholds.de_minimis_ceiling()
    app = cast.draft(de_minimis_other_aid=ceiling - Decimal("2000"))
    with pytest.raises(services.NotEligibleError) as excinfo:
        services.application_transition(obj=app, action="submit", actor=cast.applicant_member)
    failed = [r for r in excinfo.value.results if not r.passed]
    assert [r.code for r in failed] == ["aid_headroom"]
    assert failed[0].message == "De minimis headroom €2,000.00 < requested: ✗"
    app.refresh_from_db()
    assert app.status == S.DRAFT


def test_partner_rule_for_sme_duo(cast):
    scheme = SchemeFactory(requires_partner_sme=True)
    app = cast.draft()
    app.scheme = scheme
    assert not {r.code: r for r in check_application(app)}["partner"].passed
    app.partner = OrganisationFactory(dutch=True, name="Brabants MKB")
    assert {r.code: r for r in check_application(app)}["partner"].passed


def test_happy_path_books_the_ledger_and_the_register(cast, django_capture_on_commit_callbacks):
    app = cast.draft()
    with django_capture_on_commit_callbacks(execute=True):
        app = cast.advance(app, S.PAID, pay_amount="5000.00")
    assert app.status == S.PAID
    assert app.paid_amount == Decimal("5000.00")
    totals = assert_ledger_consistent(cast.scheme)
    assert totals["disbursed"] == Decimal("5000.00")
    assert totals["released"] == Decimal("250.00")
    assert totals["committed"] == Decimal("0.00")
    assert totals["available"] == Decimal("95000.00")
    record = AidRecord.objects.get(application=app)
    assert record.amount == Decimal("5000.00")
    assert record.undertaking == "BE0417497106"
    trail = list(
        audit_trail(app)
        .order_by("created_at", "id")
        .values_list("action", "from_state", "to_state")
    )
    assert ("voucher_approve", "reviewed", "approved") in trail
    assert ("voucher_pay", "delivered", "paid") in trail
    assert len(mail.outbox) >= 6
    assert cast.applicant_member.email in mail.outbox[-1].bcc


def test_payment_above_commitment_or_intensity_is_refused(cast):
    app = cast.advance(cast.draft(), S.DELIVERED)
    with pytest.raises(ValidationError) as excinfo:
        services.application_transition(
            obj=app, action="pay", actor=cast.reviewer, amount="5250.01"
        )
    assert "At most €5,250.00 can be paid" in str(excinfo.value)
    assert LedgerEntry.objects.filter(kind=LedgerKind.DISBURSEMENT).count() == 0


def test_four_eyes_reviewer_cannot_approve(cast):
    app = cast.advance(cast.draft(), S.REVIEWED)
    with pytest.raises(PermissionDenied):
        services.application_transition(obj=app, action="approve", actor=cast.reviewer)
    assert LedgerEntry.objects.count() == 0


def test_secretariat_member_of_applicant_cannot_decide(cast):
    app = cast.advance(cast.draft(), S.REVIEWED)
    MembershipFactory(organisation=cast.provider, user=cast.approver)
    with pytest.raises(PermissionDenied):
        services.application_transition(obj=app, action="approve", actor=cast.approver)
    assert LedgerEntry.objects.count() == 0


def test_approval_refused_when_budget_is_exhausted(cast):
    scheme = SchemeFactory(total_budget=Decimal("6000.00"), max_vouchers_per_applicant=5)
    cast.scheme = scheme
    first = cast.advance(cast.draft(), S.REVIEWED)
    other = cast.advance(cast.draft(requested_amount=Decimal("1000.00")), S.REVIEWED)
    cast.advance(first, S.APPROVED)
    with pytest.raises(services.NotEligibleError) as excinfo:
        services.application_transition(obj=other, action="approve", actor=cast.approver)
    assert [r.code for r in excinfo.value.results if not r.passed] == ["budget"]
    assert_ledger_consistent(scheme)


def test_approval_refused_when_de_minimis_ceiling_would_be_exceeded(cast):
    app = cast.advance(cast.draft(), S.REVIEWED)
    # Meanwhile another voucher used almost the whole ceiling for the same undertaking.
    other_scheme = SchemeFactory(
        total_budget=Decimal("400000"), max_amount=Decimal("299000"), aid_intensity=Decimal("100")
    )
    other = Cast(scheme=other_scheme, applicant=cast.applicant)
    big = other.draft(requested_amount=Decimal("298000"), quote_amount=Decimal("298000"))
    other.advance(big, S.APPROVED)
    with pytest.raises(services.NotEligibleError) as excinfo:
        services.application_transition(obj=app, action="approve", actor=cast.approver)
    assert [r.code for r in excinfo.value.results if not r.passed] == ["aid_headroom"]
    app.refresh_from_db()
    assert app.status == S.REVIEWED
    assert not LedgerEntry.objects.filter(application=app).exists()


def test_gber_regime_uses_its_own_ceiling(cast):
    scheme = SchemeFactory(aid_regime=AidRegime.GBER_ART28)
    app = cast.draft()
    app.scheme = scheme
    app.de_minimis_declared = False
    result = {r.code: r for r in check_application(app)}["aid_headroom"]
    assert result.passed
    assert "€200,000.00" in result.message


def test_withdraw_after_approval_releases_and_cancels_aid(cast):
    app = cast.advance(cast.draft(), S.WITHDRAWN)
    totals = assert_ledger_consistent(cast.scheme)
    assert totals["released"] == Decimal("5250.00")
    assert totals["available"] == Decimal("100000.00")
    assert AidRecord.objects.get(application=app).cancelled_on == today()


def test_expire_command_is_idempotent(cast):
    from django.core.management import call_command

    app = cast.advance(cast.draft(), S.IN_PROGRESS)
    assert services.applications_expire() == 0
    later = app.valid_until + dt.timedelta(days=1)
    assert services.applications_expire(today=later) == 1
    assert services.applications_expire(today=later) == 0
    app.refresh_from_db()
    assert app.status == S.EXPIRED
    totals = assert_ledger_consistent(cast.scheme)
    assert totals["committed"] == Decimal("0.00")
    call_command("vouchers", "expire", verbosity=0)


def test_repeated_transition_is_a_no_op(cast):
    app = cast.advance(cast.draft(), S.REVIEWED)
    services.application_transition(obj=app, action="approve", actor=cast.approver)
    services.application_transition(obj=app, action="approve", actor=cast.approver)
    assert LedgerEntry.objects.filter(kind=LedgerKind.COMMITMENT).count() == 1


def test_ledger_is_append_only(cast):
    app = cast.advance(cast.draft(), S.APPROVED)
    entry = LedgerEntry.objects.get(application=app)
    entry.amount = Decimal("1.00")
    with pytest.raises(LedgerImmutableError):
        entry.save()
    with pytest.raises(LedgerImmutableError):
        entry.delete()
    with pytest.raises(LedgerImmutableError):
        LedgerEntry.objects.filter(pk=entry.pk).update(amount=Decimal("1.00"))
    with pytest.raises(LedgerImmutableError):
        LedgerEntry.objects.all().delete()
    assert LedgerEntry.objects.get(pk=entry.pk).amount == Decimal("5250.00")


def test_ledger_refuses_non_positive_amounts_in_the_database(cast):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        LedgerEntry.objects.create(
            scheme=cast.scheme, kind=LedgerKind.COMMITMENT, amount=Decimal("0")
        )


def test_budget_cannot_drop_below_commitments(cast):
    cast.advance(cast.draft(), S.APPROVED)
    with pytest.raises(ValidationError) as excinfo:
        services.scheme_update(
            scheme=cast.scheme,
            updated_by=cast.reviewer,
            total_budget=Decimal("5000.00"),
            max_amount=Decimal("5000.00"),
        )
    assert "total_budget" in excinfo.value.message_dict


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (pdf("invoice.exe"), "PDF"),
        (pdf("invoice.pdf", b"MZ\x90\x00not a pdf"), "not a valid PDF"),
        (pdf("invoice.pdf", b""), "empty"),
    ],
)
def test_bad_uploads_are_refused(cast, upload, message):
    from kennisbrug.vouchers.models import Attachment

    app = cast.draft()
    with pytest.raises(ValidationError) as excinfo:
        services.attachment_add(
            application=app, kind="quote", file=upload, uploaded_by=cast.applicant_member
        )
    assert message in str(excinfo.value)
    assert Attachment.objects.count() == 0


def test_oversized_upload_is_refused(cast):
    from kennisbrug.vouchers.models import Attachment

    big = pdf("big.pdf", b"%PDF-" + b"0" * (10 * 1024 * 1024))
    with pytest.raises(ValidationError) as excinfo:
        services.attachment_add(
            application=cast.draft(), kind="quote", file=big, uploaded_by=cast.applicant_member
        )
    assert "10 MB" in str(excinfo.value)
    assert Attachment.objects.count() == 0


def test_provider_cannot_upload_a_quote_and_outsider_nothing(cast):
    app = cast.draft()
    with pytest.raises(PermissionDenied):
        services.attachment_add(
            application=app, kind="quote", file=pdf(), uploaded_by=cast.provider_member
        )
    with pytest.raises(PermissionDenied):
        services.attachment_add(
            application=app, kind="other", file=pdf(), uploaded_by=cast.outsider
        )


def test_eligibility_reasons_read_in_the_reader_language(cast):
    from django.utils import translation

    app = cast.draft()
    with translation.override("en"):  # checked by someone reading English ...
        result = {r.code: r for r in check_application(app)}["provider"]
    with translation.override("nl"):  # ... reads in Dutch for a Dutch reader
        assert result.message == (
            "Fontys Lectoraat is een kennisinstelling; Dienstverlener is gevestigd in Nederland, "
            "aanvrager in België: grensoverschrijdend ✓"
        )
    with translation.override("en"):
        assert result.message == (
            "Fontys Lectoraat is a knowledge institution; Provider is in the Netherlands, "
            "applicant in Belgium: cross-border ✓"
        )

"""Factories and a `Cast` of people around one application, driven through services.

Applications in later states are made by calling the real transitions, so the
ledger and the aid register are always consistent with the status.
"""

import datetime as dt
import uuid
from decimal import Decimal

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from kennisbrug.accounts.tests.factories import UserFactory
from kennisbrug.organisations.tests.factories import MembershipFactory, OrganisationFactory
from kennisbrug.vouchers import services
from kennisbrug.vouchers.constants import AidRegime, ApplicationStatus, ProviderRule, SchemeType
from kennisbrug.vouchers.models import Scheme

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf(name: str = "invoice.pdf", content: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def today() -> dt.date:
    return timezone.localdate()


class SchemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Scheme
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Kennisvoucher grensoverschrijdend {n}")
    type = SchemeType.KNOWLEDGE_VOUCHER
    total_budget = Decimal("100000.00")
    opens_on = factory.LazyFunction(lambda: today() - dt.timedelta(days=30))
    closes_on = factory.LazyFunction(lambda: today() + dt.timedelta(days=60))
    min_amount = Decimal("1000.00")
    max_amount = Decimal("5250.00")
    aid_intensity = Decimal("70.00")
    eligible_size_classes = ["micro", "small", "medium"]
    require_programme_area = True
    provider_rule = ProviderRule.CROSS_BORDER_KNOWLEDGE_INSTITUTION
    max_vouchers_per_applicant = 2
    validity_months = 12
    aid_regime = AidRegime.DE_MINIMIS
    required_attachments = []


class Cast:
    """Applicant (BE SME in Gent), provider (NL knowledge institution in Eindhoven),
    their members, a reviewer and an approver from the secretariat, and an outsider."""

    def __init__(self, scheme=None, applicant=None, **scheme_kwargs):
        self.scheme = scheme or SchemeFactory(**scheme_kwargs)
        self.applicant = applicant or OrganisationFactory(
            name="Lasbedrijf Gent", kbo_number="0417497106"
        )
        self.provider = OrganisationFactory(
            name="Fontys Lectoraat",
            slug=f"fontys-{uuid.uuid4().hex[:8]}",
            dutch=True,
            knowledge_institution=True,
            size_class="",
        )
        self.applicant_member = (
            self.applicant.memberships.first().user
            if applicant is not None
            else MembershipFactory(organisation=self.applicant).user
        )
        self.provider_member = MembershipFactory(organisation=self.provider).user
        self.reviewer = UserFactory(secretariat=True)
        self.approver = UserFactory(secretariat=True)
        self.outsider = MembershipFactory(organisation=OrganisationFactory(dutch=True)).user

    def draft(self, **overrides):
        data = {
            "provider": self.provider,
            "title": "Lasrobot kalibreren",
            "assignment_description": "Onderzoek naar het kalibreren van een lasrobot.",
            "quote_amount": Decimal("7500.00"),
            "requested_amount": Decimal("5250.00"),
            "planned_start": today() + dt.timedelta(days=7),
            "planned_end": today() + dt.timedelta(days=90),
            "de_minimis_declared": True,
            "de_minimis_other_aid": Decimal("0.00"),
        }
        data.update(overrides)
        app, _created = services.application_create(
            scheme=self.scheme, applicant=self.applicant, created_by=self.applicant_member, **data
        )
        return app

    def advance(self, app, status: str, *, pay_amount=None):
        """Drive `app` through the happy path (or to an end state) up to `status`."""
        S, step = ApplicationStatus, services.application_transition
        path = [
            (S.SUBMITTED, "submit", self.applicant_member, {}),
            (S.REVIEWED, "review", self.reviewer, {"reason": "In orde."}),
            (S.APPROVED, "approve", self.approver, {}),
            (S.IN_PROGRESS, "start", self.provider_member, {}),
            (S.DELIVERED, "deliver", self.provider_member, {"invoice_amount": "7500.00"}),
            (S.PAID, "pay", self.reviewer, {"amount": pay_amount}),
        ]
        ends = {
            S.REJECTED: (S.SUBMITTED, "reject", self.reviewer),
            S.WITHDRAWN: (S.APPROVED, "withdraw", self.applicant_member),
            S.EXPIRED: (S.APPROVED, None, None),
        }
        target = status
        if status in ends:
            target = ends[status][0]
        order = [S.DRAFT] + [p[0] for p in path]
        for to, action, actor, kwargs in path:
            if order.index(to) > order.index(target):
                break
            if order.index(app.status) >= order.index(to):
                continue
            if action == "deliver":
                services.attachment_add(
                    application=app, kind="invoice", file=pdf(), uploaded_by=self.provider_member
                )
            app = step(obj=app, action=action, actor=actor, **kwargs)
        if status in ends:
            _, action, actor = ends[status]
            if action:
                app = step(obj=app, action=action, actor=actor, reason="Reden.")
            else:
                later = app.valid_until + dt.timedelta(days=1)
                app = step(obj=app, action="expire", actor=None, today=later)
        return app

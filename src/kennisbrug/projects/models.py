"""Project ideas with partners, partner invitations, clusters/knowledge networks, challenges."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from kennisbrug.core.models import Country, Nuts3Region, Sector, Technology, TimeStampedModel
from kennisbrug.core.money import MAX_AMOUNT, MoneyField
from kennisbrug.core.validators import multi_line_text, plausible_event_date, single_line_text
from kennisbrug.organisations.constants import OrganisationType
from kennisbrug.organisations.models import Organisation

from .constants import (
    ChallengeStatus,
    IdeaStatus,
    InvitationStatus,
    JoinStatus,
    NetworkKind,
    PartnerRole,
    PartnerStatus,
    ResponseStatus,
    Visibility,
)

AMOUNT_VALIDATORS = [MinValueValidator(Decimal("0")), MaxValueValidator(MAX_AMOUNT)]


class ProjectIdea(TimeStampedModel):
    lead_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="project_ideas",
        verbose_name=_("lead organisation"),
    )
    title = models.CharField(_("title"), max_length=200, validators=[single_line_text])
    summary = models.TextField(_("summary"), max_length=2000, validators=[multi_line_text])
    problem = models.TextField(
        _("problem"), max_length=5000, blank=True, validators=[multi_line_text]
    )
    activities = models.TextField(
        _("activities"), max_length=5000, blank=True, validators=[multi_line_text]
    )
    expected_results = models.TextField(
        _("expected results"), max_length=5000, blank=True, validators=[multi_line_text]
    )
    sectors = models.ManyToManyField(Sector, blank=True, verbose_name=_("sectors"))
    technologies = models.ManyToManyField(
        Technology, blank=True, verbose_name=_("key technologies")
    )
    total_budget = MoneyField(
        _("total eligible costs (EUR)"), null=True, blank=True, validators=AMOUNT_VALIDATORS
    )
    visibility = models.CharField(
        _("visibility"), max_length=12, choices=Visibility.choices, default=Visibility.PRIVATE
    )
    status = models.CharField(
        _("status"), max_length=10, choices=IdeaStatus.choices, default=IdeaStatus.DRAFT
    )
    fit_check = models.JSONField(_("fit check"), null=True, blank=True)
    fit_checked_at = models.DateTimeField(_("fit check run at"), null=True, blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("project idea")
        verbose_name_plural = _("project ideas")
        ordering = ["-updated_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(total_budget__isnull=True) | Q(total_budget__gte=0),
                name="projects_idea_budget_not_negative",
                violation_error_message=_("The total budget cannot be negative."),
            )
        ]

    def __str__(self) -> str:
        return self.title

    def full_text(self) -> str:
        """The text the fit check reads."""
        parts = [self.title, self.summary, self.problem, self.activities, self.expected_results]
        return "\n".join(p for p in parts if p)


class IdeaPartner(TimeStampedModel):
    """A partner of an idea: an organisation from the registry, or a named outside one.

    A registry organisation other than the lead is only `invited` until an admin of it
    accepts the invitation (PartnerInvitation); until then it does not count as a
    partner (fit check, consortium, indicators) and does not see private ideas.
    """

    idea = models.ForeignKey(ProjectIdea, on_delete=models.CASCADE, related_name="partners")
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="idea_partnerships",
        verbose_name=_("organisation"),
    )
    name = models.CharField(_("name"), max_length=200, validators=[single_line_text])
    role = models.CharField(
        _("role"), max_length=12, choices=PartnerRole.choices, default=PartnerRole.PARTNER
    )
    org_type = models.CharField(_("type"), max_length=30, choices=OrganisationType.choices)
    country = models.ForeignKey(Country, on_delete=models.PROTECT, verbose_name=_("country"))
    nuts3 = models.ForeignKey(
        Nuts3Region, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("NUTS3 region")
    )
    budget = MoneyField(
        _("planned budget (EUR)"), default=Decimal("0"), validators=AMOUNT_VALIDATORS
    )
    erdf = MoneyField(_("requested ERDF (EUR)"), default=Decimal("0"), validators=AMOUNT_VALIDATORS)
    status = models.CharField(
        _("status"), max_length=10, choices=PartnerStatus.choices, default=PartnerStatus.INVITED
    )

    class Meta:
        verbose_name = _("idea partner")
        verbose_name_plural = _("idea partners")
        ordering = ["idea_id", "role", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(budget__gte=0) & Q(erdf__gte=0),
                name="projects_partner_amounts_not_negative",
                violation_error_message=_("Amounts cannot be negative."),
            ),
            models.CheckConstraint(
                condition=Q(erdf__lte=F("budget")),
                name="projects_partner_erdf_within_budget",
                violation_error_message=_("The requested ERDF cannot exceed the partner's budget."),
            ),
            models.CheckConstraint(
                condition=~Q(role=PartnerRole.LEAD) | Q(status=PartnerStatus.ACCEPTED),
                name="projects_partner_lead_accepted",
                violation_error_message=_("The lead partner is always a partner."),
            ),
            models.UniqueConstraint(
                fields=["idea", "organisation"],
                condition=Q(organisation__isnull=False),
                name="projects_partner_unique_organisation",
                violation_error_message=_("This organisation is already a partner of the idea."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_role_display()})"


class PartnerInvitation(TimeStampedModel):
    """The lead invites a proposed partner: the link between an idea and an introduction.

    The invitation IS an innovation introduction (target kind "project_idea"); its
    `status` mirrors the introduction's state and is only changed by the introduction's
    transitions (see receivers.py), so there is one state machine.
    """

    idea = models.ForeignKey(ProjectIdea, on_delete=models.CASCADE, related_name="invitations")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="idea_invitations"
    )
    introduction = models.OneToOneField(
        "innovation.Introduction",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="partner_invitation",
        verbose_name=_("introduction"),
    )
    role = models.CharField(
        _("proposed role"), max_length=12, choices=PartnerRole.choices, default=PartnerRole.PARTNER
    )
    message = models.TextField(
        _("message"), max_length=2000, blank=True, validators=[multi_line_text]
    )
    reason = models.TextField(
        _("why this partner"), max_length=2000, blank=True, validators=[multi_line_text]
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=InvitationStatus.choices,
        default=InvitationStatus.PENDING,
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("partner invitation")
        verbose_name_plural = _("partner invitations")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["idea", "organisation"],
                condition=Q(status="pending"),
                name="projects_invitation_one_pending",
                violation_error_message=_("This organisation already has a pending invitation."),
            )
        ]


class Network(TimeStampedModel):
    """A cross-border innovation cluster around a key technology, or a knowledge network around a theme."""

    kind = models.CharField(_("kind"), max_length=10, choices=NetworkKind.choices)
    name = models.CharField(_("name"), max_length=200, validators=[single_line_text])
    description = models.TextField(_("description"), max_length=5000, validators=[multi_line_text])
    theme = models.CharField(_("theme"), max_length=200, blank=True, validators=[single_line_text])
    technology = models.ForeignKey(
        Technology,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("key technology"),
    )
    sectors = models.ManyToManyField(Sector, blank=True, verbose_name=_("sectors"))
    owner_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="owned_networks",
        verbose_name=_("coordinator"),
    )
    is_demo = models.BooleanField(_("demo data"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("cluster or network")
        verbose_name_plural = _("clusters and networks")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class NetworkMembership(TimeStampedModel):
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="network_memberships"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=JoinStatus.choices, default=JoinStatus.REQUESTED
    )
    message = models.TextField(
        _("message"), max_length=1000, blank=True, validators=[multi_line_text]
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("network membership")
        verbose_name_plural = _("network memberships")
        ordering = ["network_id", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["network", "organisation"],
                name="projects_network_unique_member",
                violation_error_message=_("This organisation is already linked to this network."),
            )
        ]


class Challenge(TimeStampedModel):
    """An open-innovation challenge posted by a company or government."""

    owner_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="challenges",
        verbose_name=_("posted by"),
    )
    title = models.CharField(_("title"), max_length=200, validators=[single_line_text])
    problem = models.TextField(_("problem"), max_length=5000, validators=[multi_line_text])
    requirements = models.TextField(
        _("what a solution must do"), max_length=5000, validators=[multi_line_text]
    )
    reward = models.TextField(
        _("reward or follow-up"), max_length=2000, blank=True, validators=[multi_line_text]
    )
    deadline = models.DateTimeField(_("deadline"), validators=[plausible_event_date])
    ip_terms = models.TextField(
        _("intellectual property terms"), max_length=2000, blank=True, validators=[multi_line_text]
    )
    sectors = models.ManyToManyField(Sector, blank=True, verbose_name=_("sectors"))
    technologies = models.ManyToManyField(
        Technology, blank=True, verbose_name=_("key technologies")
    )
    status = models.CharField(
        _("status"), max_length=12, choices=ChallengeStatus.choices, default=ChallengeStatus.DRAFT
    )
    is_demo = models.BooleanField(_("demo data"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("challenge")
        verbose_name_plural = _("challenges")
        ordering = ["deadline", "id"]

    def __str__(self) -> str:
        return self.title


class ChallengeResponse(TimeStampedModel):
    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="responses")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="challenge_responses"
    )
    proposal = models.TextField(_("proposal"), max_length=5000, validators=[multi_line_text])
    status = models.CharField(
        _("status"), max_length=12, choices=ResponseStatus.choices, default=ResponseStatus.SUBMITTED
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("challenge response")
        verbose_name_plural = _("challenge responses")
        ordering = ["challenge_id", "created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["challenge", "organisation"],
                name="projects_response_one_per_organisation",
                violation_error_message=_("This organisation already responded to the challenge."),
            ),
            models.UniqueConstraint(
                fields=["challenge"],
                condition=Q(status="selected"),
                name="projects_response_one_selected",
                violation_error_message=_("A challenge has at most one selected solver."),
            ),
        ]

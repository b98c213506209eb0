"""The organisation registry and its memberships."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kennisbrug.core.models import (
    Country,
    Municipality,
    Nuts3Region,
    RegionMixin,
    Sector,
    Technology,
    TimeStampedModel,
)
from kennisbrug.core.money import MAX_AMOUNT, MoneyField
from kennisbrug.core.validators import multi_line_text, single_line_text

from .constants import MembershipRole, MembershipStatus, OrganisationType, SizeClass


class Organisation(RegionMixin, TimeStampedModel):
    name = models.CharField(_("name"), max_length=200, validators=[single_line_text])
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    type = models.CharField(_("type"), max_length=30, choices=OrganisationType.choices)

    # Legal identifiers, stored in their compact form (digits only, VAT with country prefix).
    kbo_number = models.CharField(_("KBO/BCE enterprise number"), max_length=10, blank=True)
    kvk_number = models.CharField(_("KvK number"), max_length=8, blank=True)
    vat_number = models.CharField(_("VAT number"), max_length=16, blank=True)

    # Address; region fields are derived from the postcode by the registry service.
    street = models.CharField(
        _("street and number"), max_length=200, blank=True, validators=[single_line_text]
    )
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True, validators=[single_line_text])
    country = models.ForeignKey(Country, on_delete=models.PROTECT, verbose_name=_("country"))
    nuts3 = models.ForeignKey(
        Nuts3Region, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("NUTS3 region")
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("municipality"),
    )

    website = models.URLField(_("website"), max_length=300, blank=True)
    email = models.EmailField(_("contact email"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True, validators=[single_line_text])

    description = models.TextField(
        _("description"), max_length=5000, blank=True, validators=[multi_line_text]
    )
    expertise = models.TextField(
        _("expertise"), max_length=5000, blank=True, validators=[multi_line_text]
    )
    offers = models.TextField(
        _("what we offer"), max_length=5000, blank=True, validators=[multi_line_text]
    )
    needs = models.TextField(
        _("what we look for"), max_length=5000, blank=True, validators=[multi_line_text]
    )
    sectors = models.ManyToManyField(Sector, blank=True, verbose_name=_("sectors"))
    technologies = models.ManyToManyField(
        Technology, blank=True, verbose_name=_("key technologies")
    )

    # Inputs of the EU SME definition, kept so the size class can be explained and recomputed.
    staff_headcount = models.PositiveIntegerField(
        _("staff headcount (annual work units)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(5_000_000)],
    )
    annual_turnover = MoneyField(
        _("annual turnover (EUR)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(MAX_AMOUNT)],
    )
    balance_sheet_total = MoneyField(
        _("annual balance sheet total (EUR)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(MAX_AMOUNT)],
    )
    size_class = models.CharField(
        _("size class"), max_length=10, choices=SizeClass.choices, blank=True
    )

    is_demo = models.BooleanField(_("demo data"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        # The catalogue and the API list page by (name, pk): without the index PostgreSQL
        # sorted every organisation for each page of 25 (18 ms of 3,000; 0.2 ms with it).
        indexes = [models.Index(fields=["name", "id"], name="organisations_name_id_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["kbo_number"],
                condition=~Q(kbo_number=""),
                name="organisations_unique_kbo",
                violation_error_message=_(
                    "An organisation with this KBO/BCE number already exists."
                ),
            ),
            models.UniqueConstraint(
                fields=["kvk_number"],
                condition=~Q(kvk_number=""),
                name="organisations_unique_kvk",
                violation_error_message=_("An organisation with this KvK number already exists."),
            ),
            models.UniqueConstraint(
                fields=["vat_number"],
                condition=~Q(vat_number=""),
                name="organisations_unique_vat",
                violation_error_message=_("An organisation with this VAT number already exists."),
            ),
            models.CheckConstraint(
                condition=Q(annual_turnover__isnull=True) | Q(annual_turnover__gte=0),
                name="organisations_turnover_not_negative",
                violation_error_message=_("The turnover cannot be negative."),
            ),
            models.CheckConstraint(
                condition=Q(balance_sheet_total__isnull=True) | Q(balance_sheet_total__gte=0),
                name="organisations_balance_not_negative",
                violation_error_message=_("The balance sheet total cannot be negative."),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Membership(TimeStampedModel):
    """A person's place in an organisation: member or admin, once approved."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(
        _("role"), max_length=10, choices=MembershipRole.choices, default=MembershipRole.MEMBER
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=MembershipStatus.choices,
        default=MembershipStatus.PENDING,
    )
    message = models.TextField(
        _("message"), max_length=1000, blank=True, validators=[multi_line_text]
    )

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["organisation__name", "user__email"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation"],
                name="organisations_unique_membership",
                violation_error_message=_("This person is already linked to this organisation."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.organisation} ({self.role}, {self.status})"


class Invitation(TimeStampedModel):
    """A person invited by e-mail to join an organisation (by the bulk import).

    People who already have an account become members at once; for an address
    without an account the invitation waits until someone confirms that address,
    and then becomes an active membership (see receivers.py).
    """

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("email address"))
    role = models.CharField(
        _("role"), max_length=10, choices=MembershipRole.choices, default=MembershipRole.MEMBER
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["organisation__name", "email"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "email"],
                name="organisations_unique_invitation",
                violation_error_message=_("This address has already been invited."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.email} → {self.organisation}"


class ResearchGroup(TimeStampedModel):
    """A research group, lab or chair of an organisation (usually a knowledge institution):
    what it knows, for SMEs looking for knowledge and partners across the border.

    The organisation's admins (and the secretariat) keep it; it is public, except its
    contact address, which only signed-in users see.
    """

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="research_groups",
        verbose_name=_("organisation"),
    )
    name = models.CharField(_("name"), max_length=200, validators=[single_line_text])
    description = models.TextField(
        _("description"),
        max_length=5000,
        blank=True,
        validators=[multi_line_text, MaxLengthValidator(5000)],
    )
    expertise = models.TextField(
        _("expertise and keywords"),
        max_length=2000,
        blank=True,
        validators=[multi_line_text, MaxLengthValidator(2000)],
    )
    sectors = models.ManyToManyField(Sector, blank=True, verbose_name=_("sectors"))
    technologies = models.ManyToManyField(
        Technology, blank=True, verbose_name=_("key technologies")
    )
    website = models.URLField(_("website"), max_length=300, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        verbose_name = _("research group")
        verbose_name_plural = _("research groups")
        ordering = ["organisation__name", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "name"],
                name="organisations_unique_research_group",
                violation_error_message=_(
                    "This organisation already has a research group with this name."
                ),
            )
        ]

    def __str__(self) -> str:
        return self.name


class Expert(TimeStampedModel):
    """A person an organisation lists as an expert, so that SMEs can find who knows what.

    Experts are people, not necessarily users of the platform. The organisation lists
    them on the basis of the person's consent: its admin confirms that consent by setting
    `listed`, and an expert who is not listed is shown nowhere outside the organisation's
    own management page and is not searchable. The person can withdraw at any time by
    asking the organisation, whose admins (or the secretariat) edit or delete the entry;
    deleting it removes it from the search index as well. Only what is needed to be found
    is kept: a name, a role, the expertise, an optional work e-mail address that only
    signed-in users see.
    """

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="experts",
        verbose_name=_("organisation"),
    )
    research_group = models.ForeignKey(
        ResearchGroup,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="experts",
        verbose_name=_("research group"),
    )
    name = models.CharField(_("name"), max_length=200, validators=[single_line_text])
    role = models.CharField(
        _("role or title"), max_length=200, blank=True, validators=[single_line_text]
    )
    expertise = models.TextField(
        _("expertise"), max_length=2000, validators=[multi_line_text, MaxLengthValidator(2000)]
    )
    email = models.EmailField(_("work e-mail address"), blank=True)
    listed = models.BooleanField(
        _("listed with the person's consent"),
        default=False,
        help_text=_(
            "Only tick this when the person has agreed to be listed; unlisted experts are "
            "visible only to your organisation's admins."
        ),
    )
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        verbose_name = _("expert")
        verbose_name_plural = _("experts")
        ordering = ["organisation__name", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "name"],
                name="organisations_unique_expert",
                violation_error_message=_(
                    "This organisation already lists an expert with this name."
                ),
            )
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        group = self.research_group if self.research_group_id is not None else None
        if (
            group is not None
            and self.organisation_id is not None
            and group.organisation_id != self.organisation_id
        ):
            raise ValidationError(
                {"research_group": _("Choose a research group of this organisation.")}
            )

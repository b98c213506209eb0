"""A mirror of the Belgian enterprise register (KBO/BCE open data) for the programme area.

Filled only by `manage.py kbo import` (kennisbrug.enterprises.importer); read by the
registration prefill and the API. Nobody edits these rows by hand.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from kennisbrug.core.models import Nuts3Region

from .constants import EnterpriseStatus


class Enterprise(models.Model):
    number = models.CharField(_("enterprise number"), max_length=10, primary_key=True)
    status = models.CharField(
        _("status"), max_length=10, choices=EnterpriseStatus.choices, db_index=True
    )
    register_status = models.CharField(_("register status code"), max_length=2, blank=True)
    juridical_situation = models.CharField(_("legal situation code"), max_length=3, blank=True)
    legal_form = models.CharField(_("legal form code"), max_length=3, blank=True)
    start_date = models.DateField(_("start date"), null=True, blank=True)

    # Names: `name` is the official name in Dutch when there is one, else French,
    # else any; the per-language names are kept for the other language of the site.
    name = models.CharField(_("name"), max_length=320)
    name_nl = models.CharField(_("name (Dutch)"), max_length=320, blank=True)
    name_fr = models.CharField(_("name (French)"), max_length=320, blank=True)
    commercial_name = models.CharField(_("commercial name"), max_length=320, blank=True)

    # The registered office when it lies in the programme area, else the first
    # establishment there: the address that made the enterprise part of this mirror.
    street = models.CharField(_("street and number"), max_length=250, blank=True)
    postcode = models.CharField(_("postcode"), max_length=4)
    city = models.CharField(_("city"), max_length=200, blank=True)
    nuts3 = models.ForeignKey(
        Nuts3Region, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("NUTS3 region")
    )
    website = models.CharField(_("website"), max_length=254, blank=True)

    # [[version, code, classification], ...] as in activity.csv, e.g. ["2008", "62010", "MAIN"].
    activities = models.JSONField(_("activities (NACE-BEL)"), default=list)
    sector_codes = models.JSONField(_("priority sectors"), default=list)

    establishments = models.PositiveIntegerField(_("establishments in the area"), default=0)
    last_seen_extract = models.PositiveIntegerField(_("last seen in extract"))
    gone_since = models.DateField(_("no longer in the extract since"), null=True, blank=True)
    # A digest of everything above that comes from the file: unchanged rows are not rewritten.
    fingerprint = models.CharField(max_length=32)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("register enterprise")
        verbose_name_plural = _("register enterprises")
        ordering = ["number"]
        indexes = [models.Index(fields=["postcode"], name="enterprises_postcode")]

    def __str__(self) -> str:
        return self.name

    @property
    def formatted_number(self) -> str:
        n = self.number
        return f"{n[:4]}.{n[4:7]}.{n[7:]}"


class RegisterCode(models.Model):
    """A code's description from code.csv (legal forms, NACE codes, situations)."""

    category = models.CharField(_("category"), max_length=40)
    code = models.CharField(_("code"), max_length=10)
    description_nl = models.CharField(_("description (Dutch)"), max_length=500, blank=True)
    description_fr = models.CharField(_("description (French)"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("register code")
        verbose_name_plural = _("register codes")
        constraints = [
            models.UniqueConstraint(
                fields=["category", "code"],
                name="enterprises_unique_code",
                violation_error_message=_("This register code is already known."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.category} {self.code}"


class RegisterImport(models.Model):
    """One run of `kbo import`: which extract, when, and what it changed."""

    extract_number = models.PositiveIntegerField(_("extract number"))
    snapshot_date = models.DateField(_("snapshot date"))
    source = models.CharField(_("source file"), max_length=300)
    imported_at = models.DateTimeField(_("imported at"), auto_now_add=True)
    added = models.PositiveIntegerField(_("added"), default=0)
    updated = models.PositiveIntegerField(_("updated"), default=0)
    unchanged = models.PositiveIntegerField(_("unchanged"), default=0)
    gone = models.PositiveIntegerField(_("no longer in the extract"), default=0)
    rows_read = models.PositiveBigIntegerField(_("rows read"), default=0)

    class Meta:
        verbose_name = _("register import")
        verbose_name_plural = _("register imports")
        ordering = ["-imported_at"]

    def __str__(self) -> str:
        return f"KBO extract {self.extract_number}"

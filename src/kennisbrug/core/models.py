"""Reference data shared by every app, and the base model and audit trail.

Reference rows are loaded from the files in `core/data/` (see SOURCES.md there)
by `manage.py load_reference_data`; their primary keys are the official codes
so that other tables and exports carry meaningful identifiers.
"""

import re
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .validators import single_line_text


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True


class BilingualNameMixin(models.Model):
    """A Dutch and an English name; `name` picks the one for the active language."""

    name_nl = models.CharField(_("name (Dutch)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)

    class Meta:
        abstract = True

    @property
    def name(self) -> str:
        if (get_language() or "nl").startswith("en") and self.name_en:
            return self.name_en
        return self.name_nl

    def __str__(self) -> str:
        return self.name


def region_display_name(name: str, country_code: str) -> str:
    """A region as people read it: its name with the country, "Limburg (BE)".

    Both countries have a province Limburg, so the country is always shown.
    """
    return _("%(name)s (%(country)s)") % {"name": name, "country": country_code}


def region_name(code: str) -> str:
    """The display name of a region given by code: a NUTS2 province, a NUTS3 region or
    a country (sources such as bottleneck lists give any of the three). An unknown
    code is returned as it is."""
    code = (code or "").strip().upper()
    if not code:
        return ""
    for model in (Province, Nuts3Region):
        region = model.objects.filter(pk=code).first()
        if region is not None:
            return str(region)
    country = Country.objects.filter(pk=code).first()
    return country.name if country is not None else code


def region_names(codes) -> dict[str, str]:
    """`region_name` for many codes at once (a table's worth of rows): three queries in all,
    whatever the number of codes. Unknown codes map to themselves."""
    wanted = {(code or "").strip().upper() for code in codes} - {""}
    names: dict[str, str] = {}
    for model in (Province, Nuts3Region):
        for region in model.objects.filter(pk__in=wanted - names.keys()):
            names[region.pk] = str(region)
    for country in Country.objects.filter(pk__in=wanted - names.keys()):
        names[country.pk] = country.name
    return {code: names.get(code, code) for code in wanted}


class Country(BilingualNameMixin):
    code = models.CharField(_("ISO code"), max_length=2, primary_key=True)
    # Only Belgium and the Netherlands take part in the programme; other
    # countries exist so that partners from elsewhere can be registered.
    is_programme_country = models.BooleanField(_("programme country"), default=False)

    class Meta:
        verbose_name = _("country")
        verbose_name_plural = _("countries")
        ordering = ["-is_programme_country", "name_nl"]


class ProgrammeAreaCoverage(models.TextChoices):
    FULL = "full", _("entirely in the programme area")
    PARTIAL = "partial", _("partly in the programme area")
    NO = "no", _("outside the programme area")


class Province(BilingualNameMixin):
    """A province (NUTS2); the Brussels-Capital Region is listed as one too."""

    code = models.CharField(_("NUTS2 code"), max_length=5, primary_key=True)
    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="provinces")
    iso_code = models.CharField(_("ISO 3166-2 code"), max_length=8, blank=True)
    programme_area = models.CharField(
        _("programme area"),
        max_length=10,
        choices=ProgrammeAreaCoverage.choices,
        default=ProgrammeAreaCoverage.NO,
    )

    class Meta:
        verbose_name = _("province")
        verbose_name_plural = _("provinces")
        ordering = ["country_id", "name_nl"]

    def __str__(self) -> str:
        return region_display_name(self.name, self.country_id)


class Nuts3Region(BilingualNameMixin):
    """A NUTS3 region (NUTS 2021): an arrondissement in Belgium, a COROP area in the Netherlands."""

    code = models.CharField(_("NUTS3 code"), max_length=5, primary_key=True)
    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="nuts3_regions")
    province = models.ForeignKey(
        Province, on_delete=models.PROTECT, related_name="nuts3_regions", null=True, blank=True
    )
    in_programme_area = models.BooleanField(_("in programme area"), default=False)

    class Meta:
        verbose_name = _("NUTS3 region")
        verbose_name_plural = _("NUTS3 regions")
        ordering = ["code"]

    def __str__(self) -> str:
        return region_display_name(self.name, self.country_id)


class Municipality(models.Model):
    """A Belgian municipality (REFNIS code, situation on 1 January 2025)."""

    nis_code = models.CharField(_("NIS code"), max_length=5, primary_key=True)
    name_nl = models.CharField(_("name (Dutch)"), max_length=100)
    name_fr = models.CharField(_("name (French)"), max_length=100, blank=True)
    nuts3 = models.ForeignKey(Nuts3Region, on_delete=models.PROTECT, related_name="municipalities")

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["name_nl"]

    def __str__(self) -> str:
        return self.name_nl


class Postcode(models.Model):
    """A postcode area: Belgian 4-digit postcodes and Dutch 4-digit (PC4) postcodes.

    A Belgian postcode can cover two municipalities; it then has two rows.
    """

    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="postcodes")
    code = models.CharField(_("postcode"), max_length=4)
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, null=True, blank=True, related_name="postcodes"
    )
    nuts3 = models.ForeignKey(Nuts3Region, on_delete=models.PROTECT, related_name="postcodes")

    class Meta:
        verbose_name = _("postcode")
        verbose_name_plural = _("postcodes")
        ordering = ["country_id", "code"]
        indexes = [models.Index(fields=["country", "code"], name="core_postcode_lookup")]
        constraints = [
            models.UniqueConstraint(
                fields=["country", "code", "municipality"],
                name="core_postcode_unique_area",
                violation_error_message=_("This postcode is already known for that municipality."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.country_id}-{self.code}"


# A Dutch postcode may come as "1234 AB", "1234AB" or its PC4 part; regions hang on PC4.
_POSTCODE_DIGITS = re.compile(r"^\s*(\d{4})\s*([A-Za-z]{2})?\s*$")


class RegionMixin:
    """Programme-area facts of anything placed in a NUTS3 region through `nuts3`."""

    nuts3: "Nuts3Region | None"

    @property
    def in_programme_area(self) -> bool:
        return bool(self.nuts3 and self.nuts3.in_programme_area)

    @property
    def province(self):
        return self.nuts3.province if self.nuts3 else None


class LocatedMixin(RegionMixin, models.Model):
    """A postcode location; `locate()` derives the NUTS3 region from country and postcode."""

    postcode = models.CharField(_("postcode"), max_length=10)
    city = models.CharField(_("city"), max_length=100, blank=True, validators=[single_line_text])
    country = models.ForeignKey(Country, on_delete=models.PROTECT, verbose_name=_("country"))
    nuts3 = models.ForeignKey(
        Nuts3Region,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("NUTS3 region"),
    )

    class Meta:
        abstract = True

    def locate(self) -> None:
        """Set `nuts3` from country and postcode; a programme country needs a known postcode.

        Raises ValidationError (country or postcode) with a translated message.
        """
        self.postcode = (self.postcode or "").strip().upper()
        self.nuts3 = None
        if not self.country_id:
            return
        country = Country.objects.filter(pk=self.country_id).first()
        if country is None:
            raise ValidationError({"country": _("Unknown country.")})
        if not country.is_programme_country:
            return
        match = _POSTCODE_DIGITS.match(self.postcode)
        row = (
            Postcode.objects.filter(country_id=self.country_id, code=match.group(1))
            .select_related("nuts3")
            .first()
            if match
            else None
        )
        if row is None:
            raise ValidationError({"postcode": _("This postcode is not known in this country.")})
        self.nuts3 = row.nuts3


class Sector(BilingualNameMixin):
    """One of the ten priority sectors of specific objective A1."""

    code = models.SlugField(_("code"), max_length=60, primary_key=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    keywords_nl = models.TextField(_("keywords (Dutch)"), blank=True)
    keywords_en = models.TextField(_("keywords (English)"), blank=True)

    class Meta:
        verbose_name = _("priority sector")
        verbose_name_plural = _("priority sectors")
        ordering = ["sort_order"]


class Technology(BilingualNameMixin):
    """A key enabling technology (KET) or critical technology area."""

    code = models.SlugField(_("code"), max_length=80, primary_key=True)
    framework = models.CharField(_("framework"), max_length=12)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("key technology")
        verbose_name_plural = _("key technologies")
        ordering = ["framework", "sort_order"]


class SpecificObjective(BilingualNameMixin):
    """A specific objective of the programme (A1, A2)."""

    code = models.CharField(_("code"), max_length=4, primary_key=True)
    description_nl = models.TextField(_("description (Dutch)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)

    class Meta:
        verbose_name = _("specific objective")
        verbose_name_plural = _("specific objectives")
        ordering = ["code"]


class ActivityType(models.Model):
    """An example activity of a specific objective, as the programme text lists it."""

    objective = models.ForeignKey(
        SpecificObjective, on_delete=models.CASCADE, related_name="activity_types"
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    text_nl = models.TextField(_("activity (Dutch)"))
    text_en = models.TextField(_("activity (English)"), blank=True)

    class Meta:
        verbose_name = _("activity type")
        verbose_name_plural = _("activity types")
        ordering = ["objective_id", "sort_order"]
        constraints = [
            models.UniqueConstraint(
                fields=["objective", "sort_order"], name="core_activitytype_unique_order"
            )
        ]

    @property
    def text(self) -> str:
        if (get_language() or "nl").startswith("en") and self.text_en:
            return self.text_en
        return self.text_nl

    def __str__(self) -> str:
        return self.text


class TargetGroup(BilingualNameMixin):
    code = models.SlugField(_("code"), max_length=40, primary_key=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    description_nl = models.TextField(_("description (Dutch)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)

    class Meta:
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")
        ordering = ["sort_order"]


class AuditLog(models.Model):
    """Who did what to which object, and when. Append-only."""

    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("who"),
    )
    action = models.CharField(_("action"), max_length=60)
    object_type = models.CharField(_("object type"), max_length=60)
    object_id = models.CharField(_("object id"), max_length=40)
    from_state = models.CharField(_("from"), max_length=40, blank=True)
    to_state = models.CharField(_("to"), max_length=40, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    data = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        verbose_name = _("audit record")
        verbose_name_plural = _("audit records")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"], name="core_audit_object")]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {self.object_type}#{self.object_id}"

    # The stored action and states are codes; history pages show these words instead.

    @property
    def action_display(self) -> str:
        """The step in words: a workflow edge's label, a label an app registered, or,
        for an action nobody named, "Changed"."""
        from .audit import ACTION_LABELS
        from .workflow import WORKFLOWS

        if self.action in ACTION_LABELS:
            return str(ACTION_LABELS[self.action])
        for workflow in WORKFLOWS:
            label = workflow.audit_label(self.action, self.to_state)
            if label:
                return str(label)
        return str(_("Changed"))

    @property
    def from_state_display(self) -> str:
        return self._state_label(self.from_state)

    @property
    def to_state_display(self) -> str:
        return self._state_label(self.to_state)

    def _state_label(self, value: str) -> str:
        """A state's label from the choices of the recorded object's model."""
        if not value:
            return ""
        from django.apps import apps

        try:
            model = apps.get_model(self.object_type)
        except (LookupError, ValueError):
            return value
        fields = sorted(
            (f for f in model._meta.concrete_fields if f.choices),
            key=lambda f: f.name not in ("status", "state"),
        )
        for field in fields:
            labels = dict(field.flatchoices)
            if value in labels:
                return str(labels[value])
        return value


class ImportStatus(models.TextChoices):
    PREVIEWED = "previewed", _("waiting for confirmation")
    QUEUED = "queued", _("queued")
    CHECKING = "checking", _("checking the rows")
    WRITING = "writing", _("writing")
    DONE = "done", _("imported")
    FAILED = "failed", _("not imported")


class ImportUpload(models.Model):
    """An uploaded import file of any kind (organisations, facilities, …), kept from the
    preview to the end of its import.

    The file and its preview live in the database, not on a worker's disk, so any web
    worker shows what another one previewed and the task worker can run the import.
    `organisation_id` is the organisation the import is limited to (an organisation
    admin's import); it is a plain number because core sits below the registry app.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(_("kind"), max_length=40)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    organisation_id = models.PositiveBigIntegerField(_("organisation"), null=True, blank=True)
    filename = models.CharField(_("file name"), max_length=255)
    content = models.BinaryField(_("content"))
    sha256 = models.CharField(max_length=64)
    status = models.CharField(
        _("status"), max_length=12, choices=ImportStatus.choices, default=ImportStatus.PREVIEWED
    )
    preview = models.JSONField(_("preview"), default=dict, blank=True)
    progress_done = models.PositiveIntegerField(default=0)
    progress_total = models.PositiveIntegerField(default=0)
    result = models.JSONField(_("result"), default=dict, blank=True)
    errors = models.JSONField(_("errors"), default=list, blank=True)
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(progress_done__lte=models.F("progress_total")),
                name="core_import_progress_within_total",
                violation_error_message=_("Progress cannot exceed the number of rows."),
            )
        ]

    def __str__(self) -> str:
        return self.filename

    @property
    def percent(self) -> int:
        if self.status == ImportStatus.DONE:
            return 100
        if not self.progress_total:
            return 0
        return min(100, self.progress_done * 100 // self.progress_total)

    @property
    def is_running(self) -> bool:
        return self.status in (ImportStatus.QUEUED, ImportStatus.CHECKING, ImportStatus.WRITING)

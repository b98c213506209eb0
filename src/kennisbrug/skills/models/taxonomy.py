"""The ESCO taxonomy (occupations, skills, their relations) and qualification levels.

Concepts are keyed by their ESCO concept URI, so importing a release again
updates rows in place. Labels are kept in the platform's two languages.
"""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from ..constants import RelationType, SkillType


class BilingualLabelMixin(models.Model):
    uri: str  # each concrete concept model declares its URI field
    label_en = models.CharField(_("label (English)"), max_length=300, blank=True)
    label_nl = models.CharField(_("label (Dutch)"), max_length=300, blank=True)
    alt_labels_en = models.TextField(_("alternative labels (English)"), blank=True)
    alt_labels_nl = models.TextField(_("alternative labels (Dutch)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_nl = models.TextField(_("description (Dutch)"), blank=True)

    class Meta:
        abstract = True

    @property
    def label(self) -> str:
        """The label in the active language, falling back to the other one."""
        if (get_language() or "nl").startswith("nl"):
            return self.label_nl or self.label_en
        return self.label_en or self.label_nl

    @property
    def description(self) -> str:
        if (get_language() or "nl").startswith("nl"):
            return self.description_nl or self.description_en
        return self.description_en or self.description_nl

    def __str__(self) -> str:
        return self.label or self.uri


class EscoRelease(models.Model):
    """One run of the ESCO importer: which version, which languages, what it changed."""

    version = models.CharField(_("ESCO version"), max_length=40)
    languages = models.CharField(_("languages"), max_length=60)
    source = models.CharField(_("source"), max_length=500)
    imported_at = models.DateTimeField(_("imported at"), auto_now_add=True)
    counts = models.JSONField(_("counts"), default=dict)

    class Meta:
        verbose_name = _("ESCO import")
        verbose_name_plural = _("ESCO imports")
        ordering = ["-imported_at", "-id"]

    def __str__(self) -> str:
        return f"ESCO {self.version} ({self.languages})"

    @property
    def attribution(self) -> str:
        return esco_attribution(self.version)


def esco_attribution(version: str) -> str:
    return str(
        _(
            "This product uses the ESCO classification of the European Commission "
            "(ESCO %(version)s)."
        )
        % {"version": version}
    )


class IscoGroup(BilingualLabelMixin):
    uri = models.CharField(_("concept URI"), max_length=200, unique=True)
    code = models.CharField(_("ISCO code"), max_length=10, db_index=True)

    class Meta:
        verbose_name = _("ISCO group")
        verbose_name_plural = _("ISCO groups")
        ordering = ["code"]


class Skill(BilingualLabelMixin):
    uri = models.CharField(_("concept URI"), max_length=200, unique=True)
    skill_type = models.CharField(
        _("skill type"), max_length=20, choices=SkillType.choices, blank=True
    )
    reuse_level = models.CharField(_("reuse level"), max_length=30, blank=True)
    code = models.CharField(_("code"), max_length=40, blank=True)
    broader = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="narrower",
        verbose_name=_("broader concept"),
    )
    is_demo = models.BooleanField(_("demo taxonomy"), default=False)

    class Meta:
        verbose_name = _("skill")
        verbose_name_plural = _("skills")
        ordering = ["label_en"]
        indexes = [models.Index(fields=["label_en"], name="skills_skill_label_en")]


class Occupation(BilingualLabelMixin):
    uri = models.CharField(_("concept URI"), max_length=200, unique=True)
    code = models.CharField(_("ESCO code"), max_length=40, blank=True)
    isco_group = models.ForeignKey(
        IscoGroup,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="occupations",
        verbose_name=_("ISCO group"),
    )
    skills = models.ManyToManyField(Skill, through="OccupationSkill", related_name="occupations")
    is_demo = models.BooleanField(_("demo taxonomy"), default=False)

    class Meta:
        verbose_name = _("occupation")
        verbose_name_plural = _("occupations")
        ordering = ["label_en"]


class OccupationSkill(models.Model):
    occupation = models.ForeignKey(Occupation, on_delete=models.CASCADE, related_name="relations")
    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="relations")
    relation_type = models.CharField(_("relation"), max_length=10, choices=RelationType.choices)

    class Meta:
        verbose_name = _("occupation skill")
        verbose_name_plural = _("occupation skills")
        constraints = [
            models.UniqueConstraint(
                fields=["occupation", "skill"],
                name="skills_occupationskill_unique",
                violation_error_message=_("This skill is already linked to this occupation."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.occupation_id} {self.relation_type} {self.skill_id}"


class QualificationLevel(models.Model):
    """One row of the EQF ⇄ NLQF ⇄ VKS comparison (core/data/qualification_levels.csv)."""

    key = models.CharField(_("key"), max_length=10, primary_key=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    eqf_level = models.PositiveSmallIntegerField(_("EQF level"), null=True, blank=True)
    nlqf_level = models.CharField(_("NLQF level"), max_length=10, blank=True)
    vks_level = models.PositiveSmallIntegerField(_("VKS level"), null=True, blank=True)
    nl_examples = models.TextField(_("Dutch diplomas"), blank=True)
    vl_examples = models.TextField(_("Flemish qualifications"), blank=True)
    summary_en = models.CharField(_("summary"), max_length=200, blank=True)
    note = models.TextField(_("note"), blank=True)
    source = models.TextField(_("source"), blank=True)

    class Meta:
        verbose_name = _("qualification level")
        verbose_name_plural = _("qualification levels")
        ordering = ["sort_order"]

    def __str__(self) -> str:
        parts = []
        if self.eqf_level:
            parts.append(f"EQF {self.eqf_level}")
        if self.nlqf_level:
            parts.append(f"NLQF {self.nlqf_level}")
        if self.vks_level:
            parts.append(f"VKS {self.vks_level}")
        return " · ".join(parts)

    @property
    def rank(self) -> int:
        """Comparable level: the EQF level (0 for the NLQF entry level)."""
        return self.eqf_level or 0

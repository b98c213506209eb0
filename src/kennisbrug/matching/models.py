"""The index lifecycle in the database: one version counter and a change log.

Every change to a searchable document bumps `IndexVersion` and appends an
`IndexChange`; a web worker whose in-memory index is older replays the changes
since its version, so several processes stay consistent without talking to
each other.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class IndexOperation(models.TextChoices):
    UPSERT = "upsert", _("added or changed")
    REMOVE = "remove", _("removed")
    REBUILD = "rebuild", _("full rebuild")


class IndexVersion(models.Model):
    """A single row (pk=1): the latest version of the search index."""

    version = models.BigIntegerField(_("version"), default=0)
    rebuilt_at_version = models.BigIntegerField(_("last full rebuild at version"), default=0)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("index version")
        verbose_name_plural = _("index versions")

    def __str__(self) -> str:
        return f"index v{self.version}"


class IndexChange(models.Model):
    """One document changed at one version; replayed by workers that are behind."""

    version = models.BigIntegerField(_("version"), db_index=True)
    kind = models.CharField(_("kind"), max_length=40)
    doc_id = models.CharField(_("document id"), max_length=64, blank=True)
    op = models.CharField(_("operation"), max_length=10, choices=IndexOperation.choices)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("index change")
        verbose_name_plural = _("index changes")
        ordering = ["version"]
        constraints = [
            models.UniqueConstraint(
                fields=["version"],
                name="matching_indexchange_unique_version",
                violation_error_message=_("An index change with this version already exists."),
            )
        ]

    def __str__(self) -> str:
        return f"v{self.version} {self.op} {self.kind}:{self.doc_id}"

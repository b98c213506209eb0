import uuid

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .constants import ExportStatus, FailedTaskStatus


class FailedTask(models.Model):
    """A background task that failed on its last attempt (the dead-letter list).

    The state change that caused the task was committed before it was queued; what is
    lost until someone acts is only the task's effect (an e-mail, an index update). The
    secretariat retries it (queued again with the same arguments) or discards it.
    """

    task_name = models.CharField(_("task"), max_length=255)
    task_id = models.CharField(_("task id"), max_length=64, blank=True)
    args = models.JSONField(_("arguments"), default=list, blank=True)
    kwargs = models.JSONField(_("keyword arguments"), default=dict, blank=True)
    error = models.TextField(_("error"))
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=1)
    failed_at = models.DateTimeField(_("failed at"), default=timezone.now, db_index=True)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=FailedTaskStatus.choices,
        default=FailedTaskStatus.FAILED,
    )
    handled_at = models.DateTimeField(_("handled at"), null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handled by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("failed task")
        verbose_name_plural = _("failed tasks")
        ordering = ["-failed_at", "-pk"]

    @property
    def error_summary(self) -> str:
        """The last line of the traceback: the exception and its message."""
        lines = [line for line in self.error.strip().splitlines() if line.strip()]
        return lines[-1] if lines else ""

    def __str__(self) -> str:
        return f"{self.task_name} ({self.failed_at:%Y-%m-%d %H:%M})"


def export_storage() -> FileSystemStorage:
    """Prepared exports live outside MEDIA_ROOT and have no URL: they are only ever sent
    through the download view, which checks who asks."""
    return FileSystemStorage(location=settings.KENNISBRUG_EXPORT_DIR, base_url=None)


class ExportFile(models.Model):
    """A large export prepared by the worker for one person, downloadable until it expires.

    `kind` names an entry of `jobs.exports.kinds`; `params` are what that entry needs to
    build the rows again (ids and filters, never the rows). Access is checked against the
    kind's rule for the requester when the file is built and again when it is downloaded.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.CASCADE,
        related_name="export_files",
    )
    kind = models.CharField(_("export"), max_length=100)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    file_format = models.CharField(_("file format"), max_length=8)
    language = models.CharField(_("language"), max_length=8)
    title = models.CharField(_("title"), max_length=200)
    status = models.CharField(
        _("status"), max_length=12, choices=ExportStatus.choices, default=ExportStatus.PENDING
    )
    file = models.FileField(_("file"), storage=export_storage, blank=True, max_length=255)
    filename = models.CharField(_("file name"), max_length=200, blank=True)
    rows = models.PositiveIntegerField(_("rows"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("requested at"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires at"), db_index=True)

    class Meta:
        verbose_name = _("export file")
        verbose_name_plural = _("export files")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(file_format__in=["csv", "xlsx"]),
                name="jobs_exportfile_format_known",
                violation_error_message=_("Unknown file format."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.created_at:%Y-%m-%d %H:%M})"

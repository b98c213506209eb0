from django.db import models
from django.utils.translation import pgettext_lazy


class FailedTaskStatus(models.TextChoices):
    FAILED = "failed", pgettext_lazy("task status", "failed")
    RETRIED = "retried", pgettext_lazy("task status", "retried")
    DISCARDED = "discarded", pgettext_lazy("task status", "discarded")


class ExportStatus(models.TextChoices):
    PENDING = "pending", pgettext_lazy("export status", "being prepared")
    READY = "ready", pgettext_lazy("export status", "ready")
    FAILED = "failed", pgettext_lazy("export status", "failed")

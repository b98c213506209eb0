from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    name = "kennisbrug.jobs"
    verbose_name = _("Background jobs")

    def ready(self) -> None:
        from django.utils.module_loading import autodiscover_modules

        from kennisbrug.core import work_queue

        # receivers connects the dead-letter handlers on import
        from . import receivers, sections  # noqa: F401

        work_queue.sections.register("failed_tasks", sections.failed_tasks_card)

        # Every app's tasks are known in every process (the worker, and the web process
        # that retries a failed task by name).
        autodiscover_modules("tasks")

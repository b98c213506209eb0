from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


def _reference_changed(sender, **kwargs) -> None:
    from .fragments import reference_data_changed

    reference_data_changed()


class CoreConfig(AppConfig):
    name = "kennisbrug.core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from . import models, personal_data, work_queue
        from .imports import sections as import_sections

        work_queue.sections.register("imports", import_sections.imports_card)
        personal_data.sources.register("imports", import_sections.PERSONAL_DATA)

        # Names of regions, sectors and technologies appear in every cached page fragment;
        # the programme's objectives, activities and target groups in the kept home page.
        for model in (
            models.SpecificObjective,
            models.ActivityType,
            models.TargetGroup,
            models.Country,
            models.Province,
            models.Nuts3Region,
            models.Municipality,
            models.Sector,
            models.Technology,
        ):
            for signal in (post_save, post_delete):
                signal.connect(
                    _reference_changed, sender=model, dispatch_uid=f"fragments_{model.__name__}"
                )

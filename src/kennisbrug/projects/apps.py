from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "kennisbrug.projects"
    verbose_name = _("Projects")

    def ready(self) -> None:
        # Open challenges are matching documents (documents.py); give their kind a label
        # so searches may ask for it and hits read "challenge", not a raw code.
        from kennisbrug.matching.services import KIND_LABELS

        from .documents import CHALLENGE

        KIND_LABELS.setdefault(CHALLENGE, _("innovation challenge"))

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

        # A partner invitation is an introduction: follow its steps in the same transaction.
        from kennisbrug.innovation.signals import introduction_transitioned

        from .receivers import on_introduction_transitioned

        introduction_transitioned.connect(
            on_introduction_transitioned, dispatch_uid="projects_invitation_follows_introduction"
        )

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def generate_demo(**kwargs):
    from . import demo

    return demo.generate(**kwargs)


class ProjectsConfig(AppConfig):
    name = "kennisbrug.projects"
    verbose_name = _("Projects")

    def ready(self) -> None:
        from kennisbrug.core import demo, evidence_sources
        from kennisbrug.matching import registry as matching

        from . import documents, selectors

        # Open challenges are matching documents: solvers find them by what they know.
        matching.providers.register("challenges", documents.challenge_documents)
        matching.register_kind(documents.CHALLENGE, _("innovation challenge"))
        from kennisbrug.core.audit import register_action_labels

        register_action_labels(
            {
                "challenge_created": _("Challenge created"),
                "challenge_response_submitted": _("Response submitted"),
                "idea_partner_invited": _("Partner invited"),
            }
        )
        demo.register("projects", generate_demo, after=["organisations"])
        from kennisbrug.core import personal_data

        from . import personal_data as projects_personal_data

        personal_data.sources.register(
            "projects", projects_personal_data.SOURCE, after=["account", "innovation"]
        )
        for name, reader in (
            ("ideas", selectors.idea_activity),
            ("networks", selectors.network_activity),
            ("challenge_awards", selectors.challenge_award_activity),
        ):
            evidence_sources.readers.register(name, reader)
        from kennisbrug.organisations.services import merge_rules

        from .merge_rules import projects_merge_problems

        merge_rules.register("projects", projects_merge_problems)

        # A partner invitation is an introduction: follow its steps in the same transaction.
        from kennisbrug.innovation.signals import introduction_transitioned

        from .receivers import on_introduction_transitioned

        introduction_transitioned.connect(
            on_introduction_transitioned, dispatch_uid="projects_invitation_follows_introduction"
        )

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def generate_demo(**kwargs):
    from . import demo

    return demo.generate(**kwargs)


class InnovationConfig(AppConfig):
    name = "kennisbrug.innovation"
    verbose_name = _("Innovation")

    def ready(self) -> None:
        from kennisbrug.core import demo, evidence_sources, personal_data
        from kennisbrug.matching import registry as matching

        from . import documents, selectors
        from .personal_data import SOURCE

        matching.providers.register("questions", documents.question_documents)
        matching.register_kind(documents.QUESTION, _("innovation question"))
        demo.register("innovation", generate_demo, after=["organisations"])
        evidence_sources.readers.register("introductions", selectors.introduction_activity)
        personal_data.sources.register("innovation", SOURCE, after=["account"])
        from kennisbrug.organisations.services import merge_rules

        from .merge_rules import introduction_merge_problems

        merge_rules.register("innovation", introduction_merge_problems)

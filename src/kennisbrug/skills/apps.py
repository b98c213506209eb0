from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def generate_demo(**kwargs):
    from . import demo

    return demo.generate(**kwargs)


def demo_logins():
    from . import demo

    return demo.demo_logins()


class SkillsConfig(AppConfig):
    name = "kennisbrug.skills"
    verbose_name = _("Skills")

    def ready(self) -> None:
        from kennisbrug.core import demo, evidence_sources, personal_data

        from . import receivers, selectors
        from .personal_data import SOURCE

        receivers.connect()
        demo.register("skills", generate_demo, after=["organisations"])
        demo.logins.register("skills", demo_logins)
        evidence_sources.readers.register("trainings", selectors.training_activity)
        evidence_sources.readers.register(
            "training_participations", selectors.participation_activity
        )
        personal_data.sources.register("skills", SOURCE, after=["account"])
        from kennisbrug.core.imports.kinds import kinds as import_kinds

        from .import_kinds import TRAINING_KIND, VACANCY_KIND

        import_kinds.register(TRAINING_KIND.key, TRAINING_KIND)
        import_kinds.register(VACANCY_KIND.key, VACANCY_KIND)

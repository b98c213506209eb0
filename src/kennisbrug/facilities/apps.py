from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def generate_demo(**kwargs):
    from . import demo

    return demo.generate(**kwargs)


def demo_logins():
    from . import demo

    return demo.demo_logins()


class FacilitiesConfig(AppConfig):
    name = "kennisbrug.facilities"
    verbose_name = _("Facilities")

    def ready(self) -> None:
        from kennisbrug.core import demo, evidence_sources, personal_data
        from kennisbrug.core.imports.kinds import kinds as import_kinds
        from kennisbrug.matching import registry as matching

        from . import documents, overlap, receivers, selectors

        receivers.connect()
        post_migrate.connect(overlap.ensure_guard, sender=self, dispatch_uid="facilities_overlap")

        matching.providers.register("facilities", documents.facility_provider)
        matching.providers.register("living_labs", documents.living_lab_provider)
        matching.register_kind(documents.FACILITY, _("research facility"), answers_questions=True)
        matching.register_kind(documents.LIVING_LAB, _("living lab"), answers_questions=True)
        demo.register("facilities", generate_demo, after=["organisations"])
        from .import_kinds import FACILITY_KIND, LIVING_LAB_KIND

        import_kinds.register(FACILITY_KIND.key, FACILITY_KIND)
        import_kinds.register(LIVING_LAB_KIND.key, LIVING_LAB_KIND)
        demo.logins.register("facilities", demo_logins)
        evidence_sources.readers.register("bookings", selectors.booking_activity)
        evidence_sources.readers.register("pilots", selectors.pilot_activity)
        from .personal_data import SOURCE as personal_data_source

        personal_data.sources.register("facilities", personal_data_source, after=["account"])
        from kennisbrug.organisations.services import merge_follow_ups

        from .merge_rules import living_lab_merge_follow_up

        merge_follow_ups.register("facilities", living_lab_merge_follow_up)

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def generate_demo(**kwargs):
    from . import demo

    return demo.generate(**kwargs)


def generate_research_demo(**kwargs):
    from .research import demo

    return demo.generate(**kwargs)


def research_demo_present() -> bool:
    from .research import demo

    return demo.present()


def demo_logins():
    from . import demo

    return demo.demo_logins()


def demo_present() -> bool:
    from .models import Organisation

    return Organisation.objects.filter(is_demo=True).exists()


def first_organisation(user):
    """The organisation a user searches as: their first (oldest) active membership's."""
    from .constants import MembershipStatus
    from .models import Membership, Organisation

    if not getattr(user, "is_authenticated", False):
        return None
    # A subquery, not user_organisations()'s join: that needs DISTINCT over every column of
    # the organisation (its long texts too) on every match call.
    active = Membership.objects.filter(user=user, status=MembershipStatus.ACTIVE)
    return (
        Organisation.objects.filter(pk__in=active.values("organisation_id")).order_by("pk").first()
    )


def organisation_types():
    from .constants import OrganisationType

    return OrganisationType.choices


class OrganisationsConfig(AppConfig):
    name = "kennisbrug.organisations"
    verbose_name = _("Organisations")

    def ready(self) -> None:
        from kennisbrug.accounts import dashboard
        from kennisbrug.core import demo, personal_data
        from kennisbrug.core.audit import register_action_labels
        from kennisbrug.jobs import exports as prepared_exports
        from kennisbrug.matching import registry as matching

        from . import documents, receivers, selectors
        from . import personal_data as organisation_personal_data
        from .imports import exports as registry_exports

        prepared_exports.kinds.register("organisations.registry", registry_exports.REGISTRY_EXPORT)

        matching.providers.register("organisations", documents.organisation_documents)
        matching.register_kind(
            matching.ORGANISATION,
            _("organisation"),
            answers_questions=True,
            objects=documents.organisation_objects,
            url=documents.organisation_url,
        )
        from .research import documents as research_documents
        from .research import receivers as research_receivers

        matching.providers.register("research_groups", research_documents.research_group_documents)
        matching.providers.register("experts", research_documents.expert_documents)
        matching.register_kind(
            research_documents.RESEARCH_GROUP, _("research group"), answers_questions=True
        )
        matching.register_kind(research_documents.EXPERT, _("expert"), answers_questions=True)
        research_receivers.connect()
        matching.filter_choices.register("organisation_type", organisation_types)
        matching.askers.register("organisations", first_organisation)
        receivers.connect()
        register_action_labels(
            {
                "organisation_merged": _("Duplicate organisation merged into this one"),
                "organisation_registration_matched": _("Registered again: asked to join instead"),
            }
        )

        demo.register("organisations", generate_demo, present=demo_present)
        demo.register(
            "research",
            generate_research_demo,
            after=["organisations"],
            present=research_demo_present,
        )
        demo.logins.register("organisations", demo_logins)
        dashboard.sections.register("dashboard", selectors.dashboard_for)
        from .imports.services import invitation_list

        dashboard.sections.register("invitations", invitation_list)
        personal_data.sources.register(
            "organisations", organisation_personal_data.SOURCE, after=["account"]
        )
        from kennisbrug.core.imports.kinds import kinds as import_kinds

        from .imports.kind import ORGANISATION_KIND

        import_kinds.register(ORGANISATION_KIND.key, ORGANISATION_KIND)
        from .research.import_kinds import EXPERT_KIND, RESEARCH_GROUP_KIND

        import_kinds.register(RESEARCH_GROUP_KIND.key, RESEARCH_GROUP_KIND)
        import_kinds.register(EXPERT_KIND.key, EXPERT_KIND)

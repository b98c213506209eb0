from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def generate_demo(**kwargs):
    from . import demo

    return demo.generate(**kwargs)


def demo_logins():
    from . import demo

    return demo.demo_logins()


class VouchersConfig(AppConfig):
    name = "kennisbrug.vouchers"
    verbose_name = _("Vouchers")

    def ready(self) -> None:
        from kennisbrug.core import demo, evidence_sources, personal_data
        from kennisbrug.core.audit import register_action_labels
        from kennisbrug.jobs import exports as prepared_exports

        from . import exports, selectors

        for name, kind in exports.PREPARED.items():
            prepared_exports.kinds.register(name, kind)

        register_action_labels(
            {
                "voucher_application_created": _("Application created"),
                "voucher_application_updated": _("Application changed"),
                "voucher_attachment_added": _("Document added"),
                "voucher_scheme_created": _("Call created"),
                "voucher_scheme_updated": _("Call changed"),
            }
        )
        demo.register("vouchers", generate_demo, after=["organisations"])
        demo.logins.register("vouchers", demo_logins)
        evidence_sources.readers.register("vouchers", selectors.application_activity)
        from .personal_data import SOURCE as personal_data_source

        personal_data.sources.register("vouchers", personal_data_source, after=["account"])
        from kennisbrug.organisations.services import merge_follow_ups, merge_rules

        from .merge_rules import voucher_merge_follow_up, voucher_merge_problems

        merge_rules.register("vouchers", voucher_merge_problems)
        merge_follow_ups.register("vouchers", voucher_merge_follow_up)

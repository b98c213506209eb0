from django.apps import AppConfig
from django.db.models.signals import post_migrate, post_save
from django.utils.translation import gettext_lazy as _


class SecretariatConfig(AppConfig):
    name = "kennisbrug.secretariat"
    verbose_name = _("Secretariat")

    def ready(self) -> None:
        from django.contrib.auth import get_user_model

        from kennisbrug.core import work_queue

        from . import groups, sections

        # After this app's migrate step the permissions of every app above exist.
        post_migrate.connect(groups.on_post_migrate, sender=self, dispatch_uid="secretariat_group")
        post_save.connect(
            groups.on_user_saved, sender=get_user_model(), dispatch_uid="secretariat_member"
        )
        for name, section in sections.BUILT_IN:
            work_queue.sections.register(name, section)

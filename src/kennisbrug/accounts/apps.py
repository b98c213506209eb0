from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "kennisbrug.accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from kennisbrug.core.personal_data import sources

        from . import (
            backends,  # noqa: F401 - connects the login policy's signal receivers
            personal_data,
        )

        sources.register("account", personal_data.SOURCE)

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    name = "kennisbrug.indicators"
    verbose_name = _("Indicators")

    def ready(self):
        from . import kept

        kept.connect_signals()

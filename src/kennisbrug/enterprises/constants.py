from django.db import models
from django.utils.translation import gettext_lazy as _


class EnterpriseStatus(models.TextChoices):
    ACTIVE = "active", _("active")
    # In the register, but with another status than active (the register's "ST").
    STOPPED = "stopped", _("stopped")
    # No longer in the latest full file, or no longer with an address in the area.
    GONE = "gone", _("no longer in the register extract")


# The register's own code for an active entity (enterprise.csv, column Status).
REGISTER_ACTIVE = "AC"
# TypeOfEnterprise: 1 = natural person, 2 = legal person.
LEGAL_PERSON = "2"

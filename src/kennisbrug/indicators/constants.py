"""Choices and fixed sets of the indicators app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Unit(models.TextChoices):
    """What one counted unit of an indicator is."""

    ORGANISATION = "organisation", _("organisation")
    PERSON = "person", _("person")
    ITEM = "item", _("activity or result")


class Objective(models.TextChoices):
    A1 = "A1", _("A1 — research and innovation capacity")
    A2 = "A2", _("A2 — skills for smart specialisation")


class Kind(models.TextChoices):
    """The platform activity a piece of evidence comes from."""

    INTRODUCTION = "introduction", _("introduction")
    BOOKING = "booking", _("facility booking")
    PILOT = "pilot", _("pilot in a living lab")
    LIVING_LAB = "living_lab", _("living lab")
    VOUCHER = "voucher", _("voucher")
    PROJECT = "project", _("project idea")
    NETWORK = "network", _("cluster or knowledge network")
    CHALLENGE = "challenge", _("challenge")
    TRAINING = "training", _("training")


# Country codes of the two programme countries; "cross-border" means both take part.
PROGRAMME_COUNTRIES = ("BE", "NL")
UNKNOWN_SIZE = "unknown"

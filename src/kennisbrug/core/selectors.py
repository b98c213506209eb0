"""Reads of reference data."""

from .models import Sector, SpecificObjective, TargetGroup


def home_summary() -> dict:
    return {
        "objectives": SpecificObjective.objects.prefetch_related("activity_types"),
        "target_groups": TargetGroup.objects.all(),
        "sectors": Sector.objects.all(),
    }

"""Reads of reference data."""

from typing import Any

from django.db.models import Model

from .models import Sector, SpecificObjective, TargetGroup

# Tag relations every tagged model has, with the order a prefetch would give the tags.
_TAGS = (
    ("sectors", "sector_codes", ("sector__sort_order", "sector_id")),
    (
        "technologies",
        "technology_codes",
        ("technology__framework", "technology__sort_order", "technology_id"),
    ),
)


def attach_tag_codes(by_id: dict[int, Any], model: type[Model]) -> None:
    """Give each object of `by_id` (instances of `model`, by primary key) `sector_codes`
    and `technology_codes`, in two queries of codes. For lists that show codes only, where
    prefetching built two model instances and a related manager per row."""
    for relation, attribute, order in _TAGS:
        field: Any = model._meta.get_field(relation)
        own, tag = field.m2m_column_name(), field.m2m_reverse_name()
        for obj in by_id.values():
            setattr(obj, attribute, [])
        rows = (
            field.remote_field.through.objects.filter(**{f"{own}__in": list(by_id)})
            .order_by(*order)
            .values_list(own, tag)
        )
        for pk, code in rows:
            getattr(by_id[pk], attribute).append(code)


def home_summary() -> dict:
    return {
        "objectives": SpecificObjective.objects.prefetch_related("activity_types"),
        "target_groups": TargetGroup.objects.all(),
        "sectors": Sector.objects.all(),
    }

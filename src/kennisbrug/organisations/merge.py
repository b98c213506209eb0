"""Merging two registry entries for the same organisation: everything moves to the one kept.

The relations are found through Django's model meta (every ForeignKey, OneToOne and
ManyToMany that points at Organisation), so a relation added later moves too without
this module naming it. A move that would break a uniqueness rule of the related model
(both organisations are partners of one idea, both answered one challenge, ...) is
refused with the reason, unless the model has a resolver below (duplicate memberships,
invitations and network memberships collapse into the kept one). Apps add their own
business rules to `rules` — the rules their services enforce on every new record, which
a merge would otherwise break behind their back (vouchers: an applicant cannot be its
own provider, the two together may not exceed a call's vouchers per applicant or the
de minimis ceiling; innovation: no introduction to oneself; projects: no response to
one's own challenge) — and their tidying-up after the move to `after` (e.g. the aid
register's undertaking key, a living lab's owner no longer listed as its own partner).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from kennisbrug.core.audit import audit_record
from kennisbrug.core.registry import Registry

from .constants import MembershipRole, MembershipStatus
from .duplicates import IDENTIFIERS
from .models import Membership, Organisation

# name -> callable(*, keep, remove) -> list of reasons (translated) the merge must not happen
rules: Registry[Callable[..., list[str]]] = Registry("organisation merge rules")
# name -> callable(*, keep) -> None, run in the merge's transaction after everything moved
after: Registry[Callable[..., None]] = Registry("organisation merge follow-ups")

# Text fields of the kept organisation filled from the removed one when empty.
FILLED_FIELDS = (
    "street",
    "city",
    "website",
    "email",
    "phone",
    "description",
    "expertise",
    "offers",
    "needs",
    *IDENTIFIERS,
)


@dataclass
class Move:
    """Rows of one relation that point at the removed organisation."""

    model: type[models.Model]
    field: str
    many_to_many: bool
    count: int

    @property
    def label(self) -> str:
        name = str(self.model._meta.verbose_name_plural)
        verbose = getattr(self.model._meta.get_field(self.field), "verbose_name", self.field)
        return f"{name} ({verbose})"


@dataclass
class MergePlan:
    keep: Organisation
    remove: Organisation
    moves: list[Move] = field(default_factory=list)
    filled: dict[str, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    @property
    def possible(self) -> bool:
        return not self.problems


def organisation_relations() -> list[tuple[type[models.Model], str, bool]]:
    """(model, field name, many-to-many) for every relation that points at Organisation."""
    found = []
    # Hidden ones too: a ForeignKey with related_name="+" still points at the organisation.
    for rel in Organisation._meta.get_fields(include_hidden=True):
        if isinstance(rel, models.ForeignObjectRel):
            related = rel.related_model
            assert related is not None
            if related._meta.auto_created:
                continue  # the table behind a ManyToManyField: moved through that field
            found.append((related, rel.field.name, bool(rel.many_to_many)))
    return found


def _unique_sets(model: type[models.Model], field_name: str) -> list[tuple[list[str], Q | None]]:
    """The uniqueness rules of `model` that include `field_name`: (other fields, condition)."""
    out: list[tuple[list[str], Q | None]] = []
    for constraint in model._meta.constraints:
        fields = list(getattr(constraint, "fields", ()) or ())
        if isinstance(constraint, models.UniqueConstraint) and field_name in fields:
            out.append(([f for f in fields if f != field_name], constraint.condition))
    for together in model._meta.unique_together:
        if field_name in together:
            out.append(([f for f in together if f != field_name], None))
    return out


def _collisions(model, field_name: str, keep, remove) -> list[tuple[models.Model, models.Model]]:
    """Pairs (row of remove, row of keep) that would break a uniqueness rule once moved."""
    pairs = []
    for others, condition in _unique_sets(model, field_name):
        rows = model._default_manager.filter(**{field_name: remove})
        kept = model._default_manager.filter(**{field_name: keep})
        if condition is not None:
            rows, kept = rows.filter(condition), kept.filter(condition)
        for row in rows:
            twin = kept.filter(**{f: getattr(row, f"{f}_id", getattr(row, f)) for f in others})
            for other in twin.exclude(pk=row.pk)[:1]:
                pairs.append((row, other))
    return pairs


_STRENGTH: dict[str, int] = {
    MembershipStatus.ACTIVE: 2,
    MembershipStatus.PENDING: 1,
    MembershipStatus.REJECTED: 0,
}


def _resolve_membership(row: Membership, twin: Membership) -> None:
    """The same person in both: the kept membership gets the stronger status and role."""
    if _STRENGTH.get(row.status, 0) > _STRENGTH.get(twin.status, 0):
        twin.status = row.status
    if row.role == MembershipRole.ADMIN and row.status == MembershipStatus.ACTIVE:
        twin.role = MembershipRole.ADMIN
    twin.save(update_fields=["status", "role", "updated_at"])
    row.delete()


def _resolve_network_membership(row, twin) -> None:
    if row.status == "accepted" and twin.status != "accepted":
        twin.status = "accepted"
        twin.save(update_fields=["status", "updated_at"])
    row.delete()


def _drop(row, twin) -> None:
    row.delete()


# Duplicates that collapse instead of blocking the merge, by model label.
RESOLVERS: dict[str, Callable[[models.Model, models.Model], None]] = {
    "organisations.membership": _resolve_membership,  # type: ignore[dict-item]
    "organisations.invitation": _drop,
    "projects.networkmembership": _resolve_network_membership,
}


def _identifier_problems(keep: Organisation, remove: Organisation) -> list[str]:
    labels = {
        "kbo_number": _("KBO/BCE number"),
        "kvk_number": _("KvK number"),
        "vat_number": _("VAT number"),
    }
    return [
        _(
            "The two organisations have different %(identifier)s (%(keep)s and %(remove)s): "
            "they are different legal entities."
        )
        % {"identifier": labels[f], "keep": getattr(keep, f), "remove": getattr(remove, f)}
        for f in IDENTIFIERS
        if getattr(keep, f) and getattr(remove, f) and getattr(keep, f) != getattr(remove, f)
    ]


def organisation_merge_plan(*, keep: Organisation, remove: Organisation) -> MergePlan:
    """What merging `remove` into `keep` would move and fill, and why it cannot happen (if so).

    Writes nothing.
    """
    plan = MergePlan(keep=keep, remove=remove)
    if keep.pk == remove.pk:
        plan.problems.append(_("Choose two different organisations."))
        return plan
    plan.problems.extend(_identifier_problems(keep, remove))
    for model, field_name, many in organisation_relations():
        if many:
            count = model._default_manager.filter(**{field_name: remove}).count()
        else:
            count = model._default_manager.filter(**{field_name: remove}).count()
            if count and model._meta.label_lower not in RESOLVERS:
                for row, _twin in _collisions(model, field_name, keep, remove):
                    plan.problems.append(
                        _(
                            "Both organisations appear in the same %(what)s (“%(row)s”); "
                            "resolve that first."
                        )
                        % {"what": model._meta.verbose_name, "row": row}
                    )
        plan.moves.append(Move(model=model, field=field_name, many_to_many=many, count=count))
    for name in FILLED_FIELDS:
        if not getattr(keep, name) and getattr(remove, name):
            plan.filled[name] = getattr(remove, name)
    for rule in rules:
        plan.problems.extend(rule(keep=keep, remove=remove))
    return plan


@transaction.atomic
def organisation_merge(*, keep: Organisation, remove: Organisation, merged_by) -> MergePlan:
    """Move everything of `remove` to `keep` and delete `remove`; the secretariat only.

    In one transaction: both rows are locked, every relation moves (duplicates of
    memberships, invitations and network memberships collapse into the kept one),
    sectors and technologies are united, empty fields of `keep` are filled from
    `remove`, `remove` is deleted and an audit record says what moved. Raises
    PermissionDenied, or ValidationError with the plan's reasons (nothing written).
    """
    if not getattr(merged_by, "is_secretariat", False):
        raise PermissionDenied(_("Only the programme secretariat can merge organisations."))
    locked = {
        o.pk: o
        for o in Organisation.objects.select_for_update().filter(pk__in=[keep.pk, remove.pk])
    }
    if len(locked) != 2:
        raise ValidationError(_("Choose two different organisations."))
    keep, remove = locked[keep.pk], locked[remove.pk]
    plan = organisation_merge_plan(keep=keep, remove=remove)
    if plan.problems:
        raise ValidationError(plan.problems)
    for move in plan.moves:
        if not move.count:
            continue
        manager = move.model._default_manager
        if move.many_to_many:
            for row in manager.filter(**{move.field: remove}):
                getattr(row, move.field).remove(remove)
                getattr(row, move.field).add(keep)
            continue
        resolve = RESOLVERS.get(move.model._meta.label_lower)
        if resolve is not None:
            for row, twin in _collisions(move.model, move.field, keep, remove):
                resolve(row, twin)
        manager.filter(**{move.field: remove}).update(**{move.field: keep})
    keep.sectors.add(*remove.sectors.all())
    keep.technologies.add(*remove.technologies.all())
    removed = {"id": remove.pk, "name": remove.name, "slug": remove.slug}
    remove.delete()
    for name, value in plan.filled.items():
        setattr(keep, name, value)
    if plan.filled:
        keep.save(update_fields=[*plan.filled, "updated_at"])
    for follow_up in after:
        follow_up(keep=keep)
    audit_record(
        actor=merged_by,
        action="organisation_merged",
        obj=keep,
        data={
            "removed": removed,
            "moved": {
                f"{m.model._meta.label_lower}.{m.field}": m.count for m in plan.moves if m.count
            },
            "filled": sorted(plan.filled),
        },
    )
    return plan

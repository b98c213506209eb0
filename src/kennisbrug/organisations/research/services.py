"""Writes for research groups and experts: the organisation's admins and the
secretariat only (`permissions.can_edit_organisation`). Every write is validated by the
model, audited, and reaches the search index after commit (receivers.py)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction

from kennisbrug.core.audit import audit_record
from kennisbrug.core.shortcuts import model_set_fields

from ..models import Expert, Organisation, ResearchGroup
from ..permissions import can_edit_organisation

GROUP_FIELDS = {"name", "description", "expertise", "website", "contact_email", "is_demo"}
EXPERT_FIELDS = {"name", "role", "research_group", "expertise", "email", "listed", "is_demo"}


def _check(actor, organisation: Organisation) -> None:
    if not can_edit_organisation(actor, organisation):
        raise PermissionDenied


@transaction.atomic
def research_group_create(
    *, organisation: Organisation, actor, sectors=(), technologies=(), **fields
) -> ResearchGroup:
    """Add a research group to `organisation`. Raises PermissionDenied or ValidationError."""
    _check(actor, organisation)
    group = ResearchGroup(organisation=organisation)
    model_set_fields(group, fields=GROUP_FIELDS, data=fields)
    group.full_clean()
    group.save()
    group.sectors.set(sectors)
    group.technologies.set(technologies)
    audit_record(actor=actor, action="research_group_created", obj=group)
    return group


@transaction.atomic
def research_group_update(
    *, research_group: ResearchGroup, actor, sectors=None, technologies=None, **fields
) -> ResearchGroup:
    """Change a research group. Raises PermissionDenied or ValidationError."""
    _check(actor, research_group.organisation)
    group = ResearchGroup.objects.select_for_update().get(pk=research_group.pk)
    model_set_fields(group, fields=GROUP_FIELDS, data=fields)
    group.full_clean()
    group.save()
    if sectors is not None:
        group.sectors.set(sectors)
    if technologies is not None:
        group.technologies.set(technologies)
    audit_record(actor=actor, action="research_group_updated", obj=group)
    return group


@transaction.atomic
def research_group_delete(*, research_group: ResearchGroup, actor) -> None:
    """Remove a research group; its experts stay listed, without a group."""
    _check(actor, research_group.organisation)
    experts = list(research_group.experts.all())
    audit_record(actor=actor, action="research_group_deleted", obj=research_group)
    research_group.delete()
    # The foreign key is cleared in one UPDATE, without save signals: save each expert so
    # that its document (which names the group) is indexed again.
    for expert in experts:
        expert.research_group = None
        expert.save(update_fields=["research_group", "updated_at"])


@transaction.atomic
def expert_create(*, organisation: Organisation, actor, **fields) -> Expert:
    """List a person as an expert of `organisation`. Raises PermissionDenied or
    ValidationError (also for a research group of another organisation)."""
    _check(actor, organisation)
    expert = Expert(organisation=organisation)
    model_set_fields(expert, fields=EXPERT_FIELDS, data=fields)
    expert.full_clean()
    expert.save()
    audit_record(actor=actor, action="expert_created", obj=expert)
    return expert


@transaction.atomic
def expert_update(*, expert: Expert, actor, **fields) -> Expert:
    """Change an expert's entry (withdrawn consent: `listed=False`)."""
    _check(actor, expert.organisation)
    expert = Expert.objects.select_for_update().get(pk=expert.pk)
    model_set_fields(expert, fields=EXPERT_FIELDS, data=fields)
    expert.full_clean()
    expert.save()
    audit_record(actor=actor, action="expert_updated", obj=expert)
    return expert


@transaction.atomic
def expert_delete(*, expert: Expert, actor) -> None:
    """Delete an expert's entry for good (the person asked, or left the organisation)."""
    _check(actor, expert.organisation)
    audit_record(actor=actor, action="expert_deleted", obj=expert)
    expert.delete()

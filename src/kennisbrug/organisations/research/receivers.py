"""Keep research group and expert documents in the search index after every write,
whichever face made it (pages, API, bulk import, admin) and also when the organisation
they belong to moves or is deleted; and keep the cached public catalogues current.

The catalogues (views.research_group_list, views.expert_list) are kept rendered
(core.fragments). A group's card shows its name, expertise, organisation (name, link) and
the number of its listed experts; an expert's card its name, role, expertise, group name,
organisation and e-mail address. So any write to a group, an expert or an organisation
renders both anew. Bulk writes that send no signals bump them themselves (research.demo).
"""

from django.db.models.signals import m2m_changed, post_delete, post_save

from kennisbrug.core.fragments import fragments_changed, renew_on_writes
from kennisbrug.matching import index

from ..models import Expert, Organisation, ResearchGroup
from .documents import EXPERT, RESEARCH_GROUP

GROUPS_FRAGMENT = "research_groups"
EXPERTS_FRAGMENT = "experts"
CATALOGUE_FRAGMENTS = (GROUPS_FRAGMENT, EXPERTS_FRAGMENT)


def catalogues_changed() -> None:
    """What the research group or expert catalogue shows changed: after a bulk write, which
    sends no model signals."""
    fragments_changed(*CATALOGUE_FRAGMENTS)


def _group_experts_changed(group) -> None:
    # An expert's document names its group.
    for pk in Expert.objects.filter(research_group=group, listed=True).values_list("pk", flat=True):
        index.on_commit_changed(EXPERT, pk)


def _group_saved(sender, instance, created, **kwargs):
    index.on_commit_changed(RESEARCH_GROUP, instance.pk)
    if not created:
        _group_experts_changed(instance)


def _group_deleted(sender, instance, **kwargs):
    index.on_commit_changed(RESEARCH_GROUP, instance.pk, removed=True)


def _group_tags_changed(sender, instance, action, **kwargs):
    if action in {"post_add", "post_remove", "post_clear"}:
        index.on_commit_changed(RESEARCH_GROUP, instance.pk)


def _expert_saved(sender, instance, **kwargs):
    # An expert no longer listed leaves the index: the provider no longer yields it.
    index.on_commit_changed(EXPERT, instance.pk)


def _expert_deleted(sender, instance, **kwargs):
    index.on_commit_changed(EXPERT, instance.pk, removed=True)


def _organisation_saved(sender, instance, created, **kwargs):
    # The documents carry the organisation's name and place.
    if created:
        return
    for pk in ResearchGroup.objects.filter(organisation=instance).values_list("pk", flat=True):
        index.on_commit_changed(RESEARCH_GROUP, pk)
    for pk in Expert.objects.filter(organisation=instance, listed=True).values_list(
        "pk", flat=True
    ):
        index.on_commit_changed(EXPERT, pk)


def connect() -> None:
    # Organisations: the cards show the organisation's name, and a merge moves groups and
    # experts with update() (no signals) before it deletes the other entry (post_delete).
    renew_on_writes(
        CATALOGUE_FRAGMENTS, models=(ResearchGroup, Expert, Organisation), uid="research_catalogues"
    )
    post_save.connect(_group_saved, sender=ResearchGroup, dispatch_uid="matching_group_save")
    post_delete.connect(_group_deleted, sender=ResearchGroup, dispatch_uid="matching_group_delete")
    for through in (ResearchGroup.sectors.through, ResearchGroup.technologies.through):
        m2m_changed.connect(
            _group_tags_changed, sender=through, dispatch_uid=f"matching_group_{through}"
        )
    post_save.connect(_expert_saved, sender=Expert, dispatch_uid="matching_expert_save")
    post_delete.connect(_expert_deleted, sender=Expert, dispatch_uid="matching_expert_delete")
    post_save.connect(
        _organisation_saved, sender=Organisation, dispatch_uid="matching_org_research_save"
    )

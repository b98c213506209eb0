"""Keep organisation documents in the search index and the cached catalogue current after
every write."""

from allauth.account.signals import email_confirmed
from django.db.models.signals import m2m_changed, post_delete, post_save

from kennisbrug.core.fragments import fragments_changed
from kennisbrug.enterprises.signals import sectors_changed
from kennisbrug.matching import index
from kennisbrug.matching.registry import ORGANISATION

from .models import Organisation

# The anonymous catalogue page (views.organisation_list); other apps that show organisation
# fields in their own cached fragments listen to the same signals.
CATALOGUE_FRAGMENT = "organisations"


def _organisation_saved(sender, instance, **kwargs):
    index.on_commit_changed(ORGANISATION, instance.pk)
    fragments_changed(CATALOGUE_FRAGMENT)


def _organisation_deleted(sender, instance, **kwargs):
    index.on_commit_changed(ORGANISATION, instance.pk, removed=True)
    fragments_changed(CATALOGUE_FRAGMENT)


def _organisation_tags_changed(sender, instance, action, **kwargs):
    if action in {"post_add", "post_remove", "post_clear"}:
        index.on_commit_changed(ORGANISATION, instance.pk)
        fragments_changed(CATALOGUE_FRAGMENT)


def _register_sectors_changed(sender, numbers, **kwargs):
    """A register import changed the activity sectors of some enterprises: their
    organisations' documents carry those sectors, so they are indexed again."""
    numbers = list(numbers)
    changed = False
    for start in range(0, len(numbers), 2000):
        batch = numbers[start : start + 2000]
        for pk in Organisation.objects.filter(kbo_number__in=batch).values_list("pk", flat=True):
            index.on_commit_changed(ORGANISATION, pk)
            changed = True
    if changed:
        fragments_changed(CATALOGUE_FRAGMENT)


def _email_confirmed(sender, request, email_address, **kwargs):
    from .imports.services import invitations_accept

    invitations_accept(user=email_address.user, email=email_address.email)


def connect() -> None:
    # Only a confirmed address proves the person is the one the import invited.
    email_confirmed.connect(_email_confirmed, dispatch_uid="organisations_invitations_accept")
    sectors_changed.connect(
        _register_sectors_changed, dispatch_uid="organisations_register_sectors"
    )
    post_save.connect(_organisation_saved, sender=Organisation, dispatch_uid="matching_org_save")
    post_delete.connect(
        _organisation_deleted, sender=Organisation, dispatch_uid="matching_org_delete"
    )
    for through in (Organisation.sectors.through, Organisation.technologies.through):
        m2m_changed.connect(
            _organisation_tags_changed, sender=through, dispatch_uid=f"matching_org_{through}"
        )

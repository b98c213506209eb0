"""Writes for clusters and knowledge networks: create, request to join, decide."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kennisbrug.core import second_factor
from kennisbrug.core.audit import audit_record
from kennisbrug.organisations.models import Organisation
from kennisbrug.organisations.permissions import is_member

from ..constants import JoinStatus, NetworkKind
from ..models import Network, NetworkMembership
from ..permissions import network_decide_refusal
from .ideas import _clean


@transaction.atomic
def network_create(
    *,
    owner_organisation: Organisation,
    created_by,
    kind: str,
    name: str,
    description: str,
    theme: str = "",
    technology=None,
    sectors=(),
    is_demo: bool = False,
) -> Network:
    """Create a cluster (needs a key technology) or knowledge network (needs a theme).

    The creator must be an active member of the coordinating organisation, which joins as
    its first accepted member.
    """
    if not is_demo and not is_member(created_by, owner_organisation):
        raise PermissionDenied(_("Only members of the coordinating organisation can create this."))
    name, description, theme = _clean(name), _clean(description), _clean(theme)
    errors = {}
    if kind not in NetworkKind.values:
        errors["kind"] = [_("Choose cluster or knowledge network.")]
    if not name:
        errors["name"] = [_("This field is required.")]
    elif len(name) > 200:
        errors["name"] = [_("This text is too long (at most %(n)s characters).") % {"n": 200}]
    if not description:
        errors["description"] = [_("This field is required.")]
    elif len(description) > 5000:
        errors["description"] = [
            _("This text is too long (at most %(n)s characters).") % {"n": 5000}
        ]
    if len(theme) > 200:
        errors["theme"] = [_("This text is too long (at most %(n)s characters).") % {"n": 200}]
    if kind == NetworkKind.CLUSTER and technology is None:
        errors["technology"] = [_("A cluster is built around a key technology; choose one.")]
    if kind == NetworkKind.NETWORK and not theme:
        errors["theme"] = [_("A knowledge network has a theme; describe it.")]
    if errors:
        raise ValidationError(errors)
    network = Network.objects.create(
        kind=kind,
        name=name,
        description=description,
        theme=theme,
        technology=technology,
        owner_organisation=owner_organisation,
        is_demo=is_demo,
        created_by=created_by if getattr(created_by, "is_authenticated", False) else None,
    )
    network.sectors.set(sectors)
    NetworkMembership.objects.create(
        network=network, organisation=owner_organisation, status=JoinStatus.ACCEPTED
    )
    audit_record(actor=created_by, action="network_created", obj=network)
    return network


@transaction.atomic
def network_join_request(
    *, network: Network, organisation: Organisation, user, message: str = ""
) -> NetworkMembership:
    """A member of ``organisation`` asks to join; one request per organisation."""
    if not is_member(user, organisation):
        raise PermissionDenied(_("Only members of the organisation can ask to join for it."))
    message = _clean(message)
    if len(message) > 1000:
        raise ValidationError(
            {"message": [_("This text is too long (at most %(n)s characters).") % {"n": 1000}]}
        )
    if NetworkMembership.objects.filter(network=network, organisation=organisation).exists():
        raise ValidationError(
            {"organisation": [_("This organisation is already linked to this network.")]}
        )
    membership = NetworkMembership.objects.create(
        network=network, organisation=organisation, message=message
    )
    audit_record(
        actor=user,
        action="network_join_requested",
        obj=network,
        data={"organisation": organisation.pk},
    )
    return membership


@transaction.atomic
def network_membership_decide(
    *, membership: NetworkMembership, user, accept: bool
) -> NetworkMembership:
    """The coordinator's admins (or the secretariat) accept or reject a pending request."""
    membership = (
        NetworkMembership.objects.select_for_update()
        .select_related("network")
        .get(pk=membership.pk)
    )
    second_factor.require(user)  # its own error code for the API, before the other rules
    refusal = network_decide_refusal(user, membership.network)
    if refusal:
        raise PermissionDenied(refusal)
    if membership.status != JoinStatus.REQUESTED:
        raise ValidationError({"status": [_("This request has already been decided.")]})
    before = membership.status
    membership.status = JoinStatus.ACCEPTED if accept else JoinStatus.REJECTED
    membership.decided_by = user
    membership.save(update_fields=["status", "decided_by", "updated_at"])
    audit_record(
        actor=user,
        action="network_join_decided",
        obj=membership.network,
        from_state=before,
        to_state=membership.status,
        data={"organisation": membership.organisation_id},
    )
    return membership

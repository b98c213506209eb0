"""Who may do what with facilities, bookings, living labs and pilots. Used by pages and API."""

from django.db.models import Q
from django.utils.translation import gettext as _

from kennisbrug.organisations.constants import MembershipRole, MembershipStatus
from kennisbrug.organisations.models import Membership
from kennisbrug.organisations.permissions import (
    active_roles,
    administered_ids,
    is_admin,
    is_member,
    user_organisations,
)


def _authenticated(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def is_facility_manager(user, facility) -> bool:
    """Active admins of the owner organisation, and members of it designated as managers."""
    if not _authenticated(user):
        return False
    if is_admin(user, facility.owner):
        return True
    return facility.managers.filter(user=user).exists() and is_member(user, facility.owner)


def can_designate_managers(user, facility) -> bool:
    return _authenticated(user) and is_admin(user, facility.owner)


def can_view_facility(user, facility) -> bool:
    return facility.is_published or is_facility_manager(user, facility) or _is_secretariat(user)


def may_publish(user) -> bool:
    """Whether the catalogues offer `user` a "publish" link: admins of any organisation
    (from the memberships the request has read once, `active_roles`)."""
    return _authenticated(user) and bool(administered_ids(user))


def can_publish_for(user, organisation) -> bool:
    """Publishing a facility or living lab is for admins of the owning organisation."""
    return _authenticated(user) and is_admin(user, organisation)


def admin_organisations(user):
    if not _authenticated(user):
        return user_organisations(None)
    return user_organisations(user).filter(
        memberships__user=user,
        memberships__role=MembershipRole.ADMIN,
        memberships__status=MembershipStatus.ACTIVE,
    )


def can_view_booking(user, booking) -> bool:
    return (
        booking.requester_id == getattr(user, "pk", None)
        or is_facility_manager(user, booking.facility)
        or _is_secretariat(user)
    )


def can_view_report(user, organisation) -> bool:
    return _is_secretariat(user) or (_authenticated(user) and is_admin(user, organisation))


def can_view_facility_report(user, facility) -> bool:
    return _is_secretariat(user) or is_facility_manager(user, facility)


def is_living_lab_manager(user, living_lab) -> bool:
    return _authenticated(user) and is_admin(user, living_lab.owner)


def can_view_pilot(user, pilot) -> bool:
    return (
        pilot.proposer_id == getattr(user, "pk", None)
        or is_living_lab_manager(user, pilot.living_lab)
        or _is_secretariat(user)
    )


def unpublished_managed_ids(user) -> list[int]:
    """Ids of the unpublished facilities `user` manages, in order: what the catalogue shows
    them beyond the published ones. Asked on every signed-in catalogue request, so it starts
    from the memberships the request has read once: no memberships, no query; else one query
    on plain id lists (the nested membership subqueries of `managed_facility_ids` cost more
    to build than to run)."""
    from .models import Facility

    if not _authenticated(user):
        return []
    roles = active_roles(user)
    if not roles:
        return []
    admin_of = administered_ids(user)
    manages = Q(owner_id__in=admin_of) | Q(managers__user=user, owner_id__in=list(roles))
    return list(
        Facility.objects.filter(manages, is_published=False)
        .order_by("pk")
        .values_list("pk", flat=True)
        .distinct()
    )


def managed_facility_ids(user):
    """Ids of the facilities `user` manages (as admin of the owner or designated member)."""
    from .models import Facility

    if not _authenticated(user):
        return Facility.objects.none().values_list("pk", flat=True)
    active = Membership.objects.filter(user=user, status=MembershipStatus.ACTIVE)
    admin_orgs = active.filter(role=MembershipRole.ADMIN).values("organisation_id")
    member_orgs = active.values("organisation_id")
    return (
        Facility.objects.filter(
            Q(owner_id__in=admin_orgs) | Q(managers__user=user, owner_id__in=member_orgs)
        )
        .distinct()
        .values_list("pk", flat=True)
    )


def _is_secretariat(user) -> bool:
    return bool(getattr(user, "is_secretariat", False))


def lab_invitation_refusal(user, invitation) -> str | None:
    """Why `user` may not answer a living-lab partner invitation, or None.

    Only an admin of the invited organisation speaks for it; the service raises
    PermissionDenied with this reason and pages show it instead of the buttons.
    """
    if _authenticated(user) and is_admin(user, invitation.organisation):
        return None
    return _("Only admins of the invited organisation can answer.")


def can_see_lab_invitation(user, invitation) -> bool:
    return (
        _is_secretariat(user)
        or is_member(user, invitation.organisation)
        or is_living_lab_manager(user, invitation.living_lab)
    )

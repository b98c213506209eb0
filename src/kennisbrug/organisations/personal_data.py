"""The organisations app's personal data about a person: memberships, join requests,
invitations to their address and the expert listings under their address (GDPR
export/erasure)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from kennisbrug.core.personal_data import PersonalDataSource

from .constants import MembershipRole, MembershipStatus
from .models import Expert, Invitation, Membership


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def _export(user) -> dict:
    memberships = Membership.objects.filter(user=user).select_related("organisation")
    return {
        "memberships": [
            {
                "organisation": m.organisation.name,
                "organisation_id": m.organisation_id,
                "role": m.role,
                "status": m.status,
                "since": _iso(m.created_at),
            }
            for m in memberships.exclude(status=MembershipStatus.PENDING)
        ],
        "membership_requests": [
            {
                "organisation": m.organisation.name,
                "organisation_id": m.organisation_id,
                "message": m.message,
                "requested_at": _iso(m.created_at),
            }
            for m in memberships.filter(status=MembershipStatus.PENDING)
        ],
        "invitations": [
            {
                "organisation": i.organisation.name,
                "email": i.email,
                "role": i.role,
                "invited_at": _iso(i.created_at),
                "accepted_at": _iso(i.accepted_at),
            }
            for i in Invitation.objects.filter(email__iexact=user.email).select_related(
                "organisation"
            )
        ],
        # Organisations list experts who need not have an account; a person who has one
        # sees (and by erasure removes) the listings under their confirmed address.
        "expert_listings": [
            {
                "organisation": e.organisation.name,
                "name": e.name,
                "role": e.role,
                "research_group": e.research_group.name if e.research_group else None,
                "expertise": e.expertise,
                "email": e.email,
                "listed": e.listed,
                "since": _iso(e.created_at),
            }
            for e in _expert_listings(user).select_related("organisation", "research_group")
        ],
    }


def _expert_listings(user):
    if not user.email:
        return Expert.objects.none()
    return Expert.objects.filter(email__iexact=user.email)


def _refusals(user) -> list[str]:
    """The last active admin of an organisation that has other active members must first
    hand over; an organisation with nobody else simply stays in the registry, without
    members (the secretariat can remove it)."""
    reasons = []
    admin_of = Membership.objects.filter(
        user=user, role=MembershipRole.ADMIN, status=MembershipStatus.ACTIVE
    ).select_related("organisation")
    for membership in admin_of:
        active = Membership.objects.filter(
            organisation_id=membership.organisation_id, status=MembershipStatus.ACTIVE
        ).exclude(user=user)
        if active.exists() and not active.filter(role=MembershipRole.ADMIN).exists():
            reasons.append(
                _(
                    "You are the only admin of %(organisation)s, which has other members: "
                    "make one of them admin first."
                )
                % {"organisation": membership.organisation.name}
            )
    return reasons


def _erase(user) -> None:
    Membership.objects.filter(user=user).delete()
    Invitation.objects.filter(email__iexact=user.email).delete()
    # One by one, so that each listing also leaves the search index (its delete signal).
    for expert in _expert_listings(user):
        expert.delete()


def _subjects(user) -> list:
    return list(Membership.objects.filter(user=user))


SOURCE = PersonalDataSource(export=_export, erase=_erase, refusals=_refusals, subjects=_subjects)

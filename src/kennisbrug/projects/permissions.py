"""Who may see and change ideas, networks and challenges. One place for pages and API alike.

- Ideas: public ideas are seen by everyone, 'registered' ones by logged-in users, private
  ones only by active members of the lead organisation, of partner organisations that
  accepted their invitation, and the secretariat (an invited organisation sees only the
  invitation until it accepts). Only active
  members of the lead organisation edit an idea (the secretariat reads, never edits).
- Networks: everyone sees them; members of any organisation create one for it;
  members request to join for their organisation; the coordinator's admins and the
  secretariat decide on requests.
- Partner invitations: only admins of the lead organisation invite; seen by members of the
  invited and the lead organisation and the secretariat; only admins of the invited
  organisation accept or decline them (also through the introductions they are).
- Challenges: drafts only for the owner's members and the secretariat; the owner's members
  manage it; members of SMEs and knowledge institutions respond; a response is seen by
  its own organisation's members, the owner's members and the secretariat.
"""

from django.utils.translation import gettext as _

from kennisbrug.core import second_factor
from kennisbrug.organisations.constants import OrganisationType
from kennisbrug.organisations.permissions import is_admin, is_member, user_organisations

from .constants import ChallengeStatus, PartnerStatus, Visibility

SOLVER_TYPES = {OrganisationType.SME, OrganisationType.KNOWLEDGE_INSTITUTION}
CHALLENGE_OWNER_TYPES = {
    OrganisationType.SME,
    OrganisationType.LARGE_ENTERPRISE,
    OrganisationType.GOVERNMENT,
}


def _secretariat(user) -> bool:
    return bool(getattr(user, "is_secretariat", False))


def can_view_idea(user, idea) -> bool:
    if idea.visibility == Visibility.PUBLIC:
        return True
    if not getattr(user, "is_authenticated", False):
        return False
    if idea.visibility == Visibility.REGISTERED or _secretariat(user):
        return True
    if is_member(user, idea.lead_organisation):
        return True
    return idea.partners.filter(
        status=PartnerStatus.ACCEPTED, organisation__in=user_organisations(user)
    ).exists()


def can_edit_idea(user, idea) -> bool:
    return is_member(user, idea.lead_organisation)


def invite_refusal(user, idea) -> str | None:
    """Why the rules refuse `user` inviting a registry organisation onto `idea`, or None.

    The service raises PermissionDenied with this reason; pages show it instead of the
    add/invite buttons and the registry field that would fail.
    """
    if is_admin(user, idea.lead_organisation):
        return None
    return _("Only admins of the lead organisation can invite partners.")


def can_invite_partner(user, idea) -> bool:
    return invite_refusal(user, idea) is None


def can_see_invitation(user, invitation) -> bool:
    return (
        _secretariat(user)
        or is_member(user, invitation.organisation)
        or is_member(user, invitation.idea.lead_organisation)
    )


def can_answer_invitation(user, invitation) -> bool:
    return is_admin(user, invitation.organisation)


def can_decide_network(user, network) -> bool:
    return _secretariat(user) or is_admin(user, network.owner_organisation)


def network_decide_refusal(user, network) -> str | None:
    """Why the rules refuse `user` deciding on the network's join requests now, or None:
    not the coordinator's admin nor the secretariat, or staff without a passed second
    factor. The service raises with this reason; the page shows it instead of the buttons."""
    if not can_decide_network(user, network):
        return _("Only the coordinator's admins can decide on requests.")
    return second_factor.refusal(user)


def can_view_challenge(user, challenge) -> bool:
    if challenge.status != ChallengeStatus.DRAFT:
        return True
    return _secretariat(user) or is_member(user, challenge.owner_organisation)


def can_manage_challenge(user, challenge) -> bool:
    return is_member(user, challenge.owner_organisation)


def solver_organisations(user):
    return user_organisations(user).filter(type__in=SOLVER_TYPES)


def challenge_owner_organisations(user):
    return user_organisations(user).filter(type__in=CHALLENGE_OWNER_TYPES)

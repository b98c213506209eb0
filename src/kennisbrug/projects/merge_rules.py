"""The projects app's rules for merging two registry entries of one organisation.

Two entries that are both partners of one idea are refused by the merge itself (the
partner uniqueness rule); these are the rules the services check beyond uniqueness.
"""

from django.db.models import Q
from django.utils.translation import gettext as _

from .constants import InvitationStatus
from .models import ChallengeResponse, PartnerInvitation


def projects_merge_problems(*, keep, remove) -> list[str]:
    problems = []
    # challenge_respond: an organisation cannot respond to its own challenge.
    responses = ChallengeResponse.objects.filter(
        Q(organisation=keep, challenge__owner_organisation=remove)
        | Q(organisation=remove, challenge__owner_organisation=keep)
    ).select_related("challenge")
    problems += [
        _(
            "One organisation responded to the challenge “%(challenge)s” of the other: "
            "merged, it would have responded to its own challenge. Remove the response first."
        )
        % {"challenge": response.challenge.title}
        for response in responses.order_by("pk")
    ]
    # partner_invite: the lead organisation cannot invite itself.
    invitations = PartnerInvitation.objects.filter(
        Q(organisation=keep, idea__lead_organisation=remove)
        | Q(organisation=remove, idea__lead_organisation=keep),
        status=InvitationStatus.PENDING,
    ).select_related("idea")
    problems += [
        _(
            "The lead of the project idea “%(idea)s” invited the other organisation as a "
            "partner: merged, the lead would have invited itself. Let the invitation be "
            "declined or withdrawn first."
        )
        % {"idea": invitation.idea.title}
        for invitation in invitations.order_by("pk")
    ]
    return problems

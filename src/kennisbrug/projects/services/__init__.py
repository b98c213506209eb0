"""Writes of the projects app: project ideas and partners, challenges, partner invitations, networks."""

from .challenges import (
    challenge_create,
    challenge_respond,
    challenge_transition,
    response_transition,
)
from .ideas import (
    idea_create,
    idea_delete,
    idea_fit_check,
    idea_partner_add,
    idea_partner_remove,
    idea_partner_update,
    idea_update,
    partner_budgets_check,
    partner_specs,
)
from .invitations import (
    idea_invite_partner,
    invitation_follow_introduction,
    invitation_respond,
)
from .networks import (
    network_create,
    network_join_request,
    network_membership_decide,
)

__all__ = [
    "challenge_create",
    "challenge_respond",
    "challenge_transition",
    "idea_create",
    "idea_delete",
    "idea_fit_check",
    "idea_invite_partner",
    "idea_partner_add",
    "idea_partner_remove",
    "idea_partner_update",
    "idea_update",
    "invitation_follow_introduction",
    "invitation_respond",
    "network_create",
    "network_join_request",
    "network_membership_decide",
    "partner_budgets_check",
    "partner_specs",
    "response_transition",
]

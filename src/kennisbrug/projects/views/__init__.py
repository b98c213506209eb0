"""Pages of the projects app: ideas and fit check, invitations, networks and challenges, partners."""

from .ideas import (
    fit_check,
    idea_consortium,
    idea_create,
    idea_detail,
    idea_edit,
    idea_export,
    idea_fit_check,
    idea_invite,
    idea_list_view,
    idea_partner_add,
    idea_partner_remove,
    index,
)
from .invitations import (
    invitation_answer,
    invitation_list,
)
from .networks import (
    challenge_create,
    challenge_detail,
    challenge_list_view,
    challenge_respond,
    challenge_transition,
    network_create,
    network_decide,
    network_detail,
    network_join,
    network_list_view,
    response_transition,
)
from .partners import (
    idea_partner_edit,
)

__all__ = [
    "challenge_create",
    "challenge_detail",
    "challenge_list_view",
    "challenge_respond",
    "challenge_transition",
    "fit_check",
    "idea_consortium",
    "idea_create",
    "idea_detail",
    "idea_edit",
    "idea_export",
    "idea_fit_check",
    "idea_invite",
    "idea_list_view",
    "idea_partner_add",
    "idea_partner_edit",
    "idea_partner_remove",
    "index",
    "invitation_answer",
    "invitation_list",
    "network_create",
    "network_decide",
    "network_detail",
    "network_join",
    "network_list_view",
    "response_transition",
]

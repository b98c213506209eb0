"""Reads of the projects app: ideas, challenges and networks; matching suggestions."""

from .ideas import (
    accepted_partner_ids,
    candidate_from,
    challenge_award_activity,
    challenge_list,
    idea_activity,
    idea_list,
    idea_requirements,
    idea_visible,
    invitations_for_user,
    network_activity,
    network_composition,
    network_list,
    registry_from_db,
    requirement_label,
    responses_visible,
)
from .matching import (
    challenge_solvers,
    consortium_proposal,
    network_suggestions,
)

__all__ = [
    "accepted_partner_ids",
    "candidate_from",
    "challenge_award_activity",
    "challenge_list",
    "challenge_solvers",
    "consortium_proposal",
    "idea_activity",
    "idea_list",
    "idea_requirements",
    "idea_visible",
    "invitations_for_user",
    "network_activity",
    "network_composition",
    "network_list",
    "network_suggestions",
    "registry_from_db",
    "requirement_label",
    "responses_visible",
]

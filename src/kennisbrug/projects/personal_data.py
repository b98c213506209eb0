"""The projects app's personal data about a person (GDPR export and erasure): the project
ideas they wrote, with the partners and roles they entered, the partner invitations they
sent, and the networks, challenges and challenge responses they created.

Ideas, partner lists, networks, challenges and responses belong to organisations (the lead
organisation, the owner, the responding organisation) and stay when the person deletes
their account: they lose the person (`created_by`, `invited_by`, `submitted_by`), and the
invitation letters the person wrote lose their text. See docs/privacy.md.
"""

from __future__ import annotations

from kennisbrug.core.personal_data import PersonalDataSource

from .models import Challenge, ChallengeResponse, Network, PartnerInvitation, ProjectIdea


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def _export(user) -> dict:
    ideas = (
        ProjectIdea.objects.filter(created_by=user)
        .select_related("lead_organisation")
        .prefetch_related("partners")
        .order_by("created_at", "pk")
    )
    invitations = (
        PartnerInvitation.objects.filter(invited_by=user)
        .select_related("idea", "organisation")
        .order_by("created_at", "pk")
    )
    return {
        "project_ideas": [
            {
                "title": idea.title,
                "lead_organisation": idea.lead_organisation.name,
                "summary": idea.summary,
                "problem": idea.problem,
                "activities": idea.activities,
                "expected_results": idea.expected_results,
                "status": idea.status,
                "visibility": idea.visibility,
                "created_at": _iso(idea.created_at),
                "partners": [
                    {
                        "name": partner.name,
                        "role": partner.role,
                        "budget": str(partner.budget),
                        "erdf": str(partner.erdf),
                    }
                    for partner in idea.partners.all()
                ],
            }
            for idea in ideas
        ],
        "partner_invitations": [
            {
                "idea": invitation.idea.title,
                "organisation": invitation.organisation.name,
                "role": invitation.role,
                "message": invitation.message,
                "reason": invitation.reason,
                "status": invitation.status,
                "created_at": _iso(invitation.created_at),
            }
            for invitation in invitations
        ],
        "networks": [
            {"name": network.name, "created_at": _iso(network.created_at)}
            for network in Network.objects.filter(created_by=user).order_by("pk")
        ],
        "challenges": [
            {"title": challenge.title, "created_at": _iso(challenge.created_at)}
            for challenge in Challenge.objects.filter(created_by=user).order_by("pk")
        ],
        "challenge_responses": [
            {
                "challenge": response.challenge.title,
                "organisation": response.organisation.name,
                "proposal": response.proposal,
                "status": response.status,
                "created_at": _iso(response.created_at),
            }
            for response in ChallengeResponse.objects.filter(submitted_by=user)
            .select_related("challenge", "organisation")
            .order_by("pk")
        ],
    }


def _erase(user) -> None:
    ProjectIdea.objects.filter(created_by=user).update(created_by=None)
    PartnerInvitation.objects.filter(invited_by=user).update(invited_by=None, message="")
    Network.objects.filter(created_by=user).update(created_by=None)
    Challenge.objects.filter(created_by=user).update(created_by=None)
    ChallengeResponse.objects.filter(submitted_by=user).update(submitted_by=None)


# No `subjects`: ideas and invitations are about organisations, not about the person, so
# other people's audit entries on them are not the person's data (their own entries are
# found by actor).
SOURCE = PersonalDataSource(export=_export, erase=_erase)

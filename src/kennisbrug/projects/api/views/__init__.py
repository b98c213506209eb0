"""API views of the projects app: fit check, consortium and ideas; invitations."""

from .ideas import (
    ChallengeDetailApi,
    ChallengeListApi,
    ChallengeResponseApi,
    ChallengeTransitionApi,
    ConsortiumApi,
    FitCheckApi,
    IdeaConsortiumApi,
    IdeaDetailApi,
    IdeaFitCheckApi,
    IdeaInvitationApi,
    IdeaListApi,
    IdeaPartnerApi,
    IdeaPartnerDetailApi,
    NetworkDecisionApi,
    NetworkDetailApi,
    NetworkJoinApi,
    NetworkListApi,
    ResponseTransitionApi,
)
from .invitations import (
    InvitationAcceptApi,
    InvitationDeclineApi,
)

__all__ = [
    "ChallengeDetailApi",
    "ChallengeListApi",
    "ChallengeResponseApi",
    "ChallengeTransitionApi",
    "ConsortiumApi",
    "FitCheckApi",
    "IdeaConsortiumApi",
    "IdeaDetailApi",
    "IdeaFitCheckApi",
    "IdeaInvitationApi",
    "IdeaListApi",
    "IdeaPartnerApi",
    "IdeaPartnerDetailApi",
    "InvitationAcceptApi",
    "InvitationDeclineApi",
    "NetworkDecisionApi",
    "NetworkDetailApi",
    "NetworkJoinApi",
    "NetworkListApi",
    "ResponseTransitionApi",
]

"""Reads of the accounts app: a person's tokens and their dashboard."""

from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet

from kennisbrug.organisations.constants import MembershipRole, MembershipStatus
from kennisbrug.organisations.models import Membership, Organisation

from .models import ApiToken, User

MAX_ID = 2**63 - 1


def api_token_list(*, user: User) -> QuerySet[ApiToken]:
    """The user's active (not revoked) tokens, newest first."""
    return ApiToken.objects.filter(user=user, revoked_at__isnull=True).order_by(
        "-created_at", "-pk"
    )


def api_token_get(*, user: User, token_id: int) -> ApiToken | None:
    """One active token of `user`, or None (also when it belongs to someone else)."""
    if not 0 < token_id <= MAX_ID:  # larger ids overflow the database integer
        return None
    return api_token_list(user=user).filter(pk=token_id).first()


@dataclass
class DashboardMembership:
    organisation: Organisation
    role: str
    role_label: str
    is_admin: bool
    pending_count: int


@dataclass
class Dashboard:
    memberships: list = field(default_factory=list)
    pending_requests: list = field(default_factory=list)
    pending_member_total: int = 0


def dashboard_for(*, user: User) -> Dashboard:
    """What the dashboard shows `user`.

    memberships: active memberships with the organisation; for admins
    `pending_count` is the number of people waiting for approval there (0 otherwise).
    pending_requests: join requests the user made that are still waiting.
    """
    rows = (
        Membership.objects.filter(user=user, status=MembershipStatus.ACTIVE)
        .select_related("organisation")
        .annotate(
            pending_count=Count(
                "organisation__memberships",
                filter=Q(organisation__memberships__status=MembershipStatus.PENDING),
            )
        )
        .order_by("organisation__name")
    )
    memberships = [
        DashboardMembership(
            organisation=row.organisation,
            role=row.role,
            role_label=row.get_role_display(),
            is_admin=row.role == MembershipRole.ADMIN,
            pending_count=row.pending_count if row.role == MembershipRole.ADMIN else 0,
        )
        for row in rows
    ]
    pending = list(
        Membership.objects.filter(user=user, status=MembershipStatus.PENDING)
        .select_related("organisation")
        .order_by("organisation__name")
    )
    return Dashboard(
        memberships=memberships,
        pending_requests=pending,
        pending_member_total=sum(m.pending_count for m in memberships),
    )

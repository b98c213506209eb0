"""Who may do what with an organisation. One place, used by pages and API alike.

Public: every app asks membership and admin questions here (with `services`,
`selectors` and `constants` this module is the organisations app's public surface;
`views`, `forms` and `api` are private, see the import contracts in pyproject.toml).
"""

from django.utils.translation import gettext as _

from .constants import MembershipRole, MembershipStatus
from .models import Membership, Organisation


def active_memberships(user):
    if not getattr(user, "is_authenticated", False):
        return Membership.objects.none()
    return Membership.objects.filter(user=user, status=MembershipStatus.ACTIVE)


_ROLES_ATTRIBUTE = "_kennisbrug_active_roles"


def active_roles(user) -> dict[int, str]:
    """{organisation id: role} of `user`'s active memberships, for what every signed-in page
    asks around its content (may this person publish, import, which unpublished records do
    they manage): one small query instead of one joined query per question.

    The answer is kept on the user object, which the authentication middleware loads anew for
    each request, so a page asks once. Code that changes a membership and asks again with
    the same object (a test, a shell) calls `forget_active_roles(user)` first.
    """
    if not getattr(user, "is_authenticated", False):
        return {}
    roles = getattr(user, _ROLES_ATTRIBUTE, None)
    if roles is None:
        roles = dict(active_memberships(user).values_list("organisation_id", "role"))
        setattr(user, _ROLES_ATTRIBUTE, roles)
    return roles


def forget_active_roles(user) -> None:
    if hasattr(user, _ROLES_ATTRIBUTE):
        delattr(user, _ROLES_ATTRIBUTE)


def administered_ids(user) -> list[int]:
    """Ids of the organisations `user` is an active admin of (from `active_roles`)."""
    return sorted(pk for pk, role in active_roles(user).items() if role == MembershipRole.ADMIN)


def is_member(user, organisation: Organisation) -> bool:
    return active_memberships(user).filter(organisation=organisation).exists()


def is_admin(user, organisation: Organisation) -> bool:
    return (
        active_memberships(user)
        .filter(organisation=organisation, role=MembershipRole.ADMIN)
        .exists()
    )


def has_admin(organisation: Organisation) -> bool:
    """Whether anyone can decide on the organisation's membership requests besides the
    secretariat."""
    return Membership.objects.filter(
        organisation=organisation, role=MembershipRole.ADMIN, status=MembershipStatus.ACTIVE
    ).exists()


def can_edit_organisation(user, organisation: Organisation) -> bool:
    return getattr(user, "is_secretariat", False) or is_admin(user, organisation)


def user_organisations(user):
    """Organisations where the user is an active member."""
    return (
        Organisation.objects.filter(
            memberships__user=user, memberships__status=MembershipStatus.ACTIVE
        ).distinct()
        if getattr(user, "is_authenticated", False)
        else Organisation.objects.none()
    )


def join_refusal(membership: Membership | None) -> tuple[str, str] | None:
    """`(code, reason)` when a person with `membership` (of the organisation, or None)
    may not ask to join it: already a member, or a request already waiting."""
    if membership is None:
        return None
    if membership.status == MembershipStatus.ACTIVE:
        return "member", _("You are already a member of this organisation.")
    if membership.status == MembershipStatus.PENDING:
        return "pending", _("Your request to join is already waiting for approval.")
    return None


def membership_request_refusal(user, organisation: Organisation) -> str | None:
    """Why `user` may not ask to join `organisation`, or None. The organisation page and
    the join page show it instead of the link and the form; the service raises it."""
    if not getattr(user, "is_authenticated", False):
        return None
    refusal = join_refusal(Membership.objects.filter(user=user, organisation=organisation).first())
    return refusal[1] if refusal else None

"""Who may do what with schemes and applications. Used by pages and API alike."""

from django.utils.translation import gettext as _

from kennisbrug.core import second_factor
from kennisbrug.organisations.constants import OrganisationType
from kennisbrug.organisations.permissions import active_memberships, user_organisations

from .constants import Actor


def is_secretariat(user) -> bool:
    return bool(getattr(user, "is_secretariat", False))


def _member_of(user, *organisation_ids) -> bool:
    ids = [pk for pk in organisation_ids if pk]
    return bool(ids) and active_memberships(user).filter(organisation_id__in=ids).exists()


def actor_roles(user, application) -> set[Actor]:
    """The parts `user` plays towards `application` (possibly several, possibly none)."""
    roles: set[Actor] = set()
    if not getattr(user, "is_authenticated", False):
        return roles
    if _member_of(user, application.applicant_id):
        roles.add(Actor.APPLICANT)
    if _member_of(user, application.provider_id):
        roles.add(Actor.PROVIDER)
    if is_secretariat(user):
        roles.add(Actor.SECRETARIAT)
    return roles


def has_conflict_of_interest(user, application) -> bool:
    """A member of the applicant, partner or provider may not review or approve."""
    return _member_of(
        user, application.applicant_id, application.provider_id, application.partner_id
    )


# Actions a member of a party may not take on the application it is a party to.
DECISIONS = frozenset({"review", "approve", "reject", "pay"})


def refusal_reason(user, application, action: str) -> str | None:
    """Why the rules will refuse `user` taking `action` on `application`, or None.

    The one place for the personal rules on top of the transition table: a staff
    member's second factor, conflict of interest and four-eyes. The service raises
    PermissionDenied with this reason; pages show it instead of a button that would fail.
    """
    staff_reason = second_factor.refusal(user)
    if staff_reason:
        return staff_reason
    if action in DECISIONS and has_conflict_of_interest(user, application):
        return _("You are a member of the applicant, partner or provider and may not decide on it.")
    if action == "approve" and (
        application.reviewed_by_id is None or application.reviewed_by_id == user.pk
    ):
        return _(
            "Four-eyes principle: you reviewed this application, so another member of "
            "the secretariat must decide."
        )
    return None


def can_view_application(user, application) -> bool:
    return is_secretariat(user) or _member_of(
        user, application.applicant_id, application.provider_id, application.partner_id
    )


def can_edit_application(user, application) -> bool:
    from .constants import ApplicationStatus

    return application.status == ApplicationStatus.DRAFT and _member_of(
        user, application.applicant_id
    )


def applicant_organisations(user):
    """Organisations the user may apply for: SMEs where they are an active member."""
    return user_organisations(user).filter(type=OrganisationType.SME)


def can_apply(user) -> bool:
    return applicant_organisations(user).exists()


def can_manage_schemes(user) -> bool:
    return is_secretariat(user)

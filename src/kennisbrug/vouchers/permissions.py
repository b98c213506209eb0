"""Who may do what with schemes and applications. Used by pages and API alike."""

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

"""Who may see and do what with questions and introductions. Used by pages and API alike.

- A public question: every logged-in person may read it.
- A matched-only question: members of the asking organisation, members of the
  providers the asker requested an introduction with for it, and the secretariat.
- Editing, closing, matching and asking introductions for a question: active
  members of the asking organisation.
- An introduction: both sides' members see it (and the secretariat, read-only);
  the provider's members accept or decline, the requester's members withdraw.
"""

from django.db.models import Q
from django.utils.translation import gettext as _

from kennisbrug.organisations.permissions import is_member, user_organisations

from .models import InnovationQuestion, Introduction
from .workflow import PROVIDER, REQUESTER


def _authenticated(user) -> bool:
    return bool(getattr(user, "is_authenticated", False))


def visible_questions(user):
    """Questions `user` may read."""
    if not _authenticated(user):
        return InnovationQuestion.objects.none()
    if user.is_secretariat:
        return InnovationQuestion.objects.all()
    orgs = user_organisations(user)
    return InnovationQuestion.objects.filter(
        Q(visibility="public")
        | Q(organisation__in=orgs)
        | Q(introductions__provider_organisation__in=orgs)
    ).distinct()


def can_view_question(user, question: InnovationQuestion) -> bool:
    if not _authenticated(user):
        return False
    if question.is_public or user.is_secretariat or is_member(user, question.organisation):
        return True
    return question.introductions.filter(
        provider_organisation__in=user_organisations(user)
    ).exists()


def can_manage_question(user, question: InnovationQuestion) -> bool:
    """Edit, close, see matches and ask introductions: the asking organisation's members."""
    return _authenticated(user) and is_member(user, question.organisation)


def can_see_matches(user, question: InnovationQuestion) -> bool:
    return can_manage_question(user, question) or (_authenticated(user) and user.is_secretariat)


def visible_introductions(user):
    if not _authenticated(user):
        return Introduction.objects.none()
    if user.is_secretariat:
        return Introduction.objects.all()
    orgs = user_organisations(user)
    return Introduction.objects.filter(
        Q(requester_organisation__in=orgs) | Q(provider_organisation__in=orgs)
    )


def introduction_side(user, introduction: Introduction) -> str | None:
    """REQUESTER or PROVIDER when `user` is an active member of that side, else None."""
    if not _authenticated(user):
        return None
    if is_member(user, introduction.provider_organisation):
        return PROVIDER
    if is_member(user, introduction.requester_organisation):
        return REQUESTER
    return None


def can_view_introduction(user, introduction: Introduction) -> bool:
    return introduction_side(user, introduction) is not None or (
        _authenticated(user) and user.is_secretariat
    )


def can_see_contacts(user, introduction: Introduction) -> bool:
    """Contact details only after acceptance, and only for the two sides."""
    return introduction.state == "accepted" and introduction_side(user, introduction) is not None


def match_provider_id(hit) -> int | None:
    """The organisation an introduction to a match (organisation, facility, living lab)
    goes to: the organisation itself, or the one named in the indexed document."""
    if hit.kind == "organisation":
        owner = str(hit.id)
    else:
        owner = str(hit.attrs.get("organisation_id") or hit.attrs.get("organisation") or "")
    return int(owner) if owner.isdigit() else None


def introduction_request_refusal(
    user, *, requester_organisation, provider_id: int | None, question=None
) -> str | None:
    """Why `user` may not ask `requester_organisation`'s introduction to the organisation
    `provider_id` (for `question`), or None. Shared by the matches page (the reason
    instead of the form), the service and so the API."""
    if not _authenticated(user) or not is_member(user, requester_organisation):
        return _("Only members of the organisation can ask an introduction.")
    if question is not None:
        if question.organisation_id != requester_organisation.pk:
            return _("This question belongs to another organisation.")
        if not question.is_open:
            return _("This question is closed.")
    if provider_id is None:
        return _("This match no longer exists.")
    if provider_id == requester_organisation.pk:
        return _("An organisation cannot ask an introduction to itself.")
    return None

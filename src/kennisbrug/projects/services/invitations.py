"""Partner invitations: the lead invites a proposed partner through an innovation introduction.

The introduction is the one state machine; the invitation links it to the idea and
mirrors its state. Services check permission (PermissionDenied) and input
(ValidationError per field) before writing, in one transaction.
"""

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from kennisbrug.innovation import services as innovation_services
from kennisbrug.innovation.constants import IntroductionState, TargetKind
from kennisbrug.matching.engine.analysis import clean_text
from kennisbrug.organisations.models import Organisation

from ..constants import InvitationStatus, PartnerRole, PartnerStatus
from ..models import IdeaPartner, PartnerInvitation, ProjectIdea
from ..permissions import can_answer_invitation, invite_refusal

# An introduction's state as the partner invitation it is.
INVITATION_STATUS: dict[str, str] = {
    IntroductionState.REQUESTED: InvitationStatus.PENDING,
    IntroductionState.ACCEPTED: InvitationStatus.ACCEPTED,
    IntroductionState.DECLINED: InvitationStatus.DECLINED,
    IntroductionState.WITHDRAWN: InvitationStatus.WITHDRAWN,
    IntroductionState.EXPIRED: InvitationStatus.EXPIRED,
}


def _clean(value: str) -> str:
    return clean_text(value or "", max_chars=100_000).strip()


@transaction.atomic
def idea_invite_partner(
    *,
    idea: ProjectIdea,
    user,
    organisation: Organisation,
    reason: str = "",
    message: str = "",
    role: str = PartnerRole.PARTNER,
    budget: Decimal = Decimal("0"),
    erdf: Decimal = Decimal("0"),
) -> PartnerInvitation:
    """Invite a registry organisation to join the idea; admins of the lead organisation only.

    This is the only way a registry organisation gets onto an idea: it is listed as an
    invited partner (with the planned `budget` and `erdf`, checked by the caller) and
    becomes a partner when one of its admins accepts. The invitation is an innovation
    introduction (lead organisation and `user` ask, the invited organisation answers,
    and is mailed) whose message names the idea, the proposed role and links to the
    idea. Raises PermissionDenied or ValidationError (already a partner, already
    invited, the lead itself, a lead role, too long); nothing is written on error.
    Audit and e-mail come from the introduction.
    """
    refusal = invite_refusal(user, idea)
    if refusal:
        raise PermissionDenied(refusal)
    if organisation.pk == idea.lead_organisation_id:
        raise ValidationError({"organisation": [_("The lead organisation cannot invite itself.")]})
    if role not in (PartnerRole.PARTNER, PartnerRole.ASSOCIATED):
        raise ValidationError({"role": [_("Invite a project partner or an associated partner.")]})
    listed = idea.partners.filter(organisation=organisation).first()
    if listed is not None and listed.status == PartnerStatus.ACCEPTED:
        raise ValidationError(
            {"organisation": [_("This organisation is already a partner of the idea.")]}
        )
    if idea.invitations.filter(organisation=organisation, status=InvitationStatus.PENDING).exists():
        raise ValidationError(
            {"organisation": [_("This organisation already has a pending invitation.")]}
        )
    message, reason = _clean(message), _clean(reason)
    if len(message) > 2000 or len(reason) > 2000:
        raise ValidationError(
            {"message": [_("This text is too long (at most %(n)s characters).") % {"n": 2000}]}
        )
    intro_text = "\n\n".join(
        part
        for part in (
            _("%(lead)s invites %(org)s to join the project idea “%(idea)s” as %(role)s.")
            % {
                "lead": idea.lead_organisation.name,
                "org": organisation.name,
                "idea": idea.title,
                "role": PartnerRole(role).label,
            },
            reason,
            message,
            _("The idea: %(url)s") % {"url": reverse("projects:idea", args=[idea.pk])},
        )
        if part
    )
    try:
        introduction = innovation_services.introduction_request(
            requested_by=user,
            requester_organisation=idea.lead_organisation,
            provider_organisation=organisation,
            message=intro_text[:2000],
            target_kind=TargetKind.PROJECT_IDEA,
            target_id=str(idea.pk),
            target_title=idea.title,
        )
    except ValidationError as exc:
        raise ValidationError({"organisation": exc.messages}) from exc
    if listed is None:
        IdeaPartner.objects.create(
            idea=idea,
            organisation=organisation,
            name=organisation.name,
            role=role,
            org_type=organisation.type,
            country=organisation.country,
            nuts3=organisation.nuts3,
            budget=budget,
            erdf=erdf,
            status=PartnerStatus.INVITED,
        )
    return PartnerInvitation.objects.create(
        idea=idea,
        organisation=organisation,
        introduction=introduction,
        role=role,
        message=message,
        reason=reason,
        invited_by=user,
    )


def invitation_follow_introduction(*, introduction, user, to_state: str) -> None:
    """Mirror an introduction step on its partner invitation (called inside its transaction).

    Accepting adds the invited organisation as a partner in the proposed role. Only
    admins of the invited organisation answer; anyone else makes the step fail
    (PermissionDenied), so nothing is written.
    """
    invitation = (
        PartnerInvitation.objects.select_for_update()
        .select_related("idea", "organisation")
        .filter(introduction=introduction)
        .first()
    )
    if invitation is None:
        return
    answering = to_state in (IntroductionState.ACCEPTED, IntroductionState.DECLINED)
    if answering and not can_answer_invitation(user, invitation):
        raise PermissionDenied(_("Only admins of the invited organisation can answer."))
    invitation.status = INVITATION_STATUS[to_state]
    invitation.save(update_fields=["status", "updated_at"])
    org = invitation.organisation
    listed = invitation.idea.partners.filter(organisation=org)
    if to_state == IntroductionState.ACCEPTED:
        if not listed.update(status=PartnerStatus.ACCEPTED):
            IdeaPartner.objects.create(
                idea=invitation.idea,
                organisation=org,
                name=org.name,
                role=invitation.role,
                org_type=org.type,
                country=org.country,
                nuts3=org.nuts3,
                status=PartnerStatus.ACCEPTED,
            )
    elif to_state != IntroductionState.REQUESTED:
        # Declined, withdrawn or expired: the organisation is no longer on the idea.
        listed.filter(status=PartnerStatus.INVITED).delete()


@transaction.atomic
def invitation_respond(*, invitation: PartnerInvitation, user, accept: bool) -> PartnerInvitation:
    """An admin of the invited organisation accepts (it becomes a partner) or declines.

    Delegates to the introduction's accept/decline, so the page, the API and the
    introductions pages share one state machine. Raises PermissionDenied for anyone
    else and ValidationError when it was answered already; nothing is written on error.
    """
    invitation = PartnerInvitation.objects.select_for_update().get(pk=invitation.pk)
    if not can_answer_invitation(user, invitation):
        raise PermissionDenied(_("Only admins of the invited organisation can answer."))
    if invitation.status != InvitationStatus.PENDING or invitation.introduction_id is None:
        raise ValidationError({"status": [_("This invitation has already been answered.")]})
    introduction = invitation.introduction
    assert introduction is not None  # checked above through introduction_id
    innovation_services.introduction_transition(
        obj=introduction, action="accept" if accept else "decline", actor=user
    )
    invitation.refresh_from_db()
    return invitation


def invitation_withdraw_for(*, partner: IdeaPartner, user) -> None:
    """Withdraw the open invitation behind an invited partner (inside the caller's
    transaction). The introduction's requester members may; others get PermissionDenied."""
    organisation_id = partner.organisation_id
    if organisation_id is None:
        return
    invitation = (
        PartnerInvitation.objects.select_for_update(of=("self",))
        .filter(
            idea_id=partner.idea_id,
            organisation_id=organisation_id,
            status=InvitationStatus.PENDING,
        )
        .select_related("introduction")
        .first()
    )
    if invitation is not None and invitation.introduction is not None:
        innovation_services.introduction_transition(
            obj=invitation.introduction, action="withdraw", actor=user
        )

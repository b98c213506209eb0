"""Writes for living labs (proeftuinen), their calls for pilots and the pilots themselves."""

import logging
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kennisbrug.core.audit import audit_record
from kennisbrug.core.shortcuts import model_set_fields
from kennisbrug.core.workflow import transition
from kennisbrug.matching import index
from kennisbrug.organisations.models import Organisation
from kennisbrug.organisations.permissions import is_member

from .. import permissions
from ..constants import PartnerInvitationStatus, PilotStatus
from ..documents import LIVING_LAB
from ..models import LivingLab, LivingLabInvitation, Pilot, PilotCall
from ..notifications import notify_lab_invitation, notify_pilot
from ..workflow import MANAGER, PILOT, REQUESTER

logger = logging.getLogger(__name__)

LAB_FIELDS = {
    "name",
    "theme",
    "description",
    "test_environment",
    "how_to_join",
    "other_locations",
    "postcode",
    "city",
    "country_id",
    "website",
    "is_demo",
}


def _invite_partners(lab: LivingLab, actor, wanted) -> None:
    """Make the lab's partners what its admins want, with the partners' consent.

    An organisation becomes a listed partner only when one of its admins accepts the
    invitation created here. Partners no longer wanted are removed (leaving needs no
    consent) and their open invitations withdrawn; the owner is never its own partner.
    """
    wanted_ids = {o.pk for o in wanted} - {lab.owner_id}
    listed = set(lab.partners.values_list("pk", flat=True))
    pending = lab.invitations.filter(status=PartnerInvitationStatus.PENDING)
    lab.partners.remove(*(listed - wanted_ids))
    pending.exclude(organisation_id__in=wanted_ids).update(
        status=PartnerInvitationStatus.WITHDRAWN, answered_by=actor, answered_at=timezone.now()
    )
    asked = set(pending.values_list("organisation_id", flat=True))
    for organisation_id in sorted(wanted_ids - listed - asked):
        invitation = LivingLabInvitation.objects.create(
            living_lab=lab, organisation_id=organisation_id, invited_by=actor
        )
        audit_record(
            actor=actor,
            action="living_lab_partner_invited",
            obj=lab,
            data={"organisation": organisation_id},
        )
        notify_lab_invitation(invitation)


@transaction.atomic
def living_lab_invitation_respond(
    *, invitation: LivingLabInvitation, user, accept: bool
) -> LivingLabInvitation:
    """An admin of the invited organisation accepts (it is listed as partner) or declines.

    Raises PermissionDenied with the reason for anyone else (see
    permissions.lab_invitation_refusal) and ValidationError when it was answered already;
    nothing is written on error.
    """
    invitation = (
        LivingLabInvitation.objects.select_for_update()
        .select_related("living_lab", "organisation")
        .get(pk=invitation.pk)
    )
    refusal = permissions.lab_invitation_refusal(user, invitation)
    if refusal:
        raise PermissionDenied(refusal)
    if invitation.status != PartnerInvitationStatus.PENDING:
        raise ValidationError({"status": [_("This invitation has already been answered.")]})
    invitation.status = (
        PartnerInvitationStatus.ACCEPTED if accept else PartnerInvitationStatus.DECLINED
    )
    invitation.answered_by = user
    invitation.answered_at = timezone.now()
    invitation.save(update_fields=["status", "answered_by", "answered_at", "updated_at"])
    lab = invitation.living_lab
    if accept:
        lab.partners.add(invitation.organisation)
        index.on_commit_changed(LIVING_LAB, lab.pk)
    audit_record(
        actor=user,
        action="living_lab_partner_accepted" if accept else "living_lab_partner_declined",
        obj=lab,
        data={"organisation": invitation.organisation_id},
    )
    return invitation


@transaction.atomic
def living_lab_create(
    *, owner: Organisation, actor, sectors=(), technologies=(), partners=(), **fields
) -> LivingLab:
    """Publish a living lab coordinated by `owner` (its admins only). Raises on bad input.

    `partners` are invited; each is listed once one of its admins accepts."""
    if not permissions.can_publish_for(actor, owner):
        raise PermissionDenied
    lab = LivingLab(owner=owner)
    model_set_fields(lab, fields=LAB_FIELDS, data=fields)
    lab.locate()
    lab.full_clean()
    lab.save()
    lab.sectors.set(sectors)
    lab.technologies.set(technologies)
    _invite_partners(lab, actor, partners)
    audit_record(actor=actor, action="living_lab_created", obj=lab)
    index.on_commit_changed(LIVING_LAB, lab.pk)
    return lab


@transaction.atomic
def living_lab_update(
    *, living_lab: LivingLab, actor, sectors=None, technologies=None, partners=None, **fields
) -> LivingLab:
    """Change a living lab (admins of the coordinating organisation only)."""
    if not permissions.is_living_lab_manager(actor, living_lab):
        raise PermissionDenied
    lab = LivingLab.objects.select_for_update().get(pk=living_lab.pk)
    model_set_fields(lab, fields=LAB_FIELDS, data=fields)
    lab.locate()
    lab.full_clean()
    lab.save()
    if sectors is not None:
        lab.sectors.set(sectors)
    if technologies is not None:
        lab.technologies.set(technologies)
    if partners is not None:
        _invite_partners(lab, actor, partners)
    audit_record(actor=actor, action="living_lab_updated", obj=lab)
    index.on_commit_changed(LIVING_LAB, lab.pk)
    return lab


@transaction.atomic
def living_lab_delete(*, living_lab: LivingLab, actor) -> None:
    """Delete a living lab without pilots (admins of the coordinating organisation only);
    it leaves the search index after commit. Raises PermissionDenied or ValidationError.
    """
    if not permissions.is_living_lab_manager(actor, living_lab):
        raise PermissionDenied
    if Pilot.objects.filter(living_lab=living_lab).exists():
        raise ValidationError(
            _("This living lab has pilots and is kept for their history."), code="protected"
        )
    pk = living_lab.pk
    audit_record(actor=actor, action="living_lab_deleted", obj=living_lab)
    living_lab.delete()
    index.on_commit_changed(LIVING_LAB, pk, removed=True)


@transaction.atomic
def pilot_call_create(
    *, living_lab: LivingLab, actor, title: str, description: str, opens_on: date, closes_on: date
) -> PilotCall:
    """Open a call for pilots in a living lab (its managers only)."""
    if not permissions.is_living_lab_manager(actor, living_lab):
        raise PermissionDenied
    call = PilotCall(
        living_lab=living_lab,
        title=title,
        description=description,
        opens_on=opens_on,
        closes_on=closes_on,
    )
    call.full_clean()
    call.save()
    audit_record(actor=actor, action="pilot_call_created", obj=call)
    return call


@transaction.atomic
def pilot_propose(
    *,
    living_lab: LivingLab,
    proposer,
    organisation: Organisation,
    title: str,
    goal: str,
    what_is_tested: str,
    start_date: date,
    end_date: date,
    call: PilotCall | None = None,
    today: date | None = None,
) -> Pilot:
    """A member of `organisation` proposes a pilot, optionally answering an open call.

    Raises PermissionDenied (not a member) or ValidationError (dates, call closed or of
    another lab, missing text). Nothing is written on error.
    """
    if not is_member(proposer, organisation):
        raise PermissionDenied
    today = today or timezone.localdate()
    if call is not None:
        if call.living_lab_id != living_lab.pk:
            raise ValidationError({"call": _("This call belongs to another living lab.")})
        if not call.is_open_on(today):
            raise ValidationError({"call": _("This call is not open.")})
    if start_date and start_date < today:
        raise ValidationError({"start_date": _("A pilot cannot start in the past.")})
    pilot = Pilot(
        living_lab=living_lab,
        call=call,
        proposer=proposer,
        organisation=organisation,
        title=(title or "").strip(),
        goal=(goal or "").strip(),
        what_is_tested=(what_is_tested or "").strip(),
        start_date=start_date,
        end_date=end_date,
    )
    pilot.full_clean()
    pilot.save()
    audit_record(actor=proposer, action="pilot_proposed", obj=pilot, to_state=PilotStatus.PROPOSED)
    notify_pilot(pilot, "proposed")
    return pilot


def _pilot_roles(actor, pilot: Pilot) -> set[str]:
    roles = set()
    if permissions.is_living_lab_manager(actor, pilot.living_lab):
        roles.add(MANAGER)
    if getattr(actor, "pk", None) == pilot.proposer_id:
        roles.add(REQUESTER)
    return roles


def _pilot_data(action: str, reason: str, solution_developed, summary: str) -> tuple[str, dict]:
    """Check the input an action needs: (reason, fields the action sets)."""
    reason = (reason or "").strip() if action == "decline" else (reason or "")
    if action == "decline" and not reason:
        raise ValidationError({"reason": _("Give a reason for declining.")})
    if action == "complete":
        if solution_developed not in (True, False):
            raise ValidationError(
                {"solution_developed": _("Say whether a solution was developed.")}
            )
        summary = (summary or "").strip()
        if not summary:
            raise ValidationError({"result_summary": _("Summarise the result of the pilot.")})
        return "", {"solution_developed": solution_developed, "result_summary": summary}
    if action in {"decline", "withdraw"}:
        return reason[:2000], {}
    return "", {}


def pilot_transition(
    *,
    obj: Pilot,
    action: str,
    actor,
    reason: str = "",
    solution_developed=None,
    summary: str = "",
) -> Pilot:
    """Take `action` on a pilot (see workflow.PILOT).

    Lab managers accept, decline (a reason is required) and complete (with
    `solution_developed` yes/no and a result `summary`); the proposer withdraws.
    Raises PermissionDenied, TransitionNotAllowed (code "transition") or ValidationError.
    """
    reason, fields = _pilot_data(action, reason, solution_developed, summary)

    def apply(pilot: Pilot, edge) -> None:
        pilot.reason = reason
        for name, value in fields.items():
            setattr(pilot, name, value)
        if edge.target in {PilotStatus.ACCEPTED, PilotStatus.DECLINED}:
            pilot.decided_by = actor
            pilot.decided_at = timezone.now()
        pilot.status = edge.target
        pilot.full_clean()

    return transition(
        workflow=PILOT,
        obj=obj,
        action=action,
        actor=actor,
        roles=lambda pilot: _pilot_roles(actor, pilot),
        lock=lambda pilot: (
            Pilot.objects.select_for_update().select_related("living_lab").get(pk=pilot.pk)
        ),
        reason=reason,
        apply=apply,
        notify=lambda pilot, edge: notify_pilot(pilot, edge.target),
        log_context=lambda pilot: {"living_lab_id": pilot.living_lab_id},
    )

"""Pages where an invited organisation answers a partner invitation. Each view says who may."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import services
from ..constants import InvitationStatus
from ..models import PartnerInvitation
from ..permissions import can_answer_invitation, can_see_invitation, can_view_idea
from ..selectors.ideas import invitations_for_user

ANSWERS = {"accept": True, "decline": False}


@login_required
def invitation_list(request):
    """Logged-in members: invitations to their organisations; their admins answer pending ones."""
    rows = [
        {
            "invitation": inv,
            "can_answer": inv.status == InvitationStatus.PENDING
            and can_answer_invitation(request.user, inv),
            "can_view_idea": can_view_idea(request.user, inv.idea),
        }
        for inv in invitations_for_user(user=request.user)
    ]
    return render(request, "projects/invitation_list.html", {"rows": rows})


@login_required
@require_POST
def invitation_answer(request, pk, action):
    """Admins of the invited organisation accept or decline (others who may see it: 403;
    everyone else: 404)."""
    if action not in ANSWERS:
        raise Http404
    invitation = get_object_or_404(
        PartnerInvitation.objects.select_related("idea__lead_organisation", "organisation"), pk=pk
    )
    if not can_see_invitation(request.user, invitation):
        raise Http404
    try:
        services.invitation_respond(
            invitation=invitation, user=request.user, accept=ANSWERS[action]
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        if ANSWERS[action]:
            messages.success(
                request,
                _("%(org)s is now a partner of %(idea)s.")
                % {"org": invitation.organisation.name, "idea": invitation.idea.title},
            )
        else:
            messages.success(request, _("The invitation is declined."))
    return redirect("projects:invitations")

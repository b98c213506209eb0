"""Pages for living labs (proeftuinen), calls for pilots and pilots."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kennisbrug.core.audit import audit_trail
from kennisbrug.core.forms import add_service_errors
from kennisbrug.core.fragments import cached_fragment
from kennisbrug.organisations.permissions import user_organisations

from .. import permissions, selectors
from ..constants import PilotStatus
from ..forms import (
    LivingLabForm,
    PilotCallForm,
    PilotForm,
    PilotResultForm,
    ReasonForm,
)
from ..models import LivingLab, LivingLabInvitation
from ..receivers import LIVING_LABS_FRAGMENT
from ..services import labs as lab_services
from ..workflow import PILOT, pilot_next_states

PUBLIC_PILOT_STATES = [PilotStatus.ACCEPTED, PilotStatus.COMPLETED]


def living_lab_list(request):
    """Public: all living labs, with a text search and country filter.

    The form and cards show everyone the same, so they are rendered once per change,
    language and query for all visitors (core.fragments); the links around them are the
    visitor's own."""

    def catalogue() -> str:
        q = (request.GET.get("q") or "").strip()[:200]
        country = request.GET.get("country", "")
        labs = selectors.living_lab_list(q=q, country=country)
        page = Paginator(labs, 20).get_page(request.GET.get("page"))
        query = request.GET.copy()
        query.pop("page", None)
        return render_to_string(
            "facilities/labs/_catalogue.html",
            {"page": page, "q": q, "country": country, "query": query.urlencode()},
        )

    html = cached_fragment(LIVING_LABS_FRAGMENT, request, catalogue)
    return render(
        request,
        "facilities/labs/list.html",
        {
            "catalogue": html,
            "can_publish": permissions.may_publish(request.user),
        },
    )


def living_lab_detail(request, pk):
    """Public: a living lab, its open calls and its accepted and completed pilots."""
    lab = get_object_or_404(
        LivingLab.objects.select_related("owner__country", "country", "nuts3"), pk=pk
    )
    today = timezone.localdate()
    is_manager = permissions.is_living_lab_manager(request.user, lab)
    pilots = lab.pilots.select_related("organisation")
    if not is_manager:
        pilots = pilots.filter(status__in=PUBLIC_PILOT_STATES)
    return render(
        request,
        "facilities/labs/detail.html",
        {
            "lab": lab,
            "is_manager": is_manager,
            "open_calls": lab.calls.filter(opens_on__lte=today, closes_on__gte=today),
            "pilots": pilots,
            "partners": lab.partners.select_related("country"),
            "pending_invitations": selectors.lab_pending_invitations(living_lab=lab)
            if is_manager
            else [],
        },
    )


@login_required
def lab_invitation_list(request):
    """Members of an organisation: living labs that ask it to be their partner. Its admins
    accept or decline; other members read who answers."""
    rows = [
        {"invitation": inv, "refusal": permissions.lab_invitation_refusal(request.user, inv)}
        for inv in selectors.lab_invitations_for(user=request.user)
    ]
    return render(request, "facilities/labs/invitations.html", {"rows": rows})


@login_required
@require_POST
def lab_invitation_answer(request, pk, answer):
    """Admins of the invited organisation: accept (listed as partner) or decline."""
    if answer not in ("accept", "decline"):
        raise Http404
    invitation = get_object_or_404(LivingLabInvitation, pk=pk)
    if not permissions.can_see_lab_invitation(request.user, invitation):
        raise Http404
    try:
        lab_services.living_lab_invitation_respond(
            invitation=invitation, user=request.user, accept=answer == "accept"
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _answer_message(invitation, answer))
    return redirect("facilities:lab_invitations")


def _answer_message(invitation, answer: str) -> str:
    names = {"org": invitation.organisation.name, "lab": invitation.living_lab.name}
    if answer == "accept":
        return _("%(org)s is now listed as a partner of %(lab)s.") % names
    return _("You declined; %(org)s is not listed as a partner of %(lab)s.") % names


@login_required
def living_lab_create(request):
    """Admins of an organisation: publish a living lab coordinated by it."""
    owners = permissions.admin_organisations(request.user)
    if not owners.exists():
        raise PermissionDenied
    form = LivingLabForm(request.POST or None, owners=owners)
    if request.method == "POST" and form.is_valid():
        try:
            lab = lab_services.living_lab_create(
                owner=form.cleaned_data["owner"], actor=request.user, **form.service_arguments()
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The living lab is published."))
            return redirect("facilities:lab_detail", pk=lab.pk)
    return render(request, "facilities/labs/form.html", {"form": form, "lab": None})


@login_required
def living_lab_edit(request, pk):
    """Admins of the coordinating organisation: change the living lab."""
    lab = get_object_or_404(LivingLab, pk=pk)
    if not permissions.is_living_lab_manager(request.user, lab):
        raise PermissionDenied
    form = LivingLabForm(request.POST or None, instance=lab)
    if request.method == "POST" and form.is_valid():
        try:
            lab_services.living_lab_update(
                living_lab=lab, actor=request.user, **form.service_arguments()
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The living lab is saved."))
            return redirect("facilities:lab_detail", pk=lab.pk)
    return render(request, "facilities/labs/form.html", {"form": form, "lab": lab})


@login_required
def pilot_call_create(request, pk):
    """Admins of the coordinating organisation: open a call for pilots."""
    lab = get_object_or_404(LivingLab, pk=pk)
    if not permissions.is_living_lab_manager(request.user, lab):
        raise PermissionDenied
    form = PilotCallForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            lab_services.pilot_call_create(living_lab=lab, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The call is open."))
            return redirect("facilities:lab_detail", pk=lab.pk)
    return render(request, "facilities/labs/call_form.html", {"form": form, "lab": lab})


@login_required
def pilot_propose(request, pk):
    """Members of an organisation: propose a pilot in a living lab."""
    lab = get_object_or_404(LivingLab, pk=pk)
    organisations = user_organisations(request.user)
    if not organisations.exists():
        raise PermissionDenied
    today = timezone.localdate()
    calls = lab.calls.filter(opens_on__lte=today, closes_on__gte=today)
    initial = {"call": request.GET.get("call")} if (request.GET.get("call") or "").isdigit() else {}
    form = PilotForm(
        request.POST or None, organisations=organisations, calls=calls, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            pilot = lab_services.pilot_propose(
                living_lab=lab, proposer=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Your pilot proposal is sent."))
            return redirect("facilities:pilot_detail", pk=pilot.pk)
    return render(request, "facilities/labs/propose.html", {"form": form, "lab": lab})


@login_required
def pilot_list(request):
    """Logged-in people: pilots they proposed and pilots in living labs they manage."""
    page = Paginator(selectors.pilot_list_for(user=request.user), 25).get_page(
        request.GET.get("page")
    )
    return render(request, "facilities/labs/pilots.html", {"page": page})


@login_required
def pilot_detail(request, pk):
    """The proposer, the living lab's managers and the secretariat: a pilot and its history."""
    pilot = selectors.pilot_visible(user=request.user, pk=pk)
    actions = set()
    if permissions.is_living_lab_manager(request.user, pilot.living_lab):
        actions |= set(pilot_next_states(pilot.status, "manager"))
    if pilot.proposer_id == request.user.pk:
        actions |= set(pilot_next_states(pilot.status, "requester"))
    return render(
        request,
        "facilities/labs/pilot_detail.html",
        {
            "pilot": pilot,
            "actions": sorted(actions),
            "reason_form": ReasonForm(),
            "result_form": PilotResultForm(),
            "trail": audit_trail(pilot).select_related("actor"),
        },
    )


@login_required
@require_POST
def pilot_action(request, pk, action):
    """Lab managers accept, decline or complete; the proposer withdraws."""
    pilot = selectors.pilot_visible(user=request.user, pk=pk)
    if action not in {edge.target for edge in PILOT.edges}:
        return HttpResponse(status=404)
    data = {}
    try:
        if action in {PilotStatus.DECLINED, PilotStatus.WITHDRAWN}:
            form = ReasonForm(request.POST)
            if not form.is_valid():
                raise ValidationError(_("Keep the reason under 2000 characters."))
            data = {"reason": form.cleaned_data["reason"]}
        elif action == PilotStatus.COMPLETED:
            form = PilotResultForm(request.POST)
            if not form.is_valid():
                raise ValidationError(
                    _("Say whether a solution was developed and summarise the result.")
                )
            data = {
                "solution_developed": form.cleaned_data["solution_developed"],
                "summary": form.cleaned_data["summary"],
            }
        lab_services.pilot_transition(
            obj=pilot, action=PILOT.action_to(action), actor=request.user, **data
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The pilot is updated."))
    return redirect("facilities:pilot_detail", pk=pk)

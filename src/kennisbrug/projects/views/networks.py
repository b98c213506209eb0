"""Pages for clusters/knowledge networks and open-innovation challenges."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kennisbrug.core.audit import audit_trail
from kennisbrug.core.forms import add_service_errors
from kennisbrug.organisations.permissions import user_organisations

from ..constants import JoinStatus
from ..forms import ChallengeForm, JoinForm, NetworkForm, ResponseForm
from ..models import ChallengeResponse, Network, NetworkMembership
from ..permissions import (
    can_decide_network,
    can_manage_challenge,
    can_view_challenge,
    challenge_owner_organisations,
    network_decide_refusal,
    solver_organisations,
)
from ..selectors.ideas import challenge_list, network_composition, network_list, responses_visible
from ..selectors.matching import challenge_solvers, network_suggestions
from ..services import challenges as services_challenges
from ..services import networks as services_networks
from ..workflow import CHALLENGE, RESPONSE


def network_list_view(request):
    """Anyone."""
    return render(request, "projects/network_list.html", {"networks": network_list()})


@login_required
def network_create(request):
    """Members of an organisation: create a cluster or network coordinated by it."""
    form = NetworkForm(request.POST or None, organisations=user_organisations(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            network = services_networks.network_create(created_by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return redirect("projects:network", pk=network.pk)
    return render(request, "projects/network_form.html", {"form": form})


def network_detail(request, pk):
    """Anyone sees composition and gaps; members of organisations may ask to join; the coordinator's
    admins and the secretariat see requests and suggestions."""
    network = get_object_or_404(
        Network.objects.select_related("owner_organisation", "technology"), pk=pk
    )
    can_decide = can_decide_network(request.user, network)
    decide_refusal = network_decide_refusal(request.user, network) if can_decide else None
    linked = network.memberships.values_list("organisation_id", flat=True)
    orgs = user_organisations(request.user).exclude(pk__in=linked)
    return render(
        request,
        "projects/network_detail.html",
        {
            "network": network,
            "comp": network_composition(network=network),
            "can_decide": can_decide,
            "decide_refusal": decide_refusal,
            "requests": network.memberships.filter(status=JoinStatus.REQUESTED).select_related(
                "organisation"
            )
            if can_decide
            else [],
            "suggestions": network_suggestions(network=network) if can_decide else [],
            "join_form": JoinForm(organisations=orgs) if orgs.exists() else None,
        },
    )


@login_required
@require_POST
def network_join(request, pk):
    """Members of an organisation ask to join for it."""
    network = get_object_or_404(Network, pk=pk)
    form = JoinForm(request.POST, organisations=user_organisations(request.user))
    if form.is_valid():
        try:
            services_networks.network_join_request(
                network=network, user=request.user, **form.cleaned_data
            )
            messages.success(request, _("Your request was sent."))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    else:
        messages.error(request, _("Choose one of your organisations."))
    return redirect("projects:network", pk=pk)


@login_required
@require_POST
def network_decide(request, pk, membership_pk):
    """Coordinator's admins and the secretariat."""
    m = get_object_or_404(NetworkMembership, pk=membership_pk, network_id=pk)
    try:
        services_networks.network_membership_decide(
            membership=m, user=request.user, accept=request.POST.get("accept") == "1"
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("projects:network", pk=pk)


def challenge_list_view(request):
    """Anyone: published challenges (and one's own drafts)."""
    return render(
        request, "projects/challenge_list.html", {"challenges": challenge_list(user=request.user)}
    )


@login_required
def challenge_create(request):
    """Members of companies and governments."""
    form = ChallengeForm(
        request.POST or None, organisations=challenge_owner_organisations(request.user)
    )
    if request.method == "POST" and form.is_valid():
        try:
            ch = services_challenges.challenge_create(created_by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return redirect("projects:challenge", pk=ch.pk)
    return render(request, "projects/challenge_form.html", {"form": form})


def challenge_detail(request, pk):
    """Whoever may see it; the owner's members manage it and see all proposals and suggested solvers;
    solvers' members respond and see their own proposal."""
    ch = get_object_or_404(challenge_list(user=request.user), pk=pk)
    if not can_view_challenge(request.user, ch):
        raise PermissionDenied
    manage = can_manage_challenge(request.user, ch)
    solver_orgs = solver_organisations(request.user).exclude(pk=ch.owner_organisation_id)
    # the form offers only organisations the service would accept; otherwise the page
    # says why instead (already responded, not open, deadline passed)
    response_form, respond_refusal = None, None
    if solver_orgs.exists():
        refusals = {
            org.pk: services_challenges.respond_refusal(challenge=ch, organisation=org)
            for org in solver_orgs
        }
        allowed = [pk for pk, refusal in refusals.items() if refusal is None]
        if allowed:
            response_form = ResponseForm(organisations=solver_orgs.filter(pk__in=allowed))
        else:
            respond_refusal = next(iter(refusals.values()))
    responses = [
        (r, services_challenges.response_actions(response=r, actor=request.user))
        for r in responses_visible(user=request.user, challenge=ch)
    ]
    return render(
        request,
        "projects/challenge_detail.html",
        {
            "challenge": ch,
            "manage": manage,
            "responses": responses,
            "response_actions": any(actions for _r, actions in responses),
            "challenge_actions": services_challenges.challenge_actions(
                challenge=ch, actor=request.user
            ),
            "response_form": response_form,
            "respond_refusal": respond_refusal,
            "solvers": challenge_solvers(challenge=ch) if manage else [],
            "trail": audit_trail(ch) if manage else [],
        },
    )


@login_required
@require_POST
def challenge_transition(request, pk):
    """The owner's members."""
    ch = get_object_or_404(challenge_list(user=request.user), pk=pk)
    try:
        services_challenges.challenge_transition(
            obj=ch, action=CHALLENGE.action_to(request.POST.get("to", "")), actor=request.user
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("projects:challenge", pk=pk)


@login_required
@require_POST
def challenge_respond(request, pk):
    """Members of SMEs and knowledge institutions."""
    ch = get_object_or_404(challenge_list(user=request.user), pk=pk)
    form = ResponseForm(request.POST, organisations=solver_organisations(request.user))
    if form.is_valid():
        try:
            services_challenges.challenge_respond(
                challenge=ch, user=request.user, **form.cleaned_data
            )
            messages.success(request, _("Your proposal was submitted."))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    else:
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
    return redirect("projects:challenge", pk=pk)


@login_required
@require_POST
def response_transition(request, pk):
    """Owner's members (shortlist, select, reject) or the responder's members (withdraw)."""
    r = get_object_or_404(ChallengeResponse, pk=pk)
    try:
        services_challenges.response_transition(
            obj=r, action=RESPONSE.action_to(request.POST.get("to", "")), actor=request.user
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("projects:challenge", pk=r.challenge_id)

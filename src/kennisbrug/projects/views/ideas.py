"""Pages for project ideas, the public fit check and the export. Each view says who may use it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kennisbrug.core.forms import add_service_errors
from kennisbrug.organisations.models import Organisation
from kennisbrug.organisations.permissions import user_organisations

from .. import services
from ..constants import PartnerRole, PartnerStatus
from ..fitcheck import fit_check as run_fit_check
from ..forms import ConsortiumForm, FitCheckForm, IdeaForm, PartnerForm
from ..models import IdeaPartner
from ..permissions import can_edit_idea, invite_refusal
from ..selectors.ideas import accepted_partner_ids, idea_list, idea_requirements, idea_visible
from ..selectors.matching import consortium_proposal


def invited_message(organisation) -> str:
    return _("%(name)s was invited. It counts as a partner once one of its admins accepts.") % {
        "name": organisation.name
    }


def index(request):
    """Anyone: overview of ideas, fit check, clusters/networks and challenges."""
    return render(request, "projects/index.html", {"ideas": idea_list(user=request.user)[:10]})


def fit_check(request):
    """Anyone: check a text against the programme; nothing is stored."""
    form = FitCheckForm(request.POST or None)
    report = None
    if request.method == "POST" and form.is_valid():
        try:
            report = run_fit_check(form.cleaned_data["text"])
        except ValidationError as exc:
            form.add_error("text", exc)
    return render(request, "projects/fit_check.html", {"form": form, "report": report})


def idea_list_view(request):
    """Anyone: the ideas they may see (public; registered for logged-in users; their own)."""
    return render(request, "projects/idea_list.html", {"ideas": idea_list(user=request.user)})


@login_required
def idea_create(request):
    """Logged-in members of an organisation: write an idea led by that organisation."""
    orgs = user_organisations(request.user)
    form = IdeaForm(request.POST or None, organisations=orgs)
    if request.method == "POST" and form.is_valid():
        try:
            idea = services.idea_create(created_by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Your idea was saved."))
            return redirect("projects:idea", pk=idea.pk)
    return render(request, "projects/idea_form.html", {"form": form, "no_orgs": not orgs.exists()})


def _detail_context(request, idea, partner_form=None) -> dict:
    can_edit = can_edit_idea(request.user, idea)
    refusal = invite_refusal(request.user, idea) if can_edit else None
    return {
        "idea": idea,
        "can_edit": can_edit,
        "invite_refusal": refusal,
        "partners": idea.partners.select_related("country", "nuts3"),
        "report": idea.fit_check,
        "partner_form": (partner_form or PartnerForm(invite_refusal=refusal)) if can_edit else None,
        "consortium_form": ConsortiumForm() if can_edit else None,
        "invitations": idea.invitations.select_related("organisation") if can_edit else [],
    }


def idea_detail(request, pk):
    """Whoever may see the idea; lead members also see the edit, fit check and partner tools
    (the registry field only for lead admins, who may invite; the others read why)."""
    idea = idea_visible(user=request.user, pk=pk)
    return render(request, "projects/idea_detail.html", _detail_context(request, idea))


@login_required
def idea_edit(request, pk):
    """Members of the lead organisation."""
    idea = idea_visible(user=request.user, pk=pk)
    if not can_edit_idea(request.user, idea):
        raise PermissionDenied
    initial = {
        f: getattr(idea, f)
        for f in (
            "title",
            "summary",
            "problem",
            "activities",
            "expected_results",
            "total_budget",
            "visibility",
        )
    }
    initial.update(
        lead_organisation=idea.lead_organisation,
        sectors=idea.sectors.all(),
        technologies=idea.technologies.all(),
    )
    form = IdeaForm(
        request.POST or None,
        initial=initial,
        organisations=Organisation.objects.filter(pk=idea.lead_organisation_id),
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("lead_organisation")
        try:
            services.idea_update(idea=idea, user=request.user, **data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Your idea was saved."))
            return redirect("projects:idea", pk=idea.pk)
    return render(request, "projects/idea_form.html", {"form": form, "idea": idea})


@login_required
@require_POST
def idea_fit_check(request, pk):
    """Members of the lead organisation: run and store the fit check."""
    idea = idea_visible(user=request.user, pk=pk)
    services.idea_fit_check(idea=idea, user=request.user)
    messages.success(request, _("The fit check was updated."))
    return redirect("projects:idea", pk=pk)


@login_required
@require_POST
def idea_partner_add(request, pk):
    """Members of the lead organisation: add a partner (registry or outside organisation)."""
    idea = idea_visible(user=request.user, pk=pk)
    if not can_edit_idea(request.user, idea):
        raise PermissionDenied
    refusal = invite_refusal(request.user, idea)
    if refusal and request.POST.get("organisation"):
        # A registry organisation posted from a stale page: refused as the service would,
        # not silently dropped with the field the page no longer shows.
        raise PermissionDenied(refusal)
    form = PartnerForm(request.POST, invite_refusal=refusal)
    if form.is_valid():
        d = form.cleaned_data
        try:
            partner = services.idea_partner_add(
                idea=idea,
                user=request.user,
                organisation=d.get("organisation"),
                name=d["name"],
                country=d["country"].pk if d["country"] else "",
                nuts3=d["nuts3"].pk if d["nuts3"] else "",
                org_type=d["org_type"],
                role=d["role"],
                budget=d["budget"],
                erdf=d["erdf"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            if partner.status == PartnerStatus.INVITED:
                messages.success(request, invited_message(partner.organisation))
            else:
                messages.success(request, _("The partner was added."))
            return redirect("projects:idea", pk=pk)
    return render(
        request, "projects/idea_detail.html", _detail_context(request, idea, form), status=400
    )


@login_required
@require_POST
def idea_partner_remove(request, pk, partner_pk):
    """Members of the lead organisation."""
    idea = idea_visible(user=request.user, pk=pk)
    partner = get_object_or_404(IdeaPartner, pk=partner_pk, idea=idea)
    try:
        services.idea_partner_remove(partner=partner, user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("projects:idea", pk=pk)


@login_required
def idea_consortium(request, pk):
    """Members of the lead organisation: propose partners; add or invite them from the proposal."""
    idea = idea_visible(user=request.user, pk=pk)
    if not can_edit_idea(request.user, idea):
        raise PermissionDenied
    form = ConsortiumForm(request.GET or None)
    proposal = None
    if request.GET and form.is_valid():
        d = form.cleaned_data
        needs = [n.strip() for n in d["needs"].splitlines() if n.strip()][:10]
        reqs = idea_requirements(idea, needs)
        if not reqs:
            form.add_error(None, _("Give the idea sectors, technologies or needs first."))
        else:
            proposal = consortium_proposal(
                requirements=[{"kind": r.kind, "value": r.value} for r in reqs],
                constraints={
                    "max_size": d["max_size"],
                    "min_smes": d["min_smes"],
                    "min_knowledge": d["min_knowledge"],
                    "triple_helix": d["triple_helix"],
                    "preferred_provinces": [
                        p.strip() for p in d["preferred_provinces"].split(",") if p.strip()
                    ],
                    "existing": accepted_partner_ids(idea),
                },
            )
    return render(
        request,
        "projects/consortium.html",
        {
            "idea": idea,
            "form": form,
            "proposal": proposal,
            "invite_refusal": invite_refusal(request.user, idea),
        },
    )


@login_required
@require_POST
def idea_invite(request, pk):
    """Lead members directly add (action=add); lead admins invite (action=invite, an introduction)."""
    idea = idea_visible(user=request.user, pk=pk)
    org = get_object_or_404(Organisation, pk=request.POST.get("organisation") or 0)
    try:
        if request.POST.get("action") == "add":
            services.idea_partner_add(idea=idea, user=request.user, organisation=org)
            messages.success(request, invited_message(org))
        else:
            services.idea_invite_partner(
                idea=idea,
                user=request.user,
                organisation=org,
                reason=request.POST.get("reason", "")[:2000],
                role=request.POST.get("role") or PartnerRole.PARTNER,
            )
            messages.success(request, _("%(name)s was invited.") % {"name": org.name})
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("projects:idea", pk=pk)


def idea_export(request, pk, fmt):
    """Whoever may see the idea: a print-friendly HTML page or a Markdown download for the intake."""
    if fmt not in ("html", "md"):
        raise Http404
    idea = idea_visible(user=request.user, pk=pk)
    ctx = {
        "idea": idea,
        "partners": idea.partners.select_related("country", "nuts3"),
        "report": idea.fit_check,
    }
    if fmt == "md":
        body = render_to_string("projects/export.md", ctx, request=request)
        response = HttpResponse(body, content_type="text/markdown; charset=utf-8")
        response["Content-Disposition"] = (
            f'attachment; filename="{slugify(idea.title) or "idea"}.md"'
        )
        return response
    return render(request, "projects/export.html", ctx)

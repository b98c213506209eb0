"""Pages of a person's own skills profile: start, wizard, matches, occupations, learning path.

Every page here that shows or changes a profile is for the signed-in person and
their OWN profile only; there is no URL that takes another person's profile.
"""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kennisbrug.core.forms import add_service_errors

from .. import selectors, services
from ..constants import PathObjective
from ..forms import (
    AddOccupationForm,
    AddSkillForm,
    ConfirmSkillsForm,
    DeleteProfileForm,
    ExperienceForm,
    PathForm,
    ProfileDetailsForm,
    ProfileStartForm,
)
from ..learning_path import profile_learning_path
from ..models import Occupation, Profile, QualificationLevel, VacancyContact


def _profile(request) -> Profile | None:
    if not request.user.is_authenticated:
        return None
    return Profile.objects.filter(user=request.user).first()


def index(request):
    """Public: what the skills tool does; signed-in people without a profile can start one."""
    profile = _profile(request)
    form = ProfileStartForm()
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        form = ProfileStartForm(request.POST)
        if profile is None and form.is_valid():
            try:
                profile = services.profile_create(
                    user=request.user, consent=form.cleaned_data["consent"]
                )
                if form.cleaned_data["experience_text"]:
                    services.profile_recognise_text(
                        profile=profile, text=form.cleaned_data["experience_text"]
                    )
                    return redirect("skills:profile-confirm")
                return redirect("skills:profile")
            except ValidationError as exc:
                add_service_errors(form, exc)
    return render(request, "skills/index.html", {"form": form, "profile": profile})


def _profile_context(profile, **forms) -> dict:
    details_initial = {
        "qualification_level": profile.qualification_level_id or "",
        "languages": profile.languages,
        "postcode": profile.postcode,
        "country": profile.country_id or "",
        "max_travel_km": profile.max_travel_km,
        "cross_border": profile.cross_border,
        "context": profile.context,
        "open_to_employers": profile.open_to_employers,
    }
    return {
        "profile": profile,
        "skills": profile.profile_skills.filter(confirmed=True).select_related("skill"),
        "past": profile.profile_occupations.select_related("occupation"),
        "contacts": profile.contacts.select_related("vacancy__organisation").order_by(
            "-created_at"
        ),
        "levels": QualificationLevel.objects.all(),
        "experience_form": forms.get("experience_form")
        or ExperienceForm(initial={"experience_text": profile.experience_text}),
        "skill_form": forms.get("skill_form") or AddSkillForm(),
        "occupation_form": forms.get("occupation_form") or AddOccupationForm(),
        "details_form": forms.get("details_form") or ProfileDetailsForm(initial=details_initial),
    }


@login_required
def profile_page(request):
    """Signed-in person: their own profile wizard (text, skills, occupations, details)."""
    profile = _profile(request)
    if profile is None:
        return redirect("skills:index")
    forms = {}
    if request.method == "POST":
        step = request.POST.get("step", "")
        try:
            if step == "text":
                form = forms["experience_form"] = ExperienceForm(request.POST)
                if form.is_valid():
                    services.profile_recognise_text(
                        profile=profile, text=form.cleaned_data["experience_text"]
                    )
                    return redirect("skills:profile-confirm")
            elif step == "skill":
                form = forms["skill_form"] = AddSkillForm(request.POST)
                if form.is_valid():
                    services.profile_add_skills(
                        profile=profile, skill_uris=[form.cleaned_data["skill"].uri]
                    )
                    messages.success(request, _("Skill added."))
                    return redirect("skills:profile")
            elif step == "occupation":
                form = forms["occupation_form"] = AddOccupationForm(request.POST)
                if form.is_valid():
                    uris = [po.occupation.uri for po in profile.profile_occupations.all()]
                    services.profile_set_past_occupations(
                        profile=profile,
                        occupation_uris=[*uris, form.cleaned_data["occupation"].uri],
                    )
                    messages.success(request, _("Occupation added."))
                    return redirect("skills:profile")
            elif step == "remove-skill":
                services.profile_remove_skill(
                    profile=profile, skill_id=int(request.POST.get("skill", "0") or 0)
                )
                return redirect("skills:profile")
            elif step == "details":
                form = forms["details_form"] = ProfileDetailsForm(request.POST)
                if form.is_valid():
                    services.profile_update(
                        profile=profile, actor=request.user, **form.cleaned_data
                    )
                    messages.success(request, _("Your profile is saved."))
                    return redirect("skills:profile")
            else:
                return HttpResponse(status=400)
        except (ValueError, ValidationError) as exc:
            if not isinstance(exc, ValidationError):
                return HttpResponse(status=400)
            profile.refresh_from_db()
            add_service_errors(form, exc)
    return render(request, "skills/profile.html", _profile_context(profile, **forms))


@login_required
def profile_confirm(request):
    """Signed-in person: confirm the skills recognised in their own text."""
    profile = _profile(request)
    if profile is None:
        return redirect("skills:index")
    proposals = list(profile.profile_skills.filter(confirmed=False).select_related("skill"))
    recognised, covered = selectors.text_recognition(text=profile.experience_text)
    evidence = {r["skill_id"]: r["evidence"] for r in recognised}
    form = ConfirmSkillsForm(request.POST or None, proposals=proposals, evidence=evidence)
    if request.method == "POST" and form.is_valid():
        n = services.profile_confirm_skills(
            profile=profile, skill_ids=[int(i) for i in form.cleaned_data["skills"]]
        )
        messages.success(request, _("%(n)d skills added to your profile.") % {"n": n})
        return redirect("skills:profile")
    return render(
        request,
        "skills/confirm.html",
        {
            "form": form,
            "proposals": proposals,
            "covered": covered,
            "not_covered": selectors.NOT_COVERED_MESSAGE,
        },
    )


@require_GET
def suggest(request, kind: str):
    """Public htmx partial: <option>s for the type-ahead over Dutch and English labels."""
    q = request.GET.get("q") or request.GET.get("skill") or request.GET.get("occupation") or ""
    items = selectors.skill_search(q=q) if kind == "skills" else selectors.occupation_search(q=q)
    return render(request, "skills/_options.html", {"items": items})


@login_required
def matches(request):
    """Signed-in person: occupations ranked for their own profile, bottlenecks first."""
    profile = _profile(request)
    if profile is None:
        return redirect("skills:index")
    skill_ids = list(
        profile.profile_skills.filter(confirmed=True).values_list("skill_id", flat=True)
    )
    result, error, transitions = None, "", []
    if skill_ids:
        result = selectors.occupation_match(
            skill_ids=skill_ids,
            postcode=profile.postcode,
            country=profile.country_id,
            max_km=profile.max_travel_km if profile.postcode else None,
            cross_border=profile.cross_border,
        )
        location = result.location
        for po in profile.profile_occupations.select_related("occupation")[:3]:
            transitions.append(
                (
                    po.occupation,
                    selectors.occupation_transitions(
                        occupation=po.occupation,
                        location=location,
                        max_km=result.max_km,
                        cross_border=profile.cross_border,
                        limit=5,
                    ),
                )
            )
    else:
        error = _("Add or confirm a few skills first; then we can rank occupations for you.")
    return render(
        request,
        "skills/matches.html",
        {"profile": profile, "result": result, "error": error, "transitions": transitions},
    )


def occupation_detail(request, pk: int):
    """Public: an occupation's skills and shortages; with a profile also my coverage and gap."""
    occupation = get_object_or_404(Occupation.objects.select_related("isco_group"), pk=pk)
    relations = occupation.relations.select_related("skill").order_by("skill__label_en")
    profile = _profile(request)
    have = set()
    if profile:
        have = set(profile.profile_skills.filter(confirmed=True).values_list("skill_id", flat=True))
    essential = [r.skill for r in relations if r.relation_type == "essential"]
    optional = [r.skill for r in relations if r.relation_type == "optional"]
    shortages = selectors.bottlenecks_in_range(
        occupation_ids=[occupation.id], location=None, max_km=None
    ).get(occupation.id, [])
    transitions = selectors.occupation_transitions(occupation=occupation, limit=5)
    return render(
        request,
        "skills/occupation.html",
        {
            "occupation": occupation,
            "essential": essential,
            "optional": optional,
            "have": have,
            "profile": profile,
            "ess_covered": sum(1 for s in essential if s.id in have),
            "opt_covered": sum(1 for s in optional if s.id in have),
            "shortages": shortages,
            "shortage_sides": selectors.shortage_sides(shortages),
            "transitions": [t for t in transitions if t.is_bottleneck] or transitions,
            "vacancies": occupation.vacancies.filter(status="open").select_related(
                "organisation", "nuts3"
            )[:10],
        },
    )


@login_required
def learning_path_page(request, pk: int):
    """Signed-in person with a profile: the trainings that close their own gap."""
    occupation = get_object_or_404(Occupation, pk=pk)
    profile = _profile(request)
    if profile is None:
        return redirect("skills:index")
    form = PathForm(request.GET or None)
    objective = form.cleaned_data["optimise"] if form.is_valid() else PathObjective.COST
    path = profile_learning_path(profile=profile, occupation=occupation, objective=objective)
    if not form.is_bound:
        form = PathForm(initial={"optimise": objective})
    return render(
        request,
        "skills/learning_path.html",
        {"occupation": occupation, "path": path, "form": form, "profile": profile},
    )


@login_required
def profile_export(request):
    """Signed-in person: download everything about their own profile as JSON."""
    profile = _profile(request)
    if profile is None:
        return redirect("skills:index")
    response = HttpResponse(
        json.dumps(services.profile_export(profile=profile), ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="kennisbrug-skills-profile.json"'
    return response


@login_required
def profile_delete(request):
    """Signed-in person: delete their own profile after confirming."""
    profile = _profile(request)
    if profile is None:
        return redirect("skills:index")
    form = DeleteProfileForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.profile_delete(profile=profile, actor=request.user)
        messages.success(request, _("Your skills profile is deleted."))
        return redirect("skills:index")
    return render(request, "skills/delete.html", {"form": form})


@login_required
@require_POST
def contact_answer(request, pk: int):
    """Signed-in person: accept or decline an employer's request made to their own profile."""
    contact = get_object_or_404(VacancyContact.objects.select_related("profile"), pk=pk)
    if contact.profile.user_id != request.user.id:
        raise PermissionDenied
    answer = request.POST.get("answer")
    if answer not in ("accept", "decline"):
        return HttpResponse(status=400)
    try:
        services.contact_respond(user=request.user, contact=contact, accept=answer == "accept")
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("skills:profile")

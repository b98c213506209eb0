"""Pages of the labour market: trainings, vacancies (with anonymised candidates), statistics."""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import ChoiceField
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from kennisbrug.core import exports as spreadsheet
from kennisbrug.core.forms import add_service_errors
from kennisbrug.organisations.permissions import user_organisations

from .. import services
from ..constants import ParticipationStatus
from ..forms import ContactRequestForm, TrainingFilterForm, TrainingForm, VacancyForm
from ..models import Profile, Training, Vacancy
from ..selectors import market as market_selectors

PAGE = 50


def training_list(request):
    """Public: the training catalogue with filters (published trainings; members also see
    their own organisations' unpublished ones)."""
    form = TrainingFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    trainings = market_selectors.training_list(user=request.user, filters=filters)
    total = trainings.count()
    trainings = list(trainings.prefetch_related("sectors")[:PAGE])
    if request.user.is_authenticated:
        # A person enrols once per training (also after withdrawing), so the card says how
        # their participation stands instead of offering an enrol button the service refuses.
        mine = dict(
            request.user.training_participations.filter(
                training__in=[t.pk for t in trainings]
            ).values_list("training_id", "status")
        )
        for training in trainings:
            status = mine.get(training.pk)
            training.my_participation = ParticipationStatus(status).label if status else ""
    my_org_ids = set(user_organisations(request.user).values_list("pk", flat=True))
    return render(
        request,
        "skills/trainings.html",
        {
            "form": form,
            "trainings": trainings,
            "total": total,
            "can_add": bool(my_org_ids),
            "my_org_ids": my_org_ids,
            "my_orgs": list(user_organisations(request.user)),
        },
    )


def _training_fields(data: dict) -> dict:
    fields = dict(data)
    fields.pop("provider", None)
    fields["level"] = fields.get("level") or None
    fields["nuts3"] = fields.get("nuts3") or None
    return fields


@login_required
def training_edit(request, pk: int | None = None):
    """Active members of the provider organisation: publish or change a training."""
    providers = list(user_organisations(request.user))
    training = None
    if pk is not None:
        training = get_object_or_404(Training, pk=pk)
        if not services.can_manage(request.user, training.provider):
            raise PermissionDenied
    elif not providers:
        raise PermissionDenied
    initial = {}
    if training:
        initial = {
            "provider": str(training.provider_id),
            "title": training.title,
            "description": training.description,
            "skills": "\n".join(training.skills.values_list("uri", flat=True)),
            "level": training.level_id or "",
            "language": training.language,
            "mode": training.mode,
            "nuts3": training.nuts3_id or "",
            "cost": training.cost,
            "duration_hours": training.duration_hours,
            "start_dates": ", ".join(training.start_dates),
            "audiences": training.audiences,
            "sectors": list(training.sectors.values_list("code", flat=True)),
            "is_published": training.is_published,
        }
    form = TrainingForm(request.POST or None, initial=initial, providers=providers)
    if training:
        cast(ChoiceField, form.fields["provider"]).choices = [
            (str(training.provider_id), training.provider.name)
        ]
    if request.method == "POST" and form.is_valid():
        fields = _training_fields(form.cleaned_data)
        try:
            if training:
                training = services.training_update(user=request.user, training=training, **fields)
            else:
                provider = next(o for o in providers if str(o.pk) == form.cleaned_data["provider"])
                training = services.training_create(user=request.user, provider=provider, **fields)
            messages.success(request, _("The training is saved."))
            return redirect("skills:trainings")
        except ValidationError as exc:
            add_service_errors(form, exc)
    return render(request, "skills/training_form.html", {"form": form, "training": training})


def vacancy_list(request):
    """Public: open vacancies (members also see their organisations' closed ones)."""
    vacancies = market_selectors.vacancy_list(
        user=request.user, filters={"q": request.GET.get("q", "")[:100]}
    )
    return render(
        request,
        "skills/vacancies.html",
        {
            "vacancies": vacancies[:PAGE],
            "q": request.GET.get("q", "")[:100],
            "can_add": user_organisations(request.user).exists(),
        },
    )


@login_required
def vacancy_edit(request, pk: int | None = None):
    """Active members of the employer organisation: publish or change a vacancy."""
    organisations = list(user_organisations(request.user))
    vacancy = None
    if pk is not None:
        vacancy = get_object_or_404(Vacancy, pk=pk)
        if not services.can_manage(request.user, vacancy.organisation):
            raise PermissionDenied
    elif not organisations:
        raise PermissionDenied
    initial = {"status": "open"}
    if vacancy:
        initial = {
            "organisation": str(vacancy.organisation_id),
            "title": vacancy.title,
            "description": vacancy.description,
            "occupation": vacancy.occupation.uri,
            "nuts3": vacancy.nuts3_id,
            "level": vacancy.level_id or "",
            "status": vacancy.status,
        }
    form = VacancyForm(request.POST or None, initial=initial, organisations=organisations)
    if vacancy:
        cast(ChoiceField, form.fields["organisation"]).choices = [
            (str(vacancy.organisation_id), vacancy.organisation.name)
        ]
    if request.method == "POST" and form.is_valid():
        fields = dict(form.cleaned_data)
        org_id = fields.pop("organisation")
        fields["level"] = fields.get("level") or None
        try:
            if vacancy:
                vacancy = services.vacancy_update(user=request.user, vacancy=vacancy, **fields)
            else:
                organisation = next(o for o in organisations if str(o.pk) == org_id)
                vacancy = services.vacancy_create(
                    user=request.user, organisation=organisation, **fields
                )
            messages.success(request, _("The vacancy is saved."))
            return redirect("skills:vacancy", pk=vacancy.pk)
        except ValidationError as exc:
            add_service_errors(form, exc)
    return render(request, "skills/vacancy_form.html", {"form": form, "vacancy": vacancy})


def vacancy_detail(request, pk: int):
    """Public for open vacancies. Members of the employer also see anonymised opted-in
    candidates and may ask them for contact; names appear only after the person accepts."""
    vacancy = get_object_or_404(
        Vacancy.objects.select_related("organisation", "occupation", "nuts3", "level"), pk=pk
    )
    if not market_selectors.vacancy_visible(user=request.user, vacancy=vacancy):
        raise Http404
    is_employer = services.can_manage(request.user, vacancy.organisation)
    form = ContactRequestForm()
    if request.method == "POST":
        if not is_employer:
            raise PermissionDenied
        form = ContactRequestForm(request.POST)
        if form.is_valid():
            profile = Profile.objects.filter(pk=form.cleaned_data["profile"]).first()
            if profile is None or not profile.open_to_employers:
                raise Http404
            try:
                services.contact_request(
                    user=request.user,
                    vacancy=vacancy,
                    profile=profile,
                    message=form.cleaned_data["message"],
                )
                messages.success(
                    request, _("Your request was sent. You will see who it is once they accept.")
                )
                return redirect("skills:vacancy", pk=vacancy.pk)
            except ValidationError as exc:
                add_service_errors(form, exc)
    candidates = market_selectors.vacancy_candidates(vacancy=vacancy) if is_employer else []
    return render(
        request,
        "skills/vacancy.html",
        {"vacancy": vacancy, "is_employer": is_employer, "candidates": candidates, "form": form},
    )


def labour_market(request):
    """Public: aggregated supply vs demand; groups below the minimum size are suppressed."""
    data = market_selectors.labour_market()
    if request.GET.get("format") == "csv":
        header = [
            "occupation_uri",
            "occupation",
            "province",
            "country",
            "profiles",
            "open_vacancies",
            "bottleneck",
            "tension_category",
            "tension",
            "source",
        ]
        rows = [
            [
                r["occupation"].uri,
                r["occupation"].label_en,
                r["province"].code if r["province"] else "",
                r["country"],
                f"<{data['min_group_size']}" if r["profiles"] is None else r["profiles"],
                r["vacancies"],
                "yes" if r["bottleneck"] else "no",
                r["category"],
                r["tension"],
                r["source"],
            ]
            for r in data["rows"]
        ]
        return spreadsheet.csv_response(header, rows, filename="kennisbrug-labour-market")
    return render(request, "skills/labour_market.html", data)

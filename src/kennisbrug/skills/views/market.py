"""Pages of the labour market: trainings, vacancies (with anonymised candidates), statistics."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import ChoiceField
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kennisbrug.core import exports as spreadsheet
from kennisbrug.core.forms import add_service_errors
from kennisbrug.core.fragments import cached_fragment
from kennisbrug.core.money import format_money
from kennisbrug.organisations.permissions import user_organisations

from .. import services
from ..constants import Language, ParticipationStatus, TrainingMode, VacancyStatus
from ..forms import ContactRequestForm, TrainingFilterForm, TrainingForm, VacancyForm
from ..models import Profile, Training, Vacancy
from ..receivers import TRAININGS_FRAGMENT, VACANCIES_FRAGMENT
from ..selectors import market as market_selectors

PAGE = 50


_ENROL = re.compile(r"<!--enrol:(\d+)-->(.*?)<!--/enrol-->", re.DOTALL)
_ENROL_FIELDS = re.compile(r"<!--enrol-fields:(\d+)-->")
_PK = "<!--pk-->"


@require_http_methods(["GET", "HEAD"])
def training_list(request):
    """Public: the training catalogue with filters (published trainings; members also see
    their own organisations' unpublished ones, and may change them).

    The filter form and the cards are kept rendered (core.fragments) per language, query,
    day (a training whose last start date passed leaves the list) and audience: the
    visitor's organisations that provide trainings, which is nobody's for anonymous
    visitors and for most members, so they share one entry. How a signed-in person's own
    participation stands and their enrol form (CSRF token, their organisations as
    employer) are personal: the kept cards mark where they go and `_fill_enrol` fills them
    in per request (or removes them for anonymous visitors).
    """
    my_orgs = list(user_organisations(request.user).only("id", "name").order_by("name", "id"))
    providers = market_selectors.training_providers(organisation_ids=[o.pk for o in my_orgs])

    def catalogue() -> str:
        form = TrainingFilterForm(request.GET or None)
        filters = form.cleaned_data if form.is_valid() else {}
        total, trainings = market_selectors.training_catalogue(
            organisation_ids=providers, filters=filters, limit=PAGE
        )
        return render_to_string(
            "skills/_training_catalogue.html",
            {"form": form, "cards": _training_cards(trainings, providers), "total": total},
        )

    vary = f"{timezone.localdate().isoformat()}|{','.join(map(str, providers))}"
    html = cached_fragment(TRAININGS_FRAGMENT, request, catalogue, vary=vary)
    return render(
        request,
        "skills/trainings.html",
        {"catalogue": _fill_enrol(request, html, my_orgs), "can_add": bool(my_orgs)},
    )


_ANY_PK = 987654321


def _url_per_pk(name: str) -> Callable[[int], str]:
    """`reverse(name, args=[pk])` for every card at the cost of one reverse."""
    head, tail = reverse(name, args=[_ANY_PK]).split(str(_ANY_PK))
    return lambda pk: f"{head}{pk}{tail}"


def _training_cards(trainings: list[Training], own_providers: list[int]) -> list[dict]:
    """What each card shows, worked out once in Python: the template then only reads dict
    keys (looking attributes, choice labels and filters up per card was most of the
    render)."""
    today = timezone.localdate()
    modes, languages = dict(TrainingMode.choices), dict(Language.choices)
    own = set(own_providers)
    enrol, edit, participants = (
        _url_per_pk(name)
        for name in (
            "skills:training-enrol",
            "skills:training-edit",
            "skills:training-participants",
        )
    )
    return [
        {
            "pk": str(t.pk),  # a string: never localised ("1.020") inside the enrol markers
            "enrol_url": enrol(t.pk),
            "edit_url": edit(t.pk),
            "participants_url": participants(t.pk),
            "title": t.title,
            "is_published": t.is_published,
            "is_open": t.is_open(today),
            "own": t.provider_id in own,
            "provider": t.provider.name,
            "level": str(t.level) if t.level else "–",
            "mode": modes.get(t.mode, t.mode),
            "region": str(t.nuts3) if t.nuts3 else "",
            "language": languages.get(t.language, t.language),
            "hours": _("%(h)s hours") % {"h": formats.localize(t.duration_hours)},
            "cost": format_money(t.cost),
            "starts": ", ".join(map(str, t.start_dates or [])),
        }
        for t in trainings
    ]


def _fill_enrol(request, html: str, my_orgs: list) -> SafeString:
    """The kept catalogue with each published training's enrol area as this visitor sees
    it: nothing for anonymous visitors; for signed-in people how their participation stands
    (they enrol once per training, also after withdrawing, so no button the service would
    refuse), else the kept "start dates passed" tag or the enrol form with their token and
    their organisations as employer."""
    if not request.user.is_authenticated:
        return mark_safe(_ENROL.sub("", html))  # noqa: S308 - our own kept HTML
    shown = [int(found[0]) for found in _ENROL.findall(html)]
    mine = dict(
        request.user.training_participations.filter(training_id__in=shown).values_list(
            "training_id", "status"
        )
    )
    pk = mark_safe(_PK)  # noqa: S308 - a constant marker, replaced by each training's id
    fields = render_to_string(
        "skills/_enrol_fields.html", {"my_orgs": my_orgs, "pk": pk}, request=request
    )
    status_tag = '<span class="tag">{}</span>'

    def fill(match: re.Match) -> str:
        status = mine.get(int(match[1]))
        if status:
            return format_html(status_tag, ParticipationStatus(status).label)
        return _ENROL_FIELDS.sub(lambda m: fields.replace(_PK, m[1]), match[2])

    return mark_safe(_ENROL.sub(fill, html))  # noqa: S308 - kept HTML and our own templates


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


@require_http_methods(["GET", "HEAD"])
def vacancy_list(request):
    """Public: open vacancies (members also see their organisations' closed ones).

    The search form and the cards are kept rendered (core.fragments) per language, query
    and audience: the visitor's organisations that have closed vacancies, which is nobody's
    for anonymous visitors and most members, so they share one entry."""
    my_org_ids = list(user_organisations(request.user).values_list("pk", flat=True))
    closed = market_selectors.closed_vacancy_employers(organisation_ids=my_org_ids)

    def catalogue() -> str:
        q = request.GET.get("q", "")[:100]
        vacancies = market_selectors.vacancy_list(
            organisation_ids=closed, filters={"q": q}
        ).only(  # what the cards show: the rows' long texts (descriptions) stay unread
            "title",
            "status",
            "organisation__name",
            "occupation__label_en",
            "occupation__label_nl",
            "nuts3",
        )
        url, statuses = _url_per_pk("skills:vacancy"), dict(VacancyStatus.choices)
        cards = [
            {
                "url": url(v.pk),
                "title": v.title,
                "occupation": v.occupation.label,
                "employer": v.organisation.name,
                "region": str(v.nuts3),
                "status": statuses.get(v.status, v.status),
            }
            for v in vacancies[:PAGE]
        ]
        return render_to_string("skills/_vacancy_catalogue.html", {"cards": cards, "q": q})

    html = cached_fragment(VACANCIES_FRAGMENT, request, catalogue, vary=",".join(map(str, closed)))
    return render(
        request, "skills/vacancies.html", {"catalogue": html, "can_add": bool(my_org_ids)}
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

"""Pages of research groups and experts: thin, each calls one selector or service.

Who may use what: the lists and a group's page are public (contact addresses for
signed-in users only; unlisted experts never); adding, changing and removing is for the
organisation's admins and the secretariat (`can_edit_organisation`).
"""

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kennisbrug.core.forms import add_service_errors
from kennisbrug.core.fragments import cached_fragment

from .. import selectors as organisation_selectors
from ..models import Expert, Organisation, ResearchGroup
from ..permissions import can_edit_organisation
from . import selectors, services
from .forms import ExpertForm, ResearchGroupForm, ResearchSearchForm
from .receivers import EXPERTS_FRAGMENT, GROUPS_FRAGMENT

PAGE_SIZE = 20


def _organisation(slug: str) -> Organisation:
    try:
        return organisation_selectors.organisation_detail(slug=slug)
    except Organisation.DoesNotExist:
        raise Http404 from None


def _managed(request, slug: str) -> Organisation:
    organisation = _organisation(slug)
    if not can_edit_organisation(request.user, organisation):
        raise PermissionDenied
    return organisation


def _group(organisation: Organisation, pk: int) -> ResearchGroup:
    try:
        return selectors.research_group_get(organisation=organisation, pk=pk)
    except ResearchGroup.DoesNotExist:
        raise Http404 from None


def _expert(organisation: Organisation, pk: int) -> Expert:
    try:
        return selectors.expert_get(organisation=organisation, pk=pk)
    except Expert.DoesNotExist:
        raise Http404 from None


def _catalogue(request, name: str, list_selector, template: str, *, signed_in=None):
    """The search form, the cards and the page links, kept rendered (core.fragments) per
    change, language, query string and audience. The template gets no request: cards that
    show signed-in visitors more are given `signed_in` (True or False), which is then also
    the audience; None: the cards show everyone the same."""

    def render_catalogue() -> str:
        form = ResearchSearchForm(request.GET or None)
        if form.is_bound and not form.is_valid():
            found = list_selector(filters={"q": "", "country": ""}).none()
        else:
            found = list_selector(filters=form.cleaned_data if form.is_bound else {})
        page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
        query = request.GET.copy()
        query.pop("page", None)
        return render_to_string(
            template,
            {
                "form": form,
                "page": page,
                "query": query.urlencode(),
                "signed_in": bool(signed_in),
                "login_next": request.path,
            },
        )

    audience = "" if signed_in is None else "signed-in" if signed_in else "anonymous"
    return cached_fragment(name, request, render_catalogue, vary=audience)


@require_http_methods(["GET", "HEAD"])
def research_group_list(request):
    """Anyone: research groups of all organisations, searchable. The cards show everyone
    the same, so one kept catalogue serves all visitors."""
    html = _catalogue(
        request,
        GROUPS_FRAGMENT,
        selectors.research_group_list,
        "organisations/research/_groups.html",
    )
    return render(request, "organisations/research/groups.html", {"catalogue": html})


@require_http_methods(["GET", "HEAD"])
def expert_list(request):
    """Anyone: listed experts of all organisations, searchable; e-mail for signed-in users,
    so anonymous and signed-in visitors each have their own kept catalogue."""
    html = _catalogue(
        request,
        EXPERTS_FRAGMENT,
        selectors.expert_list,
        "organisations/research/_experts.html",
        signed_in=request.user.is_authenticated,
    )
    return render(request, "organisations/research/experts.html", {"catalogue": html})


@require_http_methods(["GET", "HEAD"])
def research_group_detail(request, slug: str, pk: int):
    """Anyone: a research group, its expertise and its listed experts."""
    organisation = _organisation(slug)
    group = _group(organisation, pk)
    return render(
        request,
        "organisations/research/group_detail.html",
        {
            "organisation": organisation,
            "group": group,
            "experts": selectors.research_group_experts(research_group=group),
            "can_edit": can_edit_organisation(request.user, organisation),
        },
    )


@login_required
@require_http_methods(["GET", "HEAD"])
def research_manage(request, slug: str):
    """Organisation admins and the secretariat: all groups and experts, listed or not."""
    organisation = _managed(request, slug)
    return render(
        request,
        "organisations/research/manage.html",
        {
            "organisation": organisation,
            **selectors.organisation_research(
                organisation=organisation, user=request.user, manage=True
            ),
        },
    )


def _saved(request, organisation: Organisation, message: str):
    messages.success(request, message)
    return redirect("organisations:research_manage", slug=organisation.slug)


def _form_page(request, organisation: Organisation, form, save, *, done: str, title: str):
    """Show `form`; on a valid POST call `save(**arguments)` (a service) and go back to
    the management page, or show the service's refusal on the form (status 400)."""
    if request.method == "POST" and form.is_valid():
        try:
            save(actor=request.user, **form.service_arguments())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return _saved(request, organisation, done)
    return render(
        request,
        "organisations/research/form.html",
        {"form": form, "organisation": organisation, "title": title},
        status=400 if request.method == "POST" else 200,
    )


def _delete_page(request, organisation: Organisation, delete, *, name, done, explanation):
    """GET asks first; POST calls `delete()` (a service) and goes back to the management page."""
    if request.method == "POST":
        delete(actor=request.user)
        return _saved(request, organisation, done)
    return render(
        request,
        "organisations/research/delete.html",
        {"organisation": organisation, "name": name, "explanation": explanation},
    )


@login_required
@require_http_methods(["GET", "POST"])
def research_group_create(request, slug: str):
    """Organisation admins and the secretariat: add a research group."""
    organisation = _managed(request, slug)
    return _form_page(
        request,
        organisation,
        ResearchGroupForm(request.POST or None),
        partial(services.research_group_create, organisation=organisation),
        done=_("The research group has been added."),
        title=_("Add a research group"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def research_group_edit(request, slug: str, pk: int):
    """Organisation admins and the secretariat: change a research group."""
    organisation = _managed(request, slug)
    group = _group(organisation, pk)
    return _form_page(
        request,
        organisation,
        ResearchGroupForm(request.POST or None, instance=group),
        partial(services.research_group_update, research_group=group),
        done=_("The changes have been saved."),
        title=_("Edit %(name)s") % {"name": group.name},
    )


@login_required
@require_http_methods(["GET", "POST"])
def research_group_delete(request, slug: str, pk: int):
    """Organisation admins and the secretariat: remove a research group (GET asks first)."""
    organisation = _managed(request, slug)
    group = _group(organisation, pk)
    return _delete_page(
        request,
        organisation,
        partial(services.research_group_delete, research_group=group),
        name=group.name,
        done=_("The research group has been removed."),
        explanation=_("Its experts stay listed, without a research group."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def expert_create(request, slug: str):
    """Organisation admins and the secretariat: list an expert."""
    organisation = _managed(request, slug)
    return _form_page(
        request,
        organisation,
        ExpertForm(request.POST or None, organisation=organisation),
        partial(services.expert_create, organisation=organisation),
        done=_("The expert has been added."),
        title=_("Add an expert"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def expert_edit(request, slug: str, pk: int):
    """Organisation admins and the secretariat: change an expert's entry."""
    organisation = _managed(request, slug)
    expert = _expert(organisation, pk)
    return _form_page(
        request,
        organisation,
        ExpertForm(request.POST or None, instance=expert, organisation=organisation),
        partial(services.expert_update, expert=expert),
        done=_("The changes have been saved."),
        title=_("Edit %(name)s") % {"name": expert.name},
    )


@login_required
@require_http_methods(["GET", "POST"])
def expert_delete(request, slug: str, pk: int):
    """Organisation admins and the secretariat: delete an expert's entry for good."""
    organisation = _managed(request, slug)
    expert = _expert(organisation, pk)
    return _delete_page(
        request,
        organisation,
        partial(services.expert_delete, expert=expert),
        name=expert.name,
        done=_("The expert has been removed."),
        explanation=_("The entry is deleted for good and leaves the search at once."),
    )

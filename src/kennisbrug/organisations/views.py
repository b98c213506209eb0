"""Pages of the organisation registry: thin, each calls one selector or service."""

from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.forms import ChoiceField
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kennisbrug.core.forms import add_service_errors
from kennisbrug.core.fragments import cached_fragment
from kennisbrug.enterprises import selectors as register

from . import selectors, services
from .forms import (
    JoinForm,
    MemberActionForm,
    OrganisationFilterForm,
    OrganisationForm,
    RegisterLookupForm,
    organisation_data,
)
from .models import Organisation
from .permissions import can_edit_organisation, is_member
from .presentation import registration_request_message
from .receivers import CATALOGUE_FRAGMENT
from .research import selectors as research_selectors

PAGE_SIZE = 20


def _get(slug: str) -> Organisation:
    try:
        return selectors.organisation_detail(slug=slug)
    except Organisation.DoesNotExist:
        raise Http404 from None


@require_http_methods(["GET", "HEAD"])
def organisation_list(request):
    """Anyone: the registry, filtered by the GET form and paginated.

    The filter form and the cards show every visitor the same (no contact details, no edit
    links), so that part is rendered once per change, language and query for everyone,
    signed in or not (core.fragments); the page around it has the visitor's own links.
    """

    def catalogue() -> str:
        form = OrganisationFilterForm(request.GET or None)
        if form.is_bound and not form.is_valid():
            organisations = Organisation.objects.none()
        else:
            organisations = selectors.organisation_list(
                filters=form.cleaned_data if form.is_bound else {}
            )
        page = Paginator(organisations, PAGE_SIZE).get_page(request.GET.get("page"))
        query = request.GET.copy()
        query.pop("page", None)
        return render_to_string(
            "organisations/_catalogue.html",
            {"form": form, "page": page, "query": query.urlencode()},
        )

    html = cached_fragment(CATALOGUE_FRAGMENT, request, catalogue)
    return render(request, "organisations/list.html", {"catalogue": html})


@require_http_methods(["GET", "HEAD"])
def organisation_detail(request, slug: str):
    """Anyone: an organisation's public profile; contact email for logged-in users only."""
    organisation = _get(slug)
    return render(
        request,
        "organisations/detail.html",
        {
            "organisation": organisation,
            "activity_sectors": [
                line.sector
                for line in selectors.organisation_sector_lines(organisation=organisation)
                if line.from_activities
            ],
            "can_edit": can_edit_organisation(request.user, organisation),
            "is_member": is_member(request.user, organisation),
            **research_selectors.organisation_research(
                organisation=organisation, user=request.user
            ),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def organisation_create(request):
    """Logged-in users: register an organisation and become its admin.

    GET ?kbo=<number> first looks the number up in the enterprise register mirror and
    fills the form in with what the register says (no script needed)."""
    lookup, register_entry = _register_lookup(request)
    form = OrganisationForm(
        request.POST or None, initial=register_entry["initial"] if register_entry else None
    )
    if request.method == "POST" and form.is_valid():
        try:
            registration = services.organisation_register(
                user=request.user, data=organisation_data(form)
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            if registration.created:
                messages.success(request, _("The organisation has been registered."))
            else:
                messages.info(request, registration_request_message(registration))
            return redirect("organisations:detail", slug=registration.organisation.slug)
    return render(
        request,
        "organisations/form.html",
        {"form": form, "organisation": None, "lookup": lookup, "register_entry": register_entry},
    )


def _register_lookup(request) -> tuple[RegisterLookupForm, dict | None]:
    """The lookup form and, for a number the register mirror knows, what it says."""
    lookup = RegisterLookupForm(
        request.GET if request.method == "GET" and "kbo" in request.GET else None
    )
    if not lookup.is_bound or not lookup.is_valid():
        return lookup, None
    try:
        found = register.enterprise_prefill(number=lookup.cleaned_data["kbo"])
    except ValidationError as exc:
        lookup.add_error("kbo", exc)
        return lookup, None
    if found is None:
        return lookup, {"missing": True, "initial": None}
    enterprise, initial = found
    return lookup, {
        "missing": False,
        "initial": initial,
        "enterprise": enterprise,
        **register.enterprise_details(enterprise),
    }


@login_required
@require_http_methods(["GET", "POST"])
def organisation_edit(request, slug: str):
    """Organisation admins and the secretariat: edit the profile."""
    organisation = _get(slug)
    if not can_edit_organisation(request.user, organisation):
        raise PermissionDenied
    form = OrganisationForm(request.POST or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        try:
            organisation = services.organisation_update(
                organisation=organisation, updated_by=request.user, data=organisation_data(form)
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The changes have been saved."))
            return redirect("organisations:detail", slug=organisation.slug)
    return render(request, "organisations/form.html", {"form": form, "organisation": organisation})


@login_required
@require_http_methods(["GET", "POST"])
def organisation_join(request, slug: str):
    """Logged-in users: ask the organisation's admins to be admitted."""
    organisation = _get(slug)
    form = JoinForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_request(
                user=request.user, organisation=organisation, message=form.cleaned_data["message"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Your request has been sent to the organisation's admins."))
            return redirect("organisations:detail", slug=organisation.slug)
    return render(request, "organisations/join.html", {"form": form, "organisation": organisation})


@login_required
@require_http_methods(["GET", "POST"])
def organisation_members(request, slug: str):
    """Organisation admins and the secretariat: decide on requests, set roles, remove."""
    organisation = _get(slug)
    if not can_edit_organisation(request.user, organisation):
        raise PermissionDenied
    form = MemberActionForm(request.POST or None, organisation=organisation)
    if request.method == "POST":
        if form.is_valid():
            membership = form.cleaned_data["membership"]
            action = form.cleaned_data["action"]
            try:
                if action == "approve":
                    services.membership_approve(membership=membership, decided_by=request.user)
                elif action == "reject":
                    services.membership_reject(membership=membership, decided_by=request.user)
                elif action == "role":
                    services.membership_set_role(
                        membership=membership,
                        role=form.cleaned_data["role"],
                        changed_by=request.user,
                    )
                else:
                    services.membership_remove(membership=membership, removed_by=request.user)
            except ValidationError as exc:
                for message in exc.messages:
                    messages.error(request, message)
            else:
                messages.success(request, _("The membership has been updated."))
                return redirect("organisations:members", slug=organisation.slug)
        else:
            messages.error(request, _("That change could not be made; please try again."))
    return render(
        request,
        "organisations/members.html",
        {
            "organisation": organisation,
            "memberships": selectors.membership_list(organisation=organisation),
            "roles": cast(ChoiceField, form.fields["role"]).choices,
        },
        status=400 if request.method == "POST" else 200,
    )

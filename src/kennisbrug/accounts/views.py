"""Pages of the accounts app. allauth serves login, signup and password reset."""

import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kennisbrug.core import second_factor as second_factor_rule
from kennisbrug.core.forms import add_service_errors

from . import personal_data, selectors, services
from .dashboard import context_for as dashboard_context
from .forms import AccountDeleteForm, ApiTokenForm


@login_required
def dashboard(request):
    """Logged-in users only: their organisations and role, their pending join
    requests and, for organisation admins, how many people wait for approval."""
    return render(request, "accounts/dashboard.html", dashboard_context(request.user))


@login_required
def second_factor(request):
    """Logged-in users: whether their account has an authenticator app and whether this
    session passed it; staff are sent here before they may decide (core.second_factor).
    The steps themselves are allauth's pages (set up, enter a code, recovery codes)."""
    from django.utils.http import url_has_allowed_host_and_scheme

    next_url = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = ""
    user = request.user
    return render(
        request,
        "accounts/second_factor.html",
        {
            "staff": second_factor_rule.needs_second_factor(user),
            "has_authenticator": second_factor_rule.has_authenticator(user),
            "passed": second_factor_rule.session_passed(request),
            "next_url": next_url,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def tokens(request):
    """Logged-in users only: list their own API tokens (with expiry and last use) and
    create one. Only a signed-in session reaches this page, so tokens are made here or
    through the API from a session, never by another token.

    A new token is shown once, in the response to the POST that created it; it is
    never stored, so reloading the page cannot show it again.
    """
    form = ApiTokenForm(request.POST or None)
    created = raw = None
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                created, raw = services.api_token_create(
                    user=request.user,
                    name=form.cleaned_data["name"],
                    expires_in_days=form.cleaned_data["expires_in_days"],
                    second_factor=second_factor_rule.session_passed(request),
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
                status = 400
            else:
                form = ApiTokenForm()
        else:
            status = 400
    response = render(
        request,
        "accounts/tokens.html",
        {
            "form": form,
            "tokens": selectors.api_token_list(user=request.user),
            "created": created,
            "raw_token": raw,
        },
        status=status,
    )
    if raw:
        # The one page that shows a secret must not end up in any cache.
        response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def token_revoke(request, token_id: int):
    """Logged-in users only, and only their own active tokens (404 otherwise)."""
    token = selectors.api_token_get(user=request.user, token_id=token_id)
    if token is None:
        raise Http404
    services.api_token_revoke(token=token, user=request.user)
    messages.success(request, _("The token “%(name)s” is revoked.") % {"name": token.name})
    return redirect("accounts:tokens")


@login_required
def personal_data_download(request):
    """Logged-in users only, and only their own data: everything the platform holds about
    them as one JSON file."""
    data = personal_data.personal_data_export(user=request.user)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2, default=str),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="kennisbrug-my-data.json"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def account_delete(request):
    """Logged-in users only, their own account: delete it after confirming with the
    password. Refused, with the reason, while they are the last admin of an organisation
    that has other members."""
    refusals = personal_data.account_delete_refusals(user=request.user)
    form = AccountDeleteForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                personal_data.account_delete(
                    user=request.user, password=form.cleaned_data["password"]
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                logout(request)
                messages.success(request, _("Your account and your personal data are deleted."))
                return redirect("/")
        status = 400
    return render(
        request,
        "accounts/delete.html",
        {"form": form, "refusals": refusals},
        status=status,
    )

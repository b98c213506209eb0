"""Pages for schemes and applications. Thin: parse, call one service, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kennisbrug.core.audit import audit_trail
from kennisbrug.core.forms import add_service_errors
from kennisbrug.core.idempotency import IdempotencyKeyReused

from .. import selectors, services
from ..constants import Actor, ApplicationStatus
from ..eligibility import check_application, render_reason
from ..forms import ApplicationForm, AttachmentForm, SchemeForm, TransitionForm
from ..models import Application, Attachment, Scheme
from ..permissions import (
    actor_roles,
    applicant_organisations,
    can_edit_application,
    can_manage_schemes,
    can_view_application,
    refusal_reason,
)
from ..suggestions import suggest_providers
from ..workflow import NEXT_STEP, available_edges


def _secretariat_only(user) -> None:
    if not can_manage_schemes(user):
        raise PermissionDenied


def scheme_list(request):
    """Public: every call, open ones first."""
    today = timezone.localdate()
    schemes = list(selectors.scheme_list())
    return render(
        request,
        "vouchers/scheme_list.html",
        {
            "open_schemes": [s for s in schemes if s.is_open_on(today)],
            "other_schemes": [s for s in schemes if not s.is_open_on(today)],
            "can_manage": can_manage_schemes(request.user),
        },
    )


def scheme_detail(request, pk: int):
    """Public: the rules of one call; applicants see an apply button."""
    scheme = get_object_or_404(Scheme, pk=pk)
    today = timezone.localdate()
    return render(
        request,
        "vouchers/scheme_detail.html",
        {
            "scheme": scheme,
            "is_open": scheme.is_open_on(today),
            "can_apply": applicant_organisations(request.user).exists(),
            "can_manage": can_manage_schemes(request.user),
        },
    )


@login_required
def scheme_form(request, pk: int | None = None):
    """Secretariat: configure a new call (pk None) or change one."""
    _secretariat_only(request.user)
    scheme = get_object_or_404(Scheme, pk=pk) if pk else None
    if request.method == "POST":
        form = SchemeForm(request.POST)
        if form.is_valid():
            try:
                if scheme is None:
                    scheme = services.scheme_create(
                        created_by=request.user, **form.service_kwargs()
                    )
                else:
                    scheme = services.scheme_update(
                        scheme=scheme, updated_by=request.user, **form.service_kwargs()
                    )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The call has been saved."))
                return redirect("vouchers:scheme_detail", pk=scheme.pk)
    else:
        form = SchemeForm(initial=SchemeForm.initial_from(scheme) if scheme else None)
    return render(request, "vouchers/scheme_form.html", {"form": form, "scheme": scheme})


# Submit buttons of the provider picker (it works without JavaScript): search the
# eligible providers, or take a suggested one as the choice.
FIND = "find_provider"
PICK = "pick_provider"


def _provider_picker_form(request, *, applicants, scheme) -> ApplicationForm:
    """The form again with what was typed, the provider list narrowed to the search, or
    the picked suggestion chosen. Nothing is saved."""
    initial = request.POST.dict()
    query = ""
    if PICK in request.POST:
        initial["provider"] = request.POST[PICK][:20]
        initial["provider_q"] = ""
    else:
        query = request.POST.get("provider_q", "")[:100]
    shown = selectors.eligible_providers(scheme=scheme, q=query)
    return ApplicationForm(initial=initial, applicants=applicants, providers=shown)


@login_required
def application_create(request, pk: int):
    """Members of an SME: draft an application for this call, with provider suggestions."""
    scheme = get_object_or_404(Scheme, pk=pk)
    applicants = applicant_organisations(request.user)
    if not applicants.exists():
        raise PermissionDenied
    suggestions = None
    providers = selectors.eligible_providers(scheme=scheme)
    if request.method == "POST":
        form = ApplicationForm(request.POST, applicants=applicants, providers=providers)
        if "suggest" in request.POST:
            applicant = applicants.filter(pk=request.POST.get("applicant") or 0).first()
            eligible = set(providers.values_list("pk", flat=True))
            suggestions = [
                s
                for s in suggest_providers(
                    applicant=applicant or applicants.first(),
                    need_text=" ".join(
                        [
                            request.POST.get("title", ""),
                            request.POST.get("assignment_description", ""),
                        ]
                    )[:10000],
                    limit=5,
                )
                if s.organisation.pk in eligible
            ]
            form = ApplicationForm(
                initial=request.POST.dict(), applicants=applicants, providers=providers
            )
        elif PICK in request.POST or FIND in request.POST:
            form = _provider_picker_form(request, applicants=applicants, scheme=scheme)
        elif form.is_valid():
            try:
                application, created = services.application_create(
                    scheme=scheme,
                    applicant=form.cleaned_data["applicant"],
                    created_by=request.user,
                    idempotency_key=form.cleaned_data["idempotency_key"],
                    **form.service_kwargs(),
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            except IdempotencyKeyReused:
                form.add_error(
                    None,
                    _(
                        "This form was already sent with other values. Open the form anew "
                        "to draft another application."
                    ),
                )
            else:
                if created:
                    messages.success(request, _("Your draft application has been saved."))
                return redirect("vouchers:application_detail", pk=application.pk)
    else:
        form = ApplicationForm(applicants=applicants, providers=providers)
    return render(
        request,
        "vouchers/application_form.html",
        {"form": form, "scheme": scheme, "suggestions": suggestions},
    )


@login_required
def application_edit(request, pk: int):
    """Members of the applicant: change a draft."""
    application = get_object_or_404(Application, pk=pk)
    if not can_edit_application(request.user, application):
        raise PermissionDenied
    applicants = applicant_organisations(request.user).filter(pk=application.applicant_id)
    providers = selectors.eligible_providers(scheme=application.scheme)
    if request.method == "POST":
        form = ApplicationForm(request.POST, applicants=applicants, providers=providers)
        if PICK in request.POST or FIND in request.POST:
            form = _provider_picker_form(request, applicants=applicants, scheme=application.scheme)
        elif form.is_valid():
            try:
                services.application_update(
                    application=application, updated_by=request.user, **form.service_kwargs()
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Your draft application has been saved."))
                return redirect("vouchers:application_detail", pk=application.pk)
    else:
        fields = [
            "title",
            "assignment_description",
            "provider",
            "partner",
            "quote_amount",
            "requested_amount",
            "planned_start",
            "planned_end",
            "de_minimis_declared",
            "de_minimis_other_aid",
        ]
        initial = {name: getattr(application, name) for name in fields}
        initial["applicant"] = application.applicant
        form = ApplicationForm(initial=initial, applicants=applicants, providers=providers)
    return render(
        request,
        "vouchers/application_form.html",
        {"form": form, "scheme": application.scheme, "application": application},
    )


@login_required
def application_list(request):
    """Signed in: applications of one's organisations (as applicant, partner or provider);
    the secretariat sees all."""
    status = request.GET.get("status", "")
    if status not in ApplicationStatus.values:
        status = ""
    applications = selectors.application_list(user=request.user, filters={"status": status})
    return render(
        request,
        "vouchers/application_list.html",
        {
            "applications": applications[:200],
            "status": status,
            "statuses": ApplicationStatus.choices,
        },
    )


@login_required
def application_detail(request, pk: int):
    """Members of the applicant, partner and provider, and the secretariat: status, history,
    next step and the actions the viewer may take."""
    application = selectors.application_visible(user=request.user, pk=pk)
    roles = actor_roles(request.user, application)
    edges, refused = [], []
    for edge in available_edges(application.status, roles):
        reason = refusal_reason(request.user, application, edge.action)
        if reason:
            refused.append({"edge": edge, "reason": reason})
        else:
            edges.append(edge)
    eligibility = application.eligibility
    if application.status == ApplicationStatus.DRAFT:
        eligibility = [r.as_dict() for r in check_application(application)]
    # Stored reasons are keys with parameters: put them into the reader's words.
    eligibility = [{**r, "message": render_reason(r)} for r in eligibility]
    return render(
        request,
        "vouchers/application_detail.html",
        {
            "application": application,
            "edges": edges,
            # Actions the table offers but the personal rules refuse: shown with the reason.
            "refused": refused,
            "next_step": NEXT_STEP[ApplicationStatus(application.status)],
            "eligibility": eligibility,
            "history": audit_trail(application)
            .select_related("actor")
            .order_by("created_at", "id"),
            "attachments": application.attachments.all(),
            "can_edit": can_edit_application(request.user, application),
            "can_upload": application.status in services.OPEN_FOR_UPLOAD
            and bool(roles & {Actor.APPLICANT, Actor.PROVIDER}),
            "transition_form": TransitionForm(),
            "attachment_form": AttachmentForm(),
            "open_commitment": selectors.application_open_commitment(application=application),
        },
    )


@login_required
@require_POST
def application_transition(request, pk: int, action: str):
    """Whoever the workflow table allows for `action` (checked by the service)."""
    application = get_object_or_404(Application, pk=pk)
    if not can_view_application(request.user, application):
        raise PermissionDenied
    form = TransitionForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
        return redirect("vouchers:application_detail", pk=pk)
    try:
        services.application_transition(
            obj=application,
            action=action,
            actor=request.user,
            reason=form.cleaned_data["reason"],
            amount=form.cleaned_data["amount"],
            invoice_amount=form.cleaned_data["invoice_amount"],
        )
    except services.NotEligibleError as exc:
        for result in exc.results:
            if not result.passed:
                messages.error(request, result.message)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    except PermissionDenied as exc:
        messages.error(request, str(exc) or _("You may not take this action."))
    else:
        messages.success(
            request,
            _("Done: the application is now “%(status)s”.")
            % {"status": Application.objects.get(pk=pk).get_status_display()},
        )
    return redirect("vouchers:application_detail", pk=pk)


@login_required
@require_POST
def attachment_upload(request, pk: int):
    """Applicant members (quote, assignment) and provider members (invoice, assignment)."""
    application = get_object_or_404(Application, pk=pk)
    if not can_view_application(request.user, application):
        raise PermissionDenied
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.attachment_add(
                application=application,
                kind=form.cleaned_data["kind"],
                file=form.cleaned_data["file"],
                uploaded_by=request.user,
            )
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("The document has been uploaded."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
    return redirect("vouchers:application_detail", pk=pk)


@login_required
def attachment_download(request, pk: int, attachment_pk: int):
    """Those who may see the application. Files are never served from a public URL."""
    attachment = get_object_or_404(Attachment, pk=attachment_pk, application_id=pk)
    if not can_view_application(request.user, attachment.application):
        raise PermissionDenied
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(
        handle,
        as_attachment=True,
        filename=attachment.original_name,
        content_type="application/pdf",
    )

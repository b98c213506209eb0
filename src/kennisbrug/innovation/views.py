"""Pages: my questions, asking a question, its explained matches, questions for you, introductions.

Who may use each page is in its docstring; the rules themselves are in
permissions.py and services.py, shared with the API.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kennisbrug.matching.filters import MatchFilterForm
from kennisbrug.matching.services import provider_kinds
from kennisbrug.organisations.permissions import user_organisations

from . import selectors, services
from .constants import IntroductionState
from .forms import IntroductionRequestForm, IntroductionResponseForm, QuestionForm
from .models import InnovationQuestion, Introduction
from .permissions import (
    can_manage_question,
    can_see_contacts,
    can_see_matches,
    can_view_introduction,
    can_view_question,
    introduction_request_refusal,
    introduction_side,
    match_provider_id,
)
from .workflow import PROVIDER, REQUESTER


def _question_or_404(request, pk) -> InnovationQuestion:
    question = get_object_or_404(InnovationQuestion.objects.select_related("organisation"), pk=pk)
    if not can_view_question(request.user, question):
        raise Http404  # a private question does not reveal that it exists
    return question


@login_required
def question_list(request):
    """Logged-in people: the questions of their organisations."""
    return render(
        request,
        "innovation/question_list.html",
        {
            "questions": selectors.question_list(user=request.user),
            "has_organisation": user_organisations(request.user).exists(),
        },
    )


@login_required
def question_create(request):
    """Active members of an organisation: ask a question, then see its matches."""
    organisations = user_organisations(request.user)
    if not organisations.exists():
        return render(request, "innovation/no_organisation.html", status=403)
    form = QuestionForm(request.POST or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        try:
            question = services.question_create(
                organisation=form.cleaned_data["organisation"],
                author=request.user,
                **form.service_kwargs(),
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Your question is saved. These are its best matches."))
            return redirect("innovation:detail", pk=question.pk)
    status = 400 if form.errors else 200
    return render(request, "innovation/question_form.html", {"form": form}, status=status)


@login_required
def question_edit(request, pk):
    """Members of the asking organisation: change the question."""
    question = _question_or_404(request, pk)
    if not can_manage_question(request.user, question):
        raise PermissionDenied
    form = QuestionForm(request.POST or None, instance=question, organisations=None)
    if request.method == "POST" and form.is_valid():
        data = form.service_kwargs()
        try:
            services.question_update(
                question=question,
                user=request.user,
                sectors=data.pop("sectors"),
                technologies=data.pop("technologies"),
                **data,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The question is updated."))
            return redirect("innovation:detail", pk=question.pk)
    status = 400 if form.errors else 200
    return render(
        request,
        "innovation/question_form.html",
        {"form": form, "question": question},
        status=status,
    )


@login_required
@require_POST
def question_close(request, pk):
    """Members of the asking organisation: close or reopen the question."""
    question = _question_or_404(request, pk)
    if not can_manage_question(request.user, question):
        raise PermissionDenied
    services.question_close(
        question=question, user=request.user, reopen=question.status == "closed"
    )
    messages.success(request, _("The question's status is changed."))
    return redirect("innovation:detail", pk=question.pk)


def _matches_context(request, question):
    form = MatchFilterForm(request.GET or None, kinds=list(provider_kinds()))
    results, error = [], ""
    if not form.is_bound or form.is_valid():
        try:
            results = selectors.question_matches(
                question=question, filters=form.filters() if form.is_bound else None
            )
        except ValidationError as exc:
            error = " ".join(exc.messages)
    else:
        error = _("Some filters are not valid.")
    can_request = can_manage_question(request.user, question) and question.is_open
    # Per match, why the request would be refused (e.g. the organisation's own facility):
    # the page shows that reason instead of a form the service would turn down.
    rows = [
        (
            hit,
            can_request
            and introduction_request_refusal(
                request.user,
                requester_organisation=question.organisation,
                provider_id=match_provider_id(hit),
                question=question,
            ),
        )
        for hit in results
    ]
    return {
        "question": question,
        "filter_form": form,
        "results": results,
        "match_rows": rows,
        "error": error,
        "requested": selectors.requested_match_keys(organisation=question.organisation),
        "can_request": can_request,
    }


@login_required
def question_detail(request, pk):
    """Who may read the question (see permissions); matches for its organisation and secretariat."""
    question = _question_or_404(request, pk)
    context = {"question": question, "can_manage": can_manage_question(request.user, question)}
    if can_see_matches(request.user, question):
        context.update(_matches_context(request, question))
        context["show_matches"] = True
    return render(request, "innovation/question_detail.html", context)


@login_required
def question_matches(request, pk):
    """htmx partial of the filtered matches: the asking organisation's members and secretariat."""
    question = _question_or_404(request, pk)
    if not can_see_matches(request.user, question):
        raise PermissionDenied
    context = _matches_context(request, question)
    return render(
        request, "innovation/_matches.html", context, status=400 if context["error"] else 200
    )


@login_required
@require_POST
def introduction_request(request, pk):
    """Members of the asking organisation: ask an introduction to one match."""
    question = _question_or_404(request, pk)
    if not can_manage_question(request.user, question):
        raise PermissionDenied
    form = IntroductionRequestForm(request.POST)
    if form.is_valid():
        try:
            intro = services.introduction_request_for_match(
                question=question,
                requested_by=request.user,
                kind=form.cleaned_data["kind"],
                target_id=form.cleaned_data["target"],
                message=form.cleaned_data["message"],
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            if selectors.introduction_has_recipient(intro):
                messages.success(request, _("Your introduction request is sent."))
            else:
                messages.info(request, str(selectors.without_recipient_notice(intro)))
            return redirect("innovation:introductions")
    else:
        errors = [e for errs in form.errors.values() for e in errs]
        messages.error(request, _("The request was not sent: %(e)s") % {"e": " ".join(errors)})
    return redirect("innovation:detail", pk=question.pk)


@login_required
def questions_for_you(request):
    """Members of an organisation: open public questions that fit their organisation's profile."""
    organisations = user_organisations(request.user).order_by("name")
    if not organisations.exists():
        return render(request, "innovation/no_organisation.html", status=403)
    chosen = organisations.filter(pk=request.GET.get("organisation") or 0).first()
    organisation = chosen or organisations.first()
    results = selectors.questions_for_organisation(organisation=organisation)
    return render(
        request,
        "innovation/for_you.html",
        {"organisation": organisation, "organisations": organisations, "results": results},
    )


@login_required
def introduction_list(request):
    """Logged-in people: introductions of their organisations, incoming and outgoing."""
    return render(
        request,
        "innovation/introduction_list.html",
        {
            "incoming": selectors.introduction_list(user=request.user, direction="incoming"),
            "outgoing": selectors.introduction_list(user=request.user, direction="outgoing"),
        },
    )


@login_required
def introduction_detail(request, pk):
    """Both sides' members and the secretariat; contact details for both sides after acceptance."""
    intro = get_object_or_404(
        Introduction.objects.select_related(
            "requester_organisation", "provider_organisation", "requested_by", "responded_by"
        ),
        pk=pk,
    )
    if not can_view_introduction(request.user, intro):
        raise Http404
    side = introduction_side(request.user, intro)
    return render(
        request,
        "innovation/introduction_detail.html",
        {
            "introduction": intro,
            "side": side,
            "is_provider": side == PROVIDER,
            "is_requester": side == REQUESTER,
            "open": intro.state == IntroductionState.REQUESTED,
            "show_contacts": can_see_contacts(request.user, intro),
            "without_recipient": (
                intro.state == IntroductionState.REQUESTED
                and not selectors.introduction_has_recipient(intro)
            ),
            "without_recipient_notice": selectors.without_recipient_notice(intro),
            "response_form": IntroductionResponseForm(),
        },
    )


@login_required
@require_POST
def introduction_transition(request, pk, action):
    """accept/decline: the provider's members; withdraw: the requester's members."""
    intro = get_object_or_404(Introduction, pk=pk)
    if not can_view_introduction(request.user, intro):
        raise Http404
    if action not in {"accept", "decline", "withdraw"}:
        raise Http404
    form = IntroductionResponseForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
        return redirect("innovation:introduction", pk=intro.pk)
    kwargs = {} if action == "withdraw" else {"message": form.cleaned_data["message"]}
    try:
        services.introduction_transition(obj=intro, action=action, actor=request.user, **kwargs)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The introduction is updated."))
    return redirect("innovation:introduction", pk=intro.pk)

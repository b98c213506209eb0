"""Pages of training participations: enrol yourself; providers list participants and
record completions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kennisbrug.organisations.permissions import user_organisations

from .. import services
from ..models import Training, TrainingParticipation
from ..selectors import market as market_selectors


def _error_text(exc: ValidationError) -> str:
    return " ".join(str(m) for m in exc.messages)


@login_required
@require_POST
def training_enrol(request, pk: int):
    """Signed-in people: enrol yourself in a published training, optionally for one of your
    own organisations as employer."""
    training = get_object_or_404(Training.objects.select_related("provider"), pk=pk)
    if not market_selectors.training_visible(user=request.user, training=training):
        raise Http404
    employer = None
    employer_id = request.POST.get("employer", "").strip()
    if employer_id:
        employer = (
            user_organisations(request.user)
            .filter(pk=int(employer_id) if employer_id.isdigit() else -1)
            .first()
        )
        if employer is None:
            messages.error(request, _("Choose one of your own organisations as employer."))
            return redirect("skills:trainings")
    try:
        services.training_enrol(training=training, user=request.user, employer=employer)
    except ValidationError as exc:
        messages.error(request, _error_text(exc))
    else:
        messages.success(request, _("You are enrolled in %(title)s.") % {"title": training.title})
    return redirect("skills:trainings")


@login_required
def training_participants(request, pk: int):
    """Active members of the training's provider organisation only: who enrolled, and
    a button to record a completion."""
    training = get_object_or_404(Training.objects.select_related("provider"), pk=pk)
    if not services.can_manage(request.user, training.provider):
        raise PermissionDenied
    participations = training.participations.select_related("user", "employer").order_by(
        "enrolled_at", "pk"
    )
    return render(
        request,
        "skills/participants.html",
        {"training": training, "participations": participations},
    )


@login_required
@require_POST
def participation_complete(request, pk: int):
    """Active members of the training's provider organisation only: mark completed."""
    participation = get_object_or_404(
        TrainingParticipation.objects.select_related("training__provider"), pk=pk
    )
    try:
        services.training_participation_complete(participation=participation, by=request.user)
    except ValidationError as exc:
        messages.error(request, _error_text(exc))
    else:
        messages.success(request, _("The completion is recorded."))
    return redirect("skills:training-participants", pk=participation.training_id)

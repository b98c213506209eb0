"""The secretariat's work queue page."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from kennisbrug.core import work_queue


@login_required
def queue(request):
    """The secretariat only (others get 403): what waits for them, card by card."""
    if not request.user.is_secretariat:
        raise PermissionDenied
    return render(request, "secretariat/queue.html", {"cards": work_queue.cards_for(request.user)})

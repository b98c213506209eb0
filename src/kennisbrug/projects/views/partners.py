"""Page to change a partner's amounts on an idea."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from kennisbrug.core.forms import add_service_errors

from .. import services
from ..forms import PartnerAmountsForm
from ..models import IdeaPartner
from ..permissions import can_edit_idea
from ..selectors.ideas import idea_visible


@login_required
def idea_partner_edit(request, pk, partner_pk):
    """Members of the lead organisation: change a partner's budget and requested ERDF."""
    idea = idea_visible(user=request.user, pk=pk)
    if not can_edit_idea(request.user, idea):
        raise PermissionDenied
    partner = get_object_or_404(IdeaPartner, pk=partner_pk, idea=idea)
    form = PartnerAmountsForm(
        request.POST or None, initial={"budget": partner.budget, "erdf": partner.erdf}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.idea_partner_update(
                partner=partner,
                user=request.user,
                budget=form.cleaned_data["budget"],
                erdf=form.cleaned_data["erdf"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The partner's amounts were changed."))
            return redirect("projects:idea", pk=pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "projects/partner_edit.html",
        {"idea": idea, "partner": partner, "form": form},
        status=status,
    )

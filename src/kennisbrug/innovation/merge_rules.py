"""The innovation app's rule for merging two registry entries of one organisation."""

from django.db.models import Q
from django.utils.translation import gettext as _

from .models import Introduction


def introduction_merge_problems(*, keep, remove) -> list[str]:
    """An organisation cannot ask an introduction to itself (introduction_request): an
    introduction between the two entries means they dealt with each other as two
    organisations, and merged it would count as an introduction to itself."""
    between = Introduction.objects.filter(
        Q(requester_organisation=keep, provider_organisation=remove)
        | Q(requester_organisation=remove, provider_organisation=keep)
    ).select_related("requester_organisation", "provider_organisation")
    return [
        _(
            "The introduction “%(introduction)s” is between the two organisations: they "
            "dealt with each other as two organisations, so they are not merged."
        )
        % {"introduction": introduction}
        for introduction in between.order_by("pk")
    ]

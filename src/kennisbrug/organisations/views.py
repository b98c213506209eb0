from django.shortcuts import render

from .models import Organisation


def organisation_list(request):
    """Public: the organisation registry."""
    return render(
        request, "organisations/list.html", {"organisations": Organisation.objects.all()[:50]}
    )

from django.shortcuts import render

from . import selectors


def home(request):
    """Public: what the platform offers each target group, with links to what exists."""
    return render(request, "core/home.html", selectors.home_summary())

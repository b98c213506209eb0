"""The platform-wide search page."""

from django.core.exceptions import ValidationError
from django.shortcuts import render

from .forms import SearchForm
from .registry import asker_for
from .services import match, no_strong_match_message, strong_match

PAGE_SIZE = 20


def search(request):
    """Public: search organisations, public questions, facilities and living labs.

    Logged-in members search as their (first) organisation, so cross-border hits are
    marked relative to it.
    """
    form = SearchForm(request.GET or None)
    results, error = [], ""
    if form.is_bound and form.is_valid():
        asker = asker_for(request.user)
        try:
            results = match(
                text=form.cleaned_data["q"],
                filters=form.filters(),
                asker_organisation=asker,
                limit=PAGE_SIZE,
            )
        except ValidationError as exc:
            error = " ".join(exc.messages)
    template = "matching/_results.html" if request.htmx else "matching/search.html"
    status = 400 if form.is_bound and (form.errors or error) else 200
    return render(
        request,
        template,
        {
            "form": form,
            "results": results,
            "error": error,
            "searched": form.is_bound,
            "strong_match": strong_match(results),
            "weak_message": no_strong_match_message(results),
        },
        status=status,
    )

"""The platform-wide search page."""

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from kennisbrug.core.fragments import cached_render

from . import index
from .forms import SearchForm
from .registry import asker_for
from .services import match, no_strong_match_message, strong_match

PAGE_SIZE = 20


def search(request):
    """Public: search organisations, public questions, facilities and living labs.

    Logged-in members search as their (first) organisation, so cross-border hits are
    marked relative to it. Anonymous searches are the same for everyone with the same
    language and query, so each is run and rendered once per index version
    (core.fragments); the index version changes with every document written.
    """
    template = "matching/_results.html" if request.htmx else "matching/_search.html"

    def body() -> tuple[int, str]:
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
        status = 400 if form.is_bound and (form.errors or error) else 200
        html = render_to_string(
            template,
            {
                "form": form,
                "results": results,
                "error": error,
                "searched": form.is_bound,
                "strong_match": strong_match(results),
                "weak_message": no_strong_match_message(results),
            },
            request=request,
        )
        return status, html

    if request.user.is_authenticated:
        status, html = body()
    else:
        status, html = cached_render(
            f"search:{template}", request, body, vary=str(index.current_version())
        )
    if request.htmx:
        return HttpResponse(html, status=status)
    return render(request, "matching/search.html", {"body": mark_safe(html)}, status=status)  # noqa: S308

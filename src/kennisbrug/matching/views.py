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
from .services import match, no_strong_match_message, organisation_concepts, strong_match

PAGE_SIZE = 20


def search(request):
    """Public: search organisations, public questions, facilities and living labs.

    Signed-in members search as their (first) organisation, so cross-border hits are
    marked relative to it and it is never a hit itself. The results depend on nothing else
    of the visitor, so each search is run and rendered once per language, query, version
    (renewed with every index change, `index.record_changes`) and *searching organisation*:
    its id, country and sectors and technologies (core.fragments). Anonymous visitors and
    members without an organisation share one entry.
    """
    template = "matching/_results.html" if request.htmx else "matching/_search.html"
    asker = asker_for(request.user) if request.GET and request.user.is_authenticated else None
    concepts = organisation_concepts(asker)

    def body() -> tuple[int, str]:
        form = SearchForm(request.GET or None)
        results, error = [], ""
        if form.is_bound and form.is_valid():
            try:
                results = match(
                    text=form.cleaned_data["q"],
                    filters=form.filters(),
                    asker_organisation=asker,
                    concepts=concepts,
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
        )
        return status, html

    searching_as = (
        f"{asker.pk}:{asker.country_id}:{','.join(sorted(concepts))}" if asker is not None else ""
    )
    status, html = cached_render(
        index.SEARCH_FRAGMENT, request, body, vary=f"{template}|{searching_as}"
    )
    if request.htmx:
        return HttpResponse(html, status=status)
    return render(request, "matching/search.html", {"body": mark_safe(html)}, status=status)  # noqa: S308

"""The site walk covers the site: every HTML page route is visited by the walk that the
language and phone-width tests share, so a new page cannot escape those checks.

Run: uv run pytest tests/test_site_walk.py
"""

from urllib.parse import urlsplit

import pytest
from django.urls import resolve

from tests.site_walk import NOT_WALKED, _patterns, build_site, page_routes, pages, unnamed_routes


@pytest.mark.django_db
def test_every_page_route_is_walked():
    people = build_site(index=False)
    walked: dict[str, set[str]] = {}
    for role, path in pages(people):
        match = resolve(urlsplit(path).path)
        walked.setdefault(match.view_name, set()).add(role)
    missing = sorted(
        f"{name} ({route})" for name, route in page_routes() if name not in walked
    )
    assert not missing, "page routes nobody walks:\n" + "\n".join(missing)


def test_only_redirects_go_without_a_name():
    """The walk matches routes by name, so a page without one would never be missed."""
    from django.views.generic import RedirectView

    pages_without_name = [
        route
        for route, view in unnamed_routes()
        if getattr(view, "view_class", None) is not RedirectView
    ]
    assert not pages_without_name


def test_every_route_left_out_of_the_walk_exists():
    """A renamed route must not hide behind a stale entry of `NOT_WALKED`."""
    from django.urls import get_resolver

    names = {name for name, _route in _patterns(get_resolver())}
    assert NOT_WALKED - names == set()

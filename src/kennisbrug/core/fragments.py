"""Rendered page fragments reused across requests, for the pages many visitors read.

A catalogue page (organisations, facilities) renders its filter form and 20 cards from the
database; profiled, that was most of the page's time. That part is the same for every visitor
with the same language, query string and *audience*, so the rendered HTML is kept:

    html = cached_fragment("organisations", request, render)
    html = cached_fragment("facilities", request, render, vary=unpublished_ids_they_manage)

The audience (`vary`) is whatever else the fragment shows differently to some visitors, and
nothing more: the organisation catalogue shows everyone the same, the facility catalogue adds
the unpublished facilities a visitor manages, a search depends on the organisation a member
searches as. What is personal (the account menu, "publish" links, CSRF tokens) stays outside
the fragment, in the page around it, and `render` is given no request (callers render with
`render_to_string(template, context)`), so a kept fragment cannot carry the user or the
session of whoever happened to render it first.

The key holds the language, the query string, `vary` and a *version* per fragment name plus
one for the reference data. The versions live in the shared cache (Redis or the cache table),
so every worker sees the same ones; the rendered HTML lives in each worker's memory (the
`fragments` cache), so a hit costs one shared-cache read and never pushes login counters or
throttles out of the shared cache. Apps bump a version when what the fragment shows changes
(`fragments_changed("organisations")`, from their model signals and after bulk writes);
`reference_data_changed()` bumps the reference version that every fragment includes. Entries
also expire after FRAGMENT_TTL seconds, a bound for writes that bypass the application
(SQL by hand).
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache, caches
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

FRAGMENT_TTL = 600
REFERENCE = "reference"
_VERSION_PREFIX = "fragment-version:"
_MISSING = object()
T = TypeVar("T")


def _version_key(name: str) -> str:
    return _VERSION_PREFIX + name


def _versions(names: tuple[str, ...]) -> str:
    keys = [_version_key(name) for name in names]
    found = cache.get_many(keys)
    missing = {key: uuid.uuid4().hex for key in keys if key not in found}
    if missing:
        # First use (or the shared cache lost it): any fresh value is right, since no
        # fragment was stored under it yet.
        cache.set_many(missing, timeout=None)
        found.update(missing)
    return ".".join(found[key] for key in keys)


def _bump(names: tuple[str, ...]) -> None:
    cache.set_many({_version_key(name): uuid.uuid4().hex for name in names}, timeout=None)


def fragments_changed(*names: str) -> None:
    """What the named fragments show changed: later requests render them anew.

    Bumped at once (so this process and a test see the change) and again after the
    transaction commits, so a fragment rendered from the old rows while the write was in
    flight is never served under the final version.
    """
    _bump(names)
    transaction.on_commit(lambda: _bump(names))


def renew_on_writes(names: tuple[str, ...], *, models=(), relations=(), uid: str) -> None:
    """Bump the named fragments whenever a row of `models` is saved or deleted, or a
    many-to-many relation in `relations` (their `through` models) gains or loses links:
    what an app's `ready()` connects for the rows its kept cards show. `uid` keeps the
    connections unique per caller."""

    def changed(sender, **kwargs) -> None:
        if kwargs.get("action", "post_add") in {"post_add", "post_remove", "post_clear"}:
            fragments_changed(*names)

    for model in models:
        for signal in (post_save, post_delete):
            signal.connect(
                changed, sender=model, weak=False, dispatch_uid=f"{uid}_{model.__name__}"
            )
    for through in relations:
        m2m_changed.connect(
            changed, sender=through, weak=False, dispatch_uid=f"{uid}_{through.__name__}"
        )


def reference_data_changed() -> None:
    """Countries, regions, sectors or technologies changed: every fragment renders anew."""
    fragments_changed(REFERENCE)


def reference_version() -> str:
    """The current version of the reference data (countries, regions, sectors, technologies),
    for values kept outside fragments that must renew when `reference_data_changed()` runs."""
    return _versions((REFERENCE,))


def cached_render(name: str, request: HttpRequest, render: Callable[[], T], *, vary: str = "") -> T:
    """What `render()` returns for this language and query string (and `vary`: the audience,
    the search index version), computed once per version and kept FRAGMENT_TTL seconds in
    this worker. Only for output that depends on nothing else: whatever differs between
    visitors either goes into `vary` or stays out of `render()`. The value must be
    picklable."""
    query = sorted(request.GET.lists())
    digest = hashlib.sha256(repr((query, vary)).encode()).hexdigest()[:32]
    key = f"fragment:{name}:{_versions((name, REFERENCE))}:{get_language()}:{digest}"
    store = caches["fragments"]
    value = store.get(key, _MISSING)
    if value is _MISSING:
        value = render()
        store.set(key, value, timeout=FRAGMENT_TTL)
    return value


def cached_fragment(
    name: str, request: HttpRequest, render: Callable[[], str], *, vary: str = ""
) -> SafeString:
    """`cached_render` for a piece of HTML (rendered by our own autoescaped templates)."""
    html = cached_render(name, request, lambda: str(render()), vary=vary)
    return mark_safe(html)  # noqa: S308

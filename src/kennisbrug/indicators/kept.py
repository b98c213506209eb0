"""The indicator inputs, computed once and kept between requests until what they read changes.

Every indicator page, export and API call needs the same inputs: every organisation (type,
size class, region), its priority sectors (profile and enterprise register) and the evidence
of every indicator, built from every source's rows. Profiled on the demo data ×10 that was
nearly all of a request (seconds of CPU), and it is the same for every visitor and every
filter. So one computed `Context` is kept in each worker process and shared by the requests
that follow, for as long as

- the *indicators version* in the shared cache (Redis or the cache table, so every worker
  sees it) is the one it was computed under. Saves, deletes and many-to-many changes of every
  model the sources read (`WATCHED`) bump it, at once and again after the transaction commits
  (a context computed from the rows while the write was in flight is never kept under the
  final version). A change made through the application shows at the next request;
- the day is the same (counting rules compare dates with today);
- it is younger than KENNISBRUG_INDICATORS_MAX_AGE seconds: a bound for writes that send no
  model signals (bulk updates, imports, SQL by hand). Pages say when the figures were computed.

What each request still does itself: filtering the kept evidence, counting, the breakdown of
the indicator it shows and rendering.
"""

from __future__ import annotations

import threading
import time
import uuid
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Model
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone

from .evidence import Context

VERSION_KEY = "indicators-version"

# Every model whose rows the indicator inputs are computed from (app label.model name). The
# sources' own models are in `sources.SOURCE_MODELS`; these are the ones they join or that
# the context reads. tests/test_indicators_kept.py checks that computing the inputs reads no
# table outside this list and those.
CONTEXT_MODELS = (
    "organisations.Organisation",
    "enterprises.Enterprise",
    "core.Country",
    "core.Province",
    "core.Nuts3Region",
    "core.Sector",
    "facilities.Facility",
    "facilities.LivingLab",
    "projects.ProjectIdea",
    "projects.IdeaPartner",
    "projects.Network",
    "projects.NetworkMembership",
    "projects.Challenge",
    "projects.ChallengeResponse",
    "skills.Training",
    "skills.TrainingParticipation",
)


@dataclass
class _Entry:
    version: str
    context: Context
    born: float  # time.monotonic() when computed


_entry: _Entry | None = None
_lock = threading.Lock()


def watched_models() -> tuple[list[type[Model]], list[type[Model]]]:
    """The installed models the inputs read, and the tables of their many-to-many fields
    (a source whose app is not installed is left out)."""
    from .sources import SOURCE_MODELS

    labels = {*CONTEXT_MODELS, *(m for models in SOURCE_MODELS.values() for m in models)}
    models: list[type[Model]] = []
    through: list[type[Model]] = []
    for label in sorted(labels):
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        models.append(model)
        through += [f.remote_field.through for f in model._meta.local_many_to_many]
    return models, through


def _version() -> str:
    version = cache.get(VERSION_KEY)
    if version is None:
        # First use, or the shared cache lost it: any fresh value is right, since nothing was
        # kept under it yet.
        version = uuid.uuid4().hex
        if not cache.add(VERSION_KEY, version, timeout=None):
            version = cache.get(VERSION_KEY) or version
    return version


def _bump() -> None:
    cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None)


def indicators_changed() -> None:
    """Something the indicators are computed from changed: the next request computes anew.

    Called by the model signals of the watched models; call it after bulk writes to them
    (which send no signals) so the change shows at once rather than after the maximum age."""
    _bump()
    transaction.on_commit(_bump)


def max_age() -> int:
    return settings.KENNISBRUG_INDICATORS_MAX_AGE


def current_context() -> Context:
    """The computed inputs for now: kept ones while valid, else computed (and kept)."""
    global _entry
    version = _version()
    today = timezone.localdate()
    found = _valid(_entry, version, today)
    if found is not None:
        return found
    with _lock:  # one computation per worker process, also with threads
        found = _valid(_entry, version, today)
        if found is not None:
            return found
        context = Context(today=today)
        context.compute_all()
        _entry = _Entry(version, context, time.monotonic())
        return context


def computed(context: Context) -> dict:
    """What the pages say about the figures' age (template context)."""
    return {"computed_at": context.computed_at, "kept_minutes": max(1, max_age() // 60)}


def _valid(entry: _Entry | None, version: str, today) -> Context | None:
    """The kept context when it is still valid for `version` and `today`."""
    if (
        entry is not None
        and entry.version == version
        and entry.context.today == today
        and time.monotonic() - entry.born < max_age()
    ):
        return entry.context
    return None


def forget() -> None:
    """Drop the kept inputs of this process (tests; the next request computes anew)."""
    global _entry
    _entry = None


def _changed(sender, **kwargs) -> None:
    indicators_changed()


def _m2m_changed(sender, action, **kwargs) -> None:
    if action in {"post_add", "post_remove", "post_clear"}:
        indicators_changed()


def connect_signals() -> None:
    """From the app's ready(): every watched model's writes bump the version."""
    models, through = watched_models()
    for model in through:
        m2m_changed.connect(_m2m_changed, sender=model, dispatch_uid=f"indicators-m2m-{model}")
    for model in models + [t for t in through if not t._meta.auto_created]:
        post_save.connect(_changed, sender=model, dispatch_uid=f"indicators-save-{model}")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"indicators-delete-{model}")

"""What the domain apps plug into matching, registered from their `AppConfig.ready()`.

- `providers`: name -> callable turning database records into engine documents.
  It is called as `provider(ids=None)` and yields engine `Document`s or plain dicts
  with the keys kind, id, title, body, concepts, country, nuts3, in_programme_area,
  attrs. With `ids` (strings) it yields only those records it still wants indexed;
  a provider without an `ids` parameter is called without it and filtered here.
  An app that provides documents calls `kennisbrug.matching.index.on_commit_changed`
  on every write.
- `kinds`: document kind -> how results of that kind are labelled and shown
  (`DocumentKind`).
- `filter_choices`: filter name -> callable giving the (value, label) choices of a
  filter whose values belong to another app (the organisation type).
- `askers`: name -> callable(user) giving the organisation a logged-in user searches
  as (or None); the first registered answer that is not None is used.

Matching never names the apps that register here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from kennisbrug.core.registry import Registry

# The kind of the documents that stand for organisations: a search made on behalf of
# an organisation leaves its own document out.
ORGANISATION = "organisation"


@dataclass(frozen=True)
class DocumentKind:
    name: str
    label: Any  # a (lazy) translated string
    # Whether documents of this kind can answer an innovation question (providers of knowledge).
    answers_questions: bool = False
    # ids -> {id: object} for the records behind hits; a hit whose object is missing is dropped.
    objects: Callable[[list[str]], dict[str, Any]] | None = None
    # The page of such an object (None when it has none).
    url: Callable[[Any], str | None] | None = None


providers: Registry[Callable[..., Iterable]] = Registry("matching document providers")
kinds: Registry[DocumentKind] = Registry("matching document kinds")
filter_choices: Registry[Callable[[], Sequence[tuple[str, Any]]]] = Registry(
    "matching filter choices"
)
askers: Registry[Callable[[Any], Any]] = Registry("matching askers")


def register_kind(name: str, label: Any, **options: Any) -> DocumentKind:
    kind = kinds.get(name)
    if kind is None:
        kind = kinds.register(name, DocumentKind(name=name, label=label, **options))
    return kind


def choices_of(filter_name: str) -> list[tuple[str, Any]]:
    """The registered choices of a filter; none when no app offers them."""
    func = filter_choices.get(filter_name)
    return list(func()) if func is not None else []


def asker_for(user: Any) -> Any:
    """The organisation `user` searches as, or None."""
    for func in askers:
        found = func(user)
        if found is not None:
            return found
    return None

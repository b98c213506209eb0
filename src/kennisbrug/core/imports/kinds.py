"""The kinds of bulk import (organisations, facilities, trainings, …), registered by the
apps that own the records, and who may import which kind into which organisation.

Core runs every kind the same way (upload → stored preview → confirm → task with
progress → result) without naming the apps: each app registers an `ImportKind` from its
`ready()`:

    kinds.register("facilities", ImportKind(key="facilities", label=..., preview=..., ...))

The functions a kind supplies:

    preview(*, content, filename, user, organisation_id, progress=None) -> ImportPreview
    commit(*, content, filename, user, organisation_id, fingerprint) -> ImportPreview
    template(*, file_format, language=None) -> (bytes, content type, file name)
    export(*, file_format, user, organisation_id, language=None) -> (bytes, content type, file name)
    organisations(user) -> [(id, name)]   organisations this person administers for the kind
    notes(row) -> [str]                   extra words on a preview row (region, invitations)

`preview` and `commit` raise ImportFileError (the file as a whole), PermissionDenied and
ImportChangedError; `commit` writes all rows in one transaction or none.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied

from kennisbrug.core.registry import Registry


@dataclass(frozen=True)
class ImportKind:
    key: str
    label: Any  # translated (lazy) plural: "Facilities with tariffs"
    help: Any  # translated (lazy): what a row is and how records are recognised
    preview: Callable[..., Any]
    commit: Callable[..., Any]
    template: Callable[..., tuple[bytes, str, str]]
    export: Callable[..., tuple[bytes, str, str]]
    organisations: Callable[[Any], list[tuple[int, str]]]
    notes: Callable[[Any], list[str]] | None = None
    secretariat_only: bool = False
    order: int = 100


kinds: Registry[ImportKind] = Registry("bulk import kinds")


def _authenticated(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and getattr(user, "is_active", False))


def is_secretariat(user) -> bool:
    return _authenticated(user) and bool(getattr(user, "is_secretariat", False))


def kind_list(*, user) -> list[ImportKind]:
    """The kinds `user` may import, in the order the page lists them."""
    if not _authenticated(user):
        return []
    # Kinds share one "organisations this person administers" lookup: ask it once.
    asked: dict[int, list] = {}

    def organisations(kind: ImportKind) -> list:
        key = id(kind.organisations)
        if key not in asked:
            asked[key] = kind.organisations(user)
        return asked[key]

    found = [
        kind
        for _name, kind in kinds.items()
        if is_secretariat(user) or (not kind.secretariat_only and organisations(kind))
    ]
    return sorted(found, key=lambda k: (k.order, k.key))


def kind_get(key: str) -> ImportKind | None:
    return kinds.get(key)


def import_scope(*, user, kind: ImportKind, organisation_id: int | None) -> int | None:
    """The organisation an import by `user` is limited to (None: the secretariat, free).

    The secretariat may import any kind, for any organisation or none; an organisation
    admin only into an organisation they administer (the only one when they have one).
    Raises PermissionDenied otherwise.
    """
    if is_secretariat(user):
        return organisation_id
    if not _authenticated(user) or kind.secretariat_only:
        raise PermissionDenied
    allowed = [pk for pk, _name in kind.organisations(user)]
    if organisation_id is None and len(allowed) == 1:
        return allowed[0]
    if organisation_id is None or organisation_id not in allowed:
        raise PermissionDenied
    return organisation_id

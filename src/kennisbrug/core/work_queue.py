"""The secretariat's work queue: cards contributed by the apps from their `ready()`.

Each entry is `name -> callable(*, user) -> Card | None`; the secretariat page shows
the cards in registration order (or `after` order). An app adds a card without the
secretariat app naming it, e.g. an import app's data-quality warnings:

    work_queue.sections.register("data_quality", data_quality_card, after=["vouchers"])

A section returns None when it has nothing to say to this user.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from .registry import Registry


@dataclass(frozen=True)
class Action:
    """A button on an item that POSTs to `url` (the page returns to the queue afterwards)."""

    label: str
    url: str
    secondary: bool = False


@dataclass(frozen=True)
class Item:
    """One thing to act on: what it is, where to act, and a short note (role, age, why)."""

    label: str
    url: str
    note: str = ""
    actions: tuple[Action, ...] = ()


@dataclass(frozen=True)
class Card:
    title: str
    count: int
    items: list[Item] = field(default_factory=list)
    empty: str = ""
    # Where the full list lives, when the card shows only the first items.
    more_url: str = ""
    more_label: str = ""


sections: Registry[Callable[..., Card | None]] = Registry("secretariat work queue sections")


def cards_for(user) -> list[Card]:
    cards = (section(user=user) for section in sections)
    return [card for card in cards if card is not None]

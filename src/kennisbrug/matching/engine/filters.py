"""Inverted indexes from attribute values and concepts to document slots, as numpy masks."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

import numpy as np

from .documents import AttrValue, InvalidQuery


def value_key(value: object) -> tuple[str, object]:
    """A hashable key that keeps True, 1 and "1" apart."""
    if isinstance(value, bool):
        return ("b", value)
    if isinstance(value, int | float):
        return ("n", float(value))
    if isinstance(value, str):
        return ("s", value)
    raise InvalidQuery(f"unsupported filter value type: {type(value).__name__}")


class PostingIndex:
    """key -> slots; slots of removed documents stay until the owner rebuilds it."""

    def __init__(self) -> None:
        self._slots: dict[object, list[int]] = defaultdict(list)

    def add(self, key: object, slot: int) -> None:
        self._slots[key].append(slot)

    def slots(self, key: object) -> list[int]:
        return self._slots.get(key, [])

    def mask(self, keys: Iterable[object], n_slots: int) -> np.ndarray:
        """Slots that have any of ``keys``."""
        out = np.zeros(n_slots, dtype=bool)
        for key in keys:
            slots = self._slots.get(key)
            if slots:
                out[slots] = True
        return out

    def counts(self, keys: Iterable[object], n_slots: int) -> np.ndarray:
        """For every slot, how many of ``keys`` it has."""
        out = np.zeros(n_slots, dtype=np.float32)
        for key in keys:
            slots = self._slots.get(key)
            if slots:
                np.add.at(out, slots, 1.0)
        return out


def attr_keys(attrs: dict[str, AttrValue]) -> list[tuple[str, tuple[str, object]]]:
    """Index keys of a document's attributes (each element of a list value counts)."""
    keys = []
    for name, value in attrs.items():
        values = value if isinstance(value, list | tuple | set | frozenset) else [value]
        for v in values:
            try:
                keys.append((name, value_key(v)))
            except InvalidQuery:
                continue  # unfilterable values (None, dicts) are stored but not indexed
    return keys


def filter_mask(index: PostingIndex, filters: dict, n_slots: int) -> np.ndarray:
    """AND over attributes, OR over the accepted values of one attribute."""
    mask = np.ones(n_slots, dtype=bool)
    for name, accepted in filters.items():
        values = accepted if isinstance(accepted, list | tuple | set | frozenset) else [accepted]
        mask &= index.mask([(name, value_key(v)) for v in values], n_slots)
    return mask

"""Names compared the way people write them: legal forms, case, accents, spaces and
punctuation do not tell two records apart; a typo does not either; a number does."""

from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher

# Legal forms say nothing about which organisation it is ("Acme BV" is "Acme").
LEGAL_FORMS = frozenset(
    [
        "bv",
        "nv",
        "bvba",
        "vzw",
        "cvba",
        "cv",
        "vof",
        "commv",
        "srl",
        "sa",
        "sprl",
        "asbl",
        "ltd",
        "gmbh",
        "inc",
        "ev",
        "vof",
        "bv.",
    ]
)
NEAR = 0.9


def name_key(name: str) -> str:
    text = unicodedata.normalize("NFKD", name or "").encode("ascii", "ignore").decode().lower()
    text = re.sub(r"\b([a-z])\.(?=[a-z]\.)", r"\1", text)  # b.v. → bv
    text = text.replace(".", "")
    words = [w for w in re.split(r"[^a-z0-9]+", text) if w and w not in LEGAL_FORMS]
    return " ".join(words)


def _numbers(key: str) -> list[str]:
    # "campus1" and "campus 1" carry the same number; leading zeros say nothing.
    return [n.lstrip("0") or "0" for n in re.findall(r"\d+", key)]


def near(a: str, b: str) -> bool:
    """Nearly the same name: the same letters give or take a typo, and the same numbers.

    A number in a name tells organisations apart ("Campus 1" and "Campus 2", "Hal 7"
    and "Hal 8" are different places), so names whose numbers differ are never near,
    however alike their letters are.
    """
    if not a or not b:
        return False
    if _numbers(a) != _numbers(b):
        return False
    if a.replace(" ", "") == b.replace(" ", ""):
        return True
    return SequenceMatcher(None, a, b).ratio() >= NEAR


class NameIndex:
    """Names of one owner's records, found again exactly or nearly.

    Comparing every row with every record is quadratic (a university with 10,000
    pieces of equipment). Two names can only be near when they carry the same numbers
    and lengths within the ratio `near` asks for, so only those are compared.
    """

    def __init__(self) -> None:
        self.exact: dict[str, object] = {}
        self.by_numbers: dict[tuple[str, ...], list[tuple[str, object]]] = {}

    def add(self, key: str, item: object) -> None:
        self.exact.setdefault(key, item)
        self.by_numbers.setdefault(tuple(_numbers(key)), []).append((key, item))

    def find(self, key: str) -> tuple[object | None, list[object]]:
        """(the item with exactly this name or None, items with nearly this name)."""
        similar = []
        size = len(key)
        for other, item in self.by_numbers.get(tuple(_numbers(key)), []):
            if other == key or not size:
                continue
            # ratio = 2·matches / (len a + len b) ≤ 2·min / (len a + len b)
            if 2 * min(size, len(other)) / (size + len(other)) < NEAR:
                continue
            if near(other, key):
                similar.append(item)
        return self.exact.get(key), similar

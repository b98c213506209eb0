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

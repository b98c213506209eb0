"""Concept ids: how sectors and key enabling technologies are named across apps.

Matching documents, fit checks and suggestions tag records with these ids, so every
app writes `sector:<code>` and `ket:<code>` through these two functions.
"""


def sector_concept(code: str) -> str:
    return f"sector:{code}"


def technology_concept(code: str) -> str:
    return f"ket:{code}"

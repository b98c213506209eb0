"""Small-group suppression: aggregates never reveal a person.

A count between 1 and KENNISBRUG_MIN_GROUP_SIZE - 1 is shown as "fewer than N".
Where one cell of a row of cells is hidden and the total is shown, the next-smallest
cell is hidden too (secondary suppression), so the hidden value cannot be worked out
by subtraction.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings


def min_group_size() -> int:
    return max(1, int(getattr(settings, "KENNISBRUG_MIN_GROUP_SIZE", 5)))


@dataclass(frozen=True)
class Cell:
    value: float | None  # None when suppressed
    suppressed: bool = False
    secondary: bool = False  # hidden only so a small neighbour cannot be derived

    def __str__(self) -> str:
        if self.secondary:
            return "×"
        return f"< {min_group_size()}" if self.suppressed else str(self.value)


def is_small(value: int) -> bool:
    return 0 < value < min_group_size()


def cell(value: int, *, suppress: bool = True) -> Cell:
    if suppress and is_small(value):
        return Cell(None, True)
    return Cell(value)


def suppress_group(values: list[int], *, suppress: bool = True) -> list[Cell]:
    """Cells for values that add up to a shown total, with secondary suppression."""
    cells = [cell(v, suppress=suppress) for v in values]
    if not suppress:
        return cells
    hidden = [i for i, c in enumerate(cells) if c.suppressed]
    if len(hidden) == 1:
        candidates = sorted(
            (values[i], i) for i, c in enumerate(cells) if not c.suppressed and values[i] > 0
        )
        if candidates:
            cells[candidates[0][1]] = Cell(None, True, secondary=True)
    return cells

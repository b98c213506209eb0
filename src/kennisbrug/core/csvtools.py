"""Helpers for reading CSV files with the standard library's csv module."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def field_size_limit(limit: int) -> Iterator[None]:
    """Let csv readers accept fields up to `limit` characters inside the block.

    The limit is process-wide state of the csv module, so one reader that set
    it and left it would decide for every other: ESCO's long descriptions need
    megabytes, an uploaded spreadsheet cell a few thousand characters. Setting
    it per read and putting the previous value back keeps each reader's bound
    its own.
    """
    previous = csv.field_size_limit(limit)
    try:
        yield
    finally:
        csv.field_size_limit(previous)

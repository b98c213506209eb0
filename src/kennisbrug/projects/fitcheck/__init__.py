"""The fit check of project ideas against the programme (no database; see checker.py)."""

from .checker import FitChecker, get_fit_checker
from .rules import PartnerSpec

__all__ = ["FitChecker", "PartnerSpec", "get_fit_checker"]

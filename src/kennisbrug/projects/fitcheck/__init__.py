"""The fit check of project ideas against the programme (no database; see checker.py)."""

from .checker import FitChecker, get_fit_checker
from .partnership_checks import PartnerSpec
from .service import fit_check, validate_idea_text

__all__ = ["FitChecker", "PartnerSpec", "fit_check", "get_fit_checker", "validate_idea_text"]

"""The consortium builder (no database): registry of candidates, CP-SAT model, greedy baseline."""

from .registry import Candidate, Registry, Requirement
from .solver import Constraints, Proposal, greedy, propose

__all__ = ["Candidate", "Constraints", "Proposal", "Registry", "Requirement", "greedy", "propose"]

"""In-memory occupation × skill matrix for fast occupation matching (numpy/scipy).

Built from the database once per taxonomy version and shared by threads. Each
occupation row holds its skills weighted by relation (essential 1.0 > optional
0.5) times the skill's inverse document frequency, so a rare specialist skill
says more about an occupation than "work in a team". A profile is scored by

    score = coverage ** 0.5 * precision ** 0.5

where coverage is the weighted share of the occupation's skills the profile has
and precision the weighted share of the profile's skills the occupation uses.
bench/skills_occupation_recovery.py compares this with plain Jaccard overlap.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

import numpy as np
from scipy import sparse

ESSENTIAL_WEIGHT = 1.0
OPTIONAL_WEIGHT = 0.5


@dataclass
class OccupationIndex:
    occupation_ids: np.ndarray  # row -> Occupation.id
    skill_ids: np.ndarray  # column -> Skill.id
    column_of: dict[int, int]  # Skill.id -> column
    weights: sparse.csr_matrix  # relation weight × idf
    essential: sparse.csr_matrix  # 1 where essential
    optional: sparse.csr_matrix  # 1 where optional
    idf: np.ndarray
    row_weight: np.ndarray  # sum of weights per occupation
    version: tuple

    @classmethod
    def build(cls, relations, version: tuple = ()) -> OccupationIndex:
        """``relations``: iterable of (occupation_id, skill_id, is_essential)."""
        rows = np.array(list(relations), dtype=np.int64).reshape(-1, 3)
        occ_ids, occ_rows = np.unique(rows[:, 0], return_inverse=True)
        skill_ids, skill_cols = np.unique(rows[:, 1], return_inverse=True)
        shape = (len(occ_ids), len(skill_ids))
        ess = rows[:, 2].astype(bool)
        essential = sparse.csr_matrix(
            (np.ones(ess.sum()), (occ_rows[ess], skill_cols[ess])), shape=shape
        )
        optional = sparse.csr_matrix(
            (np.ones((~ess).sum()), (occ_rows[~ess], skill_cols[~ess])), shape=shape
        )
        df = np.bincount(skill_cols, minlength=len(skill_ids)).astype(float)
        idf = np.log((1 + len(occ_ids)) / (1 + df)) + 1.0
        weights = (essential * ESSENTIAL_WEIGHT + optional * OPTIONAL_WEIGHT) @ sparse.diags(idf)
        weights = sparse.csr_matrix(weights)
        return cls(
            occupation_ids=occ_ids,
            skill_ids=skill_ids,
            column_of={int(s): i for i, s in enumerate(skill_ids)},
            weights=weights,
            essential=essential,
            optional=optional,
            idf=idf,
            row_weight=np.asarray(weights.sum(axis=1)).ravel(),
            version=version,
        )

    def vector(self, skill_ids) -> np.ndarray:
        x = np.zeros(len(self.skill_ids))
        for skill_id in skill_ids:
            col = self.column_of.get(int(skill_id))
            if col is not None:
                x[col] = 1.0
        return x

    def scores(self, skill_ids) -> np.ndarray:
        """Score of every occupation row for a profile with these skills (0 when nothing shared)."""
        x = self.vector(skill_ids)
        profile_weight = float((x * self.idf).sum())
        if profile_weight == 0:
            return np.zeros(len(self.occupation_ids))
        overlap = self.weights @ x  # weighted overlap per occupation
        coverage = overlap / np.maximum(self.row_weight, 1e-9)
        # precision: idf-weighted share of the profile's skills this occupation uses at all
        used = (self.essential + self.optional) @ (x * self.idf)
        precision = used / profile_weight
        return np.sqrt(coverage * precision)

    def jaccard(self, skill_ids) -> np.ndarray:
        """Baseline: plain Jaccard overlap of skill sets."""
        x = self.vector(skill_ids)
        binary = self.essential + self.optional
        inter = binary @ x
        sizes = np.asarray(binary.sum(axis=1)).ravel()
        union = sizes + x.sum() - inter
        return np.where(union > 0, inter / np.maximum(union, 1), 0.0)

    def top(self, scores: np.ndarray, k: int) -> list[int]:
        """Rows of the k best scores above zero, best first (ties by row for determinism)."""
        k = min(k, int((scores > 0).sum()))
        if k <= 0:
            return []
        part = np.argpartition(-scores, k - 1)[:k]
        return sorted(part.tolist(), key=lambda r: (-scores[r], r))

    def row_skills(self, row: int) -> tuple[list[int], list[int]]:
        """Skill ids (essential, optional) of an occupation row."""
        ess = self.essential.indices[self.essential.indptr[row] : self.essential.indptr[row + 1]]
        opt = self.optional.indices[self.optional.indptr[row] : self.optional.indptr[row + 1]]
        return self.skill_ids[ess].tolist(), self.skill_ids[opt].tolist()


_lock = threading.Lock()
_cached: OccupationIndex | None = None


def _db_version() -> tuple:
    from .models import EscoRelease, OccupationSkill

    latest = EscoRelease.objects.order_by("-id").values_list("id", "imported_at").first()
    last_relation = OccupationSkill.objects.order_by("-id").values_list("id", flat=True).first()
    return (latest, OccupationSkill.objects.count(), last_relation)


def get_index() -> OccupationIndex | None:
    """The index for the current taxonomy; rebuilt when an import changed it."""
    global _cached
    from .models import OccupationSkill

    version = _db_version()
    with _lock:
        if _cached is not None and _cached.version == version:
            return _cached
        relations = OccupationSkill.objects.values_list(
            "occupation_id", "skill_id", "relation_type"
        ).iterator(chunk_size=20_000)
        triples = [(o, s, rel == "essential") for o, s, rel in relations]
        _cached = OccupationIndex.build(triples, version) if triples else None
        return _cached

"""The fit check: which priority/objective an idea fits, why, and the programme's rule checks.

Pure (no database): callers hand in the text and ``PartnerSpec`` rows and get a
JSON-ready report. Messages are translated with Django's gettext, so callers
configure Django settings (the web app, ``manage.py`` and the benchmark do).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from kennisbrug.matching.engine import CachedEmbedder, Concept, ConceptLexicon, UseEmbedder
from kennisbrug.matching.engine.analysis import STOP_WORDS_EN, STOP_WORDS_NL, tokenize

from .programme import Programme, load_programme
from .rules import FAIL, PASS, WARNING, PartnerSpec, RuleChecker
from .scoring import LEXICAL_WEIGHT, PriorityScorer

ACTIVITY_THRESHOLD = 0.30
MAX_ACTIVITIES = 3


def _en() -> bool:
    return (get_language() or "nl").startswith("en")


def detect_language(text: str) -> str:
    words = tokenize(text)
    nl = sum(w in STOP_WORDS_NL and w not in STOP_WORDS_EN for w in words)
    en = sum(w in STOP_WORDS_EN and w not in STOP_WORDS_NL for w in words)
    return "en" if en > nl else "nl"


def confidence_label(probability: float, margin: float) -> str:
    if probability >= 0.7 and margin >= 0.08:
        return "high"
    if probability >= 0.45:
        return "medium"
    return "low"


class FitChecker:
    def __init__(self, programme: Programme | None = None, embedder=None, **scorer_kwargs) -> None:
        self.programme = programme or load_programme()
        self.scorer = PriorityScorer(self.programme, embedder, **scorer_kwargs)
        self.rules = RuleChecker(self.programme, self.scorer.analyzer)
        concepts = [
            Concept(f"sector:{code}", {"nl": nl, "en": en}, kws)
            for code, (nl, en, kws) in self.programme.sectors.items()
        ]
        concepts += [
            Concept(f"technology:{code}", {"nl": nl, "en": en})
            for code, (nl, en) in self.programme.technologies.items()
        ]
        concepts += [
            Concept(f"target:{code}", {}, kws)
            for code, kws in self.programme.target_group_keywords.items()
        ]
        self.concepts = ConceptLexicon(concepts, analyzer=self.scorer.analyzer)

    # ----- naming -----
    def _profile_json(self, score) -> dict:
        profile = self.programme.profile(score.code)
        pname = self.programme.priorities[profile.priority]
        is_objective = bool(profile.activities)
        return {
            "code": profile.code,
            "priority": {"code": profile.priority, "name": pname[1] if _en() else pname[0]},
            "objective": (
                {"code": profile.code, "name": profile.name_en if _en() else profile.name_nl}
                if is_objective
                else None
            ),
            "probability": round(score.probability, 3),
            "score": round(score.combined, 4),
            "lexical": round(score.lexical, 4),
            "semantic": round(score.semantic, 4),
            "keywords": list(score.keywords[:12]),
            "nearest_programme_sentence": score.nearest_sentence,
        }

    def check(
        self,
        text: str,
        partners: Iterable[PartnerSpec] = (),
        *,
        sectors: Iterable[str] = (),
        technologies: Iterable[str] = (),
    ) -> dict:
        """Report for ``text`` (non-empty; validated by the caller) and its partners."""
        partners = list(partners)
        scores, activities = self.scorer.score(text)
        best, runner = scores[0], scores[1]
        margin = best.probability - runner.probability
        best_json = self._profile_json(best)
        reasons = []
        if best.keywords:
            reasons.append(
                _("Words of the programme text found: %(words)s.")
                % {"words": ", ".join(best.keywords[:8])}
            )
        if best.nearest_sentence:
            reasons.append(
                _("Closest programme sentence (similarity %(sim)s): “%(sentence)s”")
                % {"sim": f"{best.nearest_similarity:.2f}", "sentence": best.nearest_sentence}
            )
        top_activities = [a for a in activities if a.similarity >= ACTIVITY_THRESHOLD]
        top_activities = [a for a in top_activities if a.activity.objective in ("A1", "A2")]
        top_activities = top_activities[:MAX_ACTIVITIES]
        if best.code in ("A1", "A2") and top_activities:
            reasons.append(
                _("Resembles example activity %(code)s.%(n)s of the programme.")
                % {
                    "code": top_activities[0].activity.objective,
                    "n": top_activities[0].activity.number,
                }
            )

        found = self.concepts.recognise(text)
        sector_rows = self._concept_rows("sector", found, sectors)
        tech_rows = self._concept_rows("technology", found, technologies)
        target_rows = self._target_groups(found, partners)
        objective = best.code if best.code in ("A1", "A2") else ""
        rules = self.rules.check(text=text, partners=partners, objective=objective)
        counts = {
            "passed": sum(r.status == PASS for r in rules),
            "failed": sum(r.status == FAIL for r in rules),
            "warnings": sum(r.status == WARNING for r in rules),
        }
        return {
            "language": detect_language(text),
            "verdict": {
                **best_json,
                "confidence": round(best.probability, 3),
                "confidence_label": confidence_label(best.probability, margin),
                "reasons": reasons,
            },
            "runner_up": self._profile_json(runner),
            "scores": [self._profile_json(s) for s in scores],
            "activity_types": [
                {
                    "objective": a.activity.objective,
                    "number": a.activity.number,
                    "text": a.activity.text_en if _en() else a.activity.text_nl,
                    "similarity": round(a.similarity, 3),
                    "shared_terms": list(a.shared_terms[:10]),
                }
                for a in top_activities
            ],
            "sectors": sector_rows,
            "technologies": tech_rows,
            "target_groups": target_rows,
            "rules": [r.to_json() for r in rules],
            "rule_summary": counts,
            "method": {
                "description": _(
                    "Scores combine lexical overlap with the programme texts (Dutch and English analysis, "
                    "weight %(lex)s) and multilingual sentence-embedding similarity (weight %(sem)s). "
                    "Nothing was trained on example ideas."
                )
                % {"lex": LEXICAL_WEIGHT, "sem": round(1 - LEXICAL_WEIGHT, 2)}
                if self.scorer.embedder is not None
                else _(
                    "Scores are lexical overlap with the programme texts only (no embedding model)."
                ),
                "embedding_model": self.scorer.embedder.name if self.scorer.embedder else None,
                "sources": sorted({self.programme.profile(s.code).source for s in scores[:2]}),
            },
        }

    def _concept_rows(
        self, kind: str, found: dict[str, str], declared: Iterable[str]
    ) -> list[dict]:
        table = self.programme.sectors if kind == "sector" else self.programme.technologies
        rows: dict[str, dict] = {}
        for code in declared:
            if code in table:
                rows[code] = {"code": code, "basis": _("declared by the lead")}
        for cid, span in found.items():
            prefix, _sep, code = cid.partition(":")
            if prefix == kind and code in table:
                rows.setdefault(
                    code,
                    {"code": code, "basis": _("found in the text: “%(span)s”") % {"span": span}},
                )
        for code, row in rows.items():
            names = table[code]
            row["name"] = names[1] if _en() else names[0]
        return list(rows.values())

    def _target_groups(self, found: dict[str, str], partners: list[PartnerSpec]) -> list[dict]:
        rows: dict[str, str] = {}
        type_map = {
            "sme": "sme",
            "knowledge_institution": "knowledge_institution",
            "government": "government",
            "intermediary": "intermediary",
        }
        for p in partners:
            group = type_map.get(p.org_type)
            if group and group not in rows:
                rows[group] = _("partner %(name)s") % {"name": p.name}
        for cid, span in found.items():
            prefix, _sep, code = cid.partition(":")
            if prefix == "target" and code not in rows:
                rows[code] = _("found in the text: “%(span)s”") % {"span": span}
        out = []
        for code, basis in rows.items():
            names = self.programme.target_group_names.get(code, (code, code))
            out.append({"code": code, "name": names[1] if _en() else names[0], "basis": basis})
        return out


_lock = threading.Lock()
_checker: FitChecker | None = None


def get_fit_checker() -> FitChecker:
    """The process-wide checker; the embedding model loads on first use (about 3 s).

    ``KENNISBRUG_FITCHECK_SEMANTIC=0`` turns embeddings off (lexical only).
    """
    global _checker
    with _lock:
        if _checker is None:
            embedder = None
            if os.environ.get("KENNISBRUG_FITCHECK_SEMANTIC", "1") != "0":
                embedder = CachedEmbedder(UseEmbedder(threads=os.cpu_count() or 1))
            _checker = FitChecker(embedder=embedder)
        return _checker

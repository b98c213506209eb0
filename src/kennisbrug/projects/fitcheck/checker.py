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

from .lines import apply_lines
from .partnership_checks import FAIL, PASS, WARNING, PartnerSpec, RuleChecker
from .programme import Programme, load_programme
from .reasons import render
from .scoring import LEXICAL_WEIGHT, PriorityScorer, detect_language

ACTIVITY_THRESHOLD = 0.30
MAX_ACTIVITIES = 3


def _en() -> bool:
    return (get_language() or "nl").startswith("en")


# Calibrated on the self-written examples (bench/projects_fitcheck.py), checked on real projects:
# "high" only when nothing else comes close and no line between priorities had to be applied.
HIGH_PROBABILITY, HIGH_MARGIN = 0.75, 0.5
MEDIUM_PROBABILITY = 0.45
CLOSE_RATIO = 0.5
PROMOTING_RULES = (
    "topic_before_instrument",
    "border_obstacle",
    "social_even_when_technical",
    "skills_for_priority_sectors",
)  # the runner-up is "close" when it has at least half the best probability


HIGH_MIN_WORDS = 3  # "high" also needs the idea to name several of the objective's own words


def confidence_label(
    probability: float, margin: float, *, close: bool = False, words: int = HIGH_MIN_WORDS
) -> str:
    if (
        probability >= HIGH_PROBABILITY
        and margin >= HIGH_MARGIN
        and not close
        and words >= HIGH_MIN_WORDS
    ):
        return "high"
    if probability >= MEDIUM_PROBABILITY:
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
        out = {
            "code": profile.code,
            "priority": {"code": profile.priority, "name": pname[1] if _en() else pname[0]},
            "objective": {
                "code": profile.code,
                "name": profile.name_en if _en() else profile.name_nl,
            },
            "theme": None,
            "probability": round(score.probability, 3),
            "score": round(score.combined, 4),
            "lexical": round(score.lexical, 4),
            "semantic": round(score.semantic, 4),
            "keywords": list(score.keywords[:12]),
            "nearest_programme_sentence": score.nearest_sentence,
        }
        if score.nearest_sentence and profile.themes:
            theme = profile.pair_of(score.nearest_sentence)[2]
            if theme in profile.themes:
                nl, en = profile.themes[theme]
                out["theme"] = {"code": theme, "name": en if _en() else nl}
        return out

    def _reasons(self, score, activities, found: dict[str, str]) -> list[dict]:
        """Why ``score``'s profile fits: the idea's own words and the programme text they match."""
        reasons: list[dict] = []
        if score.keywords:
            reasons.append({"code": "words", "words": list(score.keywords[:8])})
        profile = self.programme.profile(score.code)
        if score.code == "A1" and score.topic_words:
            topics = {w.casefold() for w in score.topic_words}
            for cid, span in found.items():
                prefix, _sep, code = cid.partition(":")
                if prefix == "sector" and code in self.programme.sectors:
                    nl, en, kws = self.programme.sectors[code]
                    if {k.casefold() for k in (nl, en, *kws)} & set(topics) or span in topics:
                        reasons.append(
                            {"code": "sector", "words": [span], "sector_nl": nl, "sector_en": en}
                        )
                        break
        if score.nearest_sentence:
            nl, en, _theme = profile.pair_of(score.nearest_sentence)
            reasons.append(
                {
                    "code": "sentence",
                    "idea": score.idea_sentence,
                    "programme_nl": nl,
                    "programme_en": en,
                    "shared": list(score.shared_words),
                    "similarity": round(score.nearest_similarity, 3),
                }
            )
        own = [
            a
            for a in activities
            if a.activity.objective == score.code and a.similarity >= ACTIVITY_THRESHOLD
        ]
        quoted = score.nearest_sentence
        if (
            own
            and own[0].shared_terms
            and quoted not in (own[0].activity.text_nl, own[0].activity.text_en)
        ):
            a = own[0].activity
            reasons.append(
                {
                    "code": "activity",
                    "objective": a.objective,
                    "number": a.number,
                    "text_nl": a.text_nl,
                    "text_en": a.text_en,
                }
            )
        for r in reasons:
            r["text"] = render(r)
        return reasons

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
        raw_scores, activities = self.scorer.score(text)
        decision = apply_lines(raw_scores)
        found = self.concepts.recognise(text)
        scores = decision.order
        best, runner = scores[0], scores[1]
        if decision.close_with:
            runner = next(s for s in scores if s.code == decision.close_with)
        # after a line rule the model's own probabilities no longer rank the two; the evidence
        # is then at best "medium", whatever the softmax says
        probability = (
            max(best.probability, runner.probability) if decision.rule else best.probability
        )
        margin = best.probability - max(s.probability for s in scores[1:])
        close = bool(decision.close_with) or runner.probability >= CLOSE_RATIO * best.probability
        label = confidence_label(
            probability, margin, close=close or bool(decision.rule), words=len(best.keywords)
        )
        best_json = self._profile_json(best)
        reasons = self._reasons(best, activities, found)
        for note in decision.notes:
            if note["rule"] in PROMOTING_RULES:
                reasons.insert(0, {"code": note["rule"], "words": note["words"], "text": ""})
        for r in reasons:
            r["text"] = render(r)
        alternative = None
        if close:
            alternative = {
                **self._profile_json(runner),
                "reasons": self._reasons(runner, activities, found),
            }
            for note in decision.notes:
                if note["rule"] not in PROMOTING_RULES:
                    alternative["reasons"].insert(0, {**note, "code": note["rule"], "text": ""})
            for r in alternative["reasons"]:
                r["text"] = render(r)
            reasons.append({"code": "close", "other": runner.code, "text": ""})
            reasons[-1]["text"] = render(reasons[-1])
        top_activities = [a for a in activities if a.similarity >= ACTIVITY_THRESHOLD]
        top_activities = [a for a in top_activities if a.activity.objective in ("A1", "A2")]
        top_activities = top_activities[:MAX_ACTIVITIES]

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
                "confidence": round(probability, 3),
                "confidence_label": label,
                "close": close,
                "line_rule": decision.rule,
                "reasons": reasons,
                "alternative": alternative,
            },
            "runner_up": self._profile_json(runner),
            "scores": [self._profile_json(s) for s in scores],
            "activity_types": []
            if best.code not in ("A1", "A2")
            else [
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

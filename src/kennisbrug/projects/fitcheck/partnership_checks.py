"""The programme's rule checks on an idea's partnership and budget, each with its explanation.

Rules (../shared/programme/README.md and the A1 page): at least one Flemish and
one Dutch partner; partners inside the programme area (others flagged); ERDF at
most 50% of eligible costs, in total and per partner; SME involvement for A1;
cross-border added value described in the text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from kennisbrug.matching.engine import Analyzer, Concept, ConceptLexicon

from .programme import Programme

ERDF_MAX_SHARE = Decimal("0.50")
PASS, FAIL, WARNING, NOT_APPLICABLE, UNKNOWN = (
    "pass",
    "fail",
    "warning",
    "not_applicable",
    "unknown",
)


@dataclass(frozen=True)
class PartnerSpec:
    """A partner as the fit check sees it; amounts in euros (Decimal) or None when not known."""

    name: str
    country: str = ""
    nuts3: str = ""
    org_type: str = ""
    role: str = "partner"
    budget: Decimal | None = None
    erdf: Decimal | None = None
    organisation_id: int | None = None


@dataclass
class RuleResult:
    code: str
    title: str
    status: str
    explanation: str
    basis: str
    details: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        return {
            "code": self.code,
            "title": self.title,
            "status": self.status,
            "explanation": self.explanation,
            "basis": self.basis,
            "details": self.details,
        }


def _money(value: Decimal) -> str:
    return f"EUR {value:,.2f}"


def _pct(value: Decimal) -> str:
    return f"{(value * 100).quantize(Decimal('0.1'))}%"


class RuleChecker:
    def __init__(self, programme: Programme, analyzer: Analyzer | None = None) -> None:
        self.programme = programme
        self.markers = ConceptLexicon(
            [Concept(f"m{i}", {"x": p}) for i, p in enumerate(programme.cross_border_phrases)],
            analyzer=analyzer or Analyzer(),
        )

    def check(self, *, text: str, partners: list[PartnerSpec], objective: str) -> list[RuleResult]:
        return [
            self.both_countries(partners),
            self.programme_area(partners),
            self.erdf_total(partners),
            self.erdf_per_partner(partners),
            self.sme_involvement(partners, objective),
            self.cross_border_value(text, partners),
        ]

    def _region(self, p: PartnerSpec):
        return self.programme.regions.get(p.nuts3) if p.nuts3 else None

    def both_countries(self, partners: list[PartnerSpec]) -> RuleResult:
        basis = _("Programme rule: every project has at least one Flemish and one Dutch partner.")
        title = _("At least one Flemish and one Dutch partner")
        if not partners:
            return RuleResult(
                "partners_both_countries", title, UNKNOWN, _("No partners were given yet."), basis
            )
        flemish, belgian_unknown, dutch = [], [], []
        for p in partners:
            region = self._region(p)
            if p.country == "NL":
                dutch.append(p.name)
            elif p.country == "BE":
                if region is None:
                    belgian_unknown.append(p.name)
                elif region.flemish:
                    flemish.append(p.name)
        details = [_("Flemish: %(names)s") % {"names": ", ".join(flemish) or "-"}]
        details.append(_("Dutch: %(names)s") % {"names": ", ".join(dutch) or "-"})
        if flemish and dutch:
            status, expl = PASS, _("The partnership has Flemish and Dutch partners.")
        elif dutch and belgian_unknown:
            status = WARNING
            expl = _(
                "There are Belgian partners whose region is not known; at least one must be in Flanders."
            )
            details.append(
                _("Belgian, region unknown: %(names)s") % {"names": ", ".join(belgian_unknown)}
            )
        else:
            status = FAIL
            missing = _("a Dutch partner") if not dutch else _("a Flemish partner")
            expl = _("The partnership lacks %(missing)s.") % {"missing": missing}
        return RuleResult("partners_both_countries", title, status, expl, basis, details)

    def programme_area(self, partners: list[PartnerSpec]) -> RuleResult:
        basis = _(
            "Programme area: Antwerpen, Limburg, Oost-Vlaanderen, arrondissement Leuven and West-Vlaanderen "
            "(without Veurne and Ieper); Zeeland, Noord-Brabant and Limburg (NL). Partners outside may "
            "join where they add value."
        )
        title = _("Partners inside the programme area")
        if not partners:
            return RuleResult(
                "partners_programme_area", title, UNKNOWN, _("No partners were given yet."), basis
            )
        outside, unknown = [], []
        for p in partners:
            region = self._region(p)
            if region is None:
                unknown.append(p.name)
            elif not region.in_programme_area:
                outside.append(f"{p.name} ({region.name_nl})")
        details = []
        if outside:
            details.append(
                _("Outside the programme area: %(names)s") % {"names": ", ".join(outside)}
            )
        if unknown:
            details.append(_("Region not known: %(names)s") % {"names": ", ".join(unknown)})
        if not outside and not unknown:
            return RuleResult(
                "partners_programme_area",
                title,
                PASS,
                _("All partners are inside the programme area."),
                basis,
            )
        expl = _(
            "Some partners are outside the programme area or their region is not known; explain the value "
            "they add to the programme area."
        )
        return RuleResult("partners_programme_area", title, WARNING, expl, basis, details)

    def erdf_total(self, partners: list[PartnerSpec]) -> RuleResult:
        basis = _("Programme rule: ERDF pays at most 50 per cent of a project's eligible costs.")
        title = _("ERDF at most 50 per cent of the eligible costs in total")
        known = [
            (p.budget, p.erdf) for p in partners if p.budget is not None and p.erdf is not None
        ]
        if not known or sum((b for b, e in known), Decimal("0")) == 0:
            return RuleResult(
                "erdf_total", title, UNKNOWN, _("No partner budgets were given yet."), basis
            )
        budget = sum((b for b, e in known), Decimal("0"))
        erdf = sum((e for b, e in known), Decimal("0"))
        share = erdf / budget
        details = [
            _("Eligible costs %(budget)s, ERDF requested %(erdf)s (%(share)s).")
            % {"budget": _money(budget), "erdf": _money(erdf), "share": _pct(share)}
        ]
        if share <= ERDF_MAX_SHARE:
            return RuleResult(
                "erdf_total",
                title,
                PASS,
                _("The ERDF share is within 50 per cent."),
                basis,
                details,
            )
        expl = _(
            "The ERDF requested is more than 50%% of the eligible costs; lower it by %(excess)s."
        ) % {"excess": _money(erdf - budget * ERDF_MAX_SHARE)}
        return RuleResult("erdf_total", title, FAIL, expl, basis, details)

    def erdf_per_partner(self, partners: list[PartnerSpec]) -> RuleResult:
        basis = _("Programme rule: ERDF pays at most 50 per cent of each partner's eligible costs.")
        title = _("ERDF at most 50 per cent of the eligible costs per partner")
        known = [
            (p.name, p.budget, p.erdf)
            for p in partners
            if p.budget is not None and p.erdf is not None and p.budget > 0
        ]
        if not known:
            return RuleResult(
                "erdf_per_partner", title, UNKNOWN, _("No partner budgets were given yet."), basis
            )
        over = [name for name, budget, erdf in known if erdf > budget * ERDF_MAX_SHARE]
        details = [
            _("%(name)s: %(share)s of %(budget)s")
            % {"name": name, "share": _pct(erdf / budget), "budget": _money(budget)}
            for name, budget, erdf in known
        ]
        if not over:
            return RuleResult(
                "erdf_per_partner",
                title,
                PASS,
                _("Every partner's ERDF share is within 50 per cent."),
                basis,
                details,
            )
        expl = _("These partners ask more than 50%% ERDF: %(names)s.") % {"names": ", ".join(over)}
        return RuleResult("erdf_per_partner", title, FAIL, expl, basis, details)

    def sme_involvement(self, partners: list[PartnerSpec], objective: str) -> RuleResult:
        basis = _("A1 page: strong emphasis on the involvement of SMEs (MKB/KMO).")
        title = _("SME involvement (A1)")
        if objective != "A1":
            return RuleResult(
                "sme_involvement",
                title,
                NOT_APPLICABLE,
                _("Only required for objective A1."),
                basis,
            )
        if not partners:
            return RuleResult(
                "sme_involvement", title, UNKNOWN, _("No partners were given yet."), basis
            )
        smes = [p.name for p in partners if p.org_type == "sme"]
        if smes:
            expl = _("SMEs take part: %(names)s.") % {"names": ", ".join(smes)}
            return RuleResult("sme_involvement", title, PASS, expl, basis)
        return RuleResult("sme_involvement", title, FAIL, _("No SME is among the partners."), basis)

    def cross_border_value(self, text: str, partners: list[PartnerSpec]) -> RuleResult:
        basis = _(
            "Programme rule: activities and co-financing on both sides of the border; the idea must "
            "say what crossing the border adds."
        )
        title = _("Cross-border added value described")
        found = sorted(set(self.markers.recognise(text).values()))
        if found:
            expl = _("The text describes cross-border cooperation (found: %(words)s).") % {
                "words": ", ".join(found)
            }
            return RuleResult("cross_border_value", title, PASS, expl, basis)
        expl = _(
            "The text does not say what the cross-border cooperation adds; describe why partners on both "
            "sides of the border are needed."
        )
        return RuleResult("cross_border_value", title, FAIL, expl, basis)

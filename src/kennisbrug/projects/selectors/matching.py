"""Matching reads: suggested solvers for a challenge, organisations to invite into a network.

Uses the consortium registry's scoring (engine Analyzer for text + concept tags).
"""

import numpy as np

from kennisbrug.organisations.constants import OrganisationType

from ..consortium import Requirement
from ..constants import HELIX_BY_TYPE, JoinStatus
from ..models import Challenge, Network
from ..permissions import SOLVER_TYPES
from .ideas import network_composition, registry_from_db


def _rank(registry, reqs, mask, limit):
    scores, reasons = registry.score(reqs)
    total = scores.sum(axis=1) * mask
    order = [int(i) for i in np.argsort(-total, kind="stable") if total[i] > 0][:limit]
    out = []
    for i in order:
        why = [r.display for j, r in enumerate(reqs) if scores[i, j] >= 0.3]
        out.append((registry.candidates[i], float(total[i]), why, reasons))
    return out


def challenge_solvers(*, challenge: Challenge, limit: int = 10) -> list[dict]:
    registry = registry_from_db()
    reqs = [Requirement("sector", s.pk, s.name) for s in challenge.sectors.all()]
    reqs += [Requirement("technology", t.pk, t.name) for t in challenge.technologies.all()]
    reqs.append(
        Requirement(
            "text",
            f"{challenge.title} {challenge.problem} {challenge.requirements}",
            challenge.title,
        )
    )
    mask = np.isin(registry.types, list(SOLVER_TYPES)) & np.array(
        [c.id != challenge.owner_organisation_id for c in registry.candidates], dtype=bool
    )
    from kennisbrug.organisations.models import Organisation

    rows = _rank(registry, reqs, mask, limit)
    emails = dict(
        Organisation.objects.filter(pk__in=[c.id for c, *_ in rows]).values_list("pk", "email")
    )
    return [
        {
            "organisation": c.id,
            "name": c.name,
            "score": round(s, 3),
            "why": ", ".join(w) or "-",
            "email": emails.get(c.id, ""),
        }
        for c, s, w, _r in rows
    ]


def network_suggestions(*, network: Network, limit: int = 8) -> list[dict]:
    registry = registry_from_db()
    reqs = [Requirement("sector", s.pk, s.name) for s in network.sectors.all()]
    if network.technology is not None:
        reqs.append(Requirement("technology", network.technology.code, network.technology.name))
    reqs.append(
        Requirement("text", f"{network.theme} {network.description}", network.theme or network.name)
    )
    linked = set(
        network.memberships.exclude(status=JoinStatus.REJECTED).values_list(
            "organisation_id", flat=True
        )
    )
    mask = np.array([c.id not in linked for c in registry.candidates], dtype=float)
    comp = network_composition(network=network)
    missing_helix = {code for kind, code, _l in comp["gaps"] if kind == "helix"}
    missing_country = {code for kind, code, _l in comp["gaps"] if kind == "country"}
    # candidates that fill a gap count double
    boost = np.array(
        [
            1 + (HELIX_BY_TYPE.get(c.type) in missing_helix) + (c.country in missing_country)
            for c in registry.candidates
        ],
        dtype=float,
    )
    rows = _rank(registry, reqs, mask * boost, limit)
    return [
        {
            "organisation": c.id,
            "name": c.name,
            "type": c.type,
            "type_label": OrganisationType(c.type).label
            if c.type in OrganisationType.values
            else c.type,
            "country": c.country,
            "fills_gap": bool(
                HELIX_BY_TYPE.get(c.type) in missing_helix or c.country in missing_country
            ),
            "why": ", ".join(w) or "-",
        }
        for c, _s, w, _r in rows
    ]


def consortium_proposal(*, requirements: list[dict], constraints: dict) -> dict:
    """Propose a consortium from the registry (see consortium.solver.propose)."""
    from ..consortium import Constraints, propose
    from .ideas import requirement_label

    reqs = [
        Requirement(r["kind"], r["value"], requirement_label(r["kind"], r["value"]))
        for r in requirements
    ]
    cons = Constraints(
        max_size=constraints.get("max_size", 6),
        min_smes=constraints.get("min_smes", 1),
        min_knowledge=constraints.get("min_knowledge", 1),
        both_countries=constraints.get("both_countries", True),
        triple_helix=constraints.get("triple_helix", False),
        preferred_provinces=tuple(constraints.get("preferred_provinces", ())),
        programme_area_only=constraints.get("programme_area_only", False),
        existing=tuple(constraints.get("existing", ())),
        exclude=tuple(constraints.get("exclude", ())),
    )
    return propose(registry_from_db(), reqs, cons).to_json()

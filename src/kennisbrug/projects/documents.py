"""Open challenges as matching documents, so solvers find them by what they know.

Registered as a matching provider from `ProjectsConfig.ready()`; the challenge services call
`matching.index.on_commit_changed` on every write (a challenge that is no longer
open is no longer provided, so the index drops it).
"""

from collections.abc import Iterable, Iterator

from django.urls import reverse

from kennisbrug.core.concepts import sector_concept, technology_concept

CHALLENGE = "challenge"


def challenge_documents(ids: Iterable[str] | None = None) -> Iterator[dict]:
    """One document per open challenge (only those with `ids` when given)."""
    from .constants import ChallengeStatus
    from .models import Challenge

    qs = (
        Challenge.objects.filter(status=ChallengeStatus.OPEN)
        .select_related("owner_organisation", "owner_organisation__nuts3")
        .prefetch_related("sectors", "technologies")
    )
    if ids is not None:
        qs = qs.filter(pk__in=[int(i) for i in ids if str(i).isdigit()])
    for challenge in qs.iterator(chunk_size=500):
        sectors = sorted(s.code for s in challenge.sectors.all())
        technologies = sorted(t.code for t in challenge.technologies.all())
        owner = challenge.owner_organisation
        yield {
            "kind": CHALLENGE,
            "id": str(challenge.pk),
            "title": challenge.title,
            "body": "\n".join(p for p in (challenge.problem, challenge.requirements) if p),
            "concepts": [sector_concept(c) for c in sectors]
            + [technology_concept(c) for c in technologies],
            "country": owner.country_id,
            "nuts3": owner.nuts3_id,
            "in_programme_area": owner.in_programme_area,
            "attrs": {
                "sectors": sectors,
                "technologies": technologies,
                "organisation_id": str(owner.pk),
                "deadline": challenge.deadline.isoformat(),
                "url": reverse("projects:challenge", args=[challenge.pk]),
            },
        }

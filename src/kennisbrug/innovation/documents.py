"""Innovation questions as matching documents: only open, public questions are searchable."""

from collections.abc import Iterable, Iterator

from django.urls import reverse

from kennisbrug.core.concepts import sector_concept, technology_concept
from kennisbrug.matching.engine import Document

QUESTION = "question"


def question_documents(ids: Iterable[str] | None = None) -> Iterator[Document]:
    from .constants import QuestionStatus, Visibility
    from .models import InnovationQuestion

    qs = (
        InnovationQuestion.objects.filter(visibility=Visibility.PUBLIC, status=QuestionStatus.OPEN)
        .select_related("organisation", "organisation__nuts3")
        .prefetch_related("sectors", "technologies")
    )
    if ids is not None:
        qs = qs.filter(pk__in=[int(i) for i in ids if str(i).isdigit()])
    for q in qs.iterator(chunk_size=500):
        sectors = sorted(s.code for s in q.sectors.all())
        technologies = sorted(t.code for t in q.technologies.all())
        org = q.organisation
        yield Document(
            kind=QUESTION,
            id=str(q.pk),
            title=q.title,
            body="\n".join(p for p in (q.description, q.desired_outcome) if p),
            concepts=frozenset(
                [sector_concept(c) for c in sectors] + [technology_concept(c) for c in technologies]
            ),
            country=org.country_id,
            nuts3=org.nuts3_id,
            in_programme_area=org.in_programme_area,
            attrs={
                "sectors": sectors,
                "technologies": technologies,
                "organisation_id": str(org.pk),
                "url": reverse("innovation:detail", args=[q.pk]),
            },
        )

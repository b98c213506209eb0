"""Reads of the skills app: locations, occupation matching, transitions."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Max
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kennisbrug.core.models import Country, Postcode

from ..constants import MAX_TRAVEL_KM
from ..geo import province_distance_km, province_of
from ..models import BottleneckOccupation, Occupation, Skill, Training, TrainingParticipation
from ..occupation_index import get_index
from ..recognition import get_recogniser

MAX_SKILLS = 200
MAX_TEXT = 5000


@dataclass(frozen=True)
class Location:
    country: str
    postcode: str
    nuts3: str
    province: str


def location_resolve(*, postcode: str, country: str | None = None) -> Location:
    """A Belgian or Dutch 4-digit postcode to its region; ValidationError otherwise."""
    code = (postcode or "").strip().upper().replace(" ", "")
    if len(code) == 6 and code[:4].isdigit():  # Dutch 1234AB: the PC4 part is enough
        code, country = code[:4], country or "NL"
    if not (len(code) == 4 and code.isdigit()):
        raise ValidationError(
            {"postcode": _("Enter a Belgian or Dutch postcode of four digits.")}, code="invalid"
        )
    if country and country.upper() not in ("BE", "NL"):
        raise ValidationError(
            {"country": _("Only postcodes in Belgium and the Netherlands are supported.")},
            code="invalid",
        )
    rows = Postcode.objects.filter(code=code).select_related("nuts3")
    if country:
        rows = rows.filter(country_id=country.upper())
    found = {(r.country_id, r.nuts3_id, r.nuts3.province_id) for r in rows}
    countries = {c for c, _n, _p in found}
    if not found:
        raise ValidationError(
            {"postcode": _("This postcode is not known in Belgium or the Netherlands.")},
            code="unknown",
        )
    if len(countries) > 1:
        raise ValidationError(
            {"country": _("This postcode exists in Belgium and in the Netherlands; choose one.")},
            code="ambiguous",
        )
    country_code, nuts3, province = sorted(found)[0]
    return Location(country_code, code, nuts3, province or "")


def validate_travel(max_km) -> int | None:
    if max_km is None:
        return None
    if not isinstance(max_km, int) or isinstance(max_km, bool) or not 0 <= max_km <= MAX_TRAVEL_KM:
        raise ValidationError(
            {
                "max_km": _("Travel distance must be between 0 and %(max)d km.")
                % {"max": MAX_TRAVEL_KM}
            },
            code="invalid",
        )
    return max_km


def skills_from_uris(uris: list[str]) -> list[Skill]:
    """Skills by URI; ValidationError naming the unknown ones."""
    uris = list(dict.fromkeys(u.strip() for u in uris if u and u.strip()))
    if len(uris) > MAX_SKILLS:
        raise ValidationError(
            {"skills": _("At most %(n)d skills.") % {"n": MAX_SKILLS}}, code="too_many"
        )
    skills = list(Skill.objects.filter(uri__in=uris).exclude(skill_type="group"))
    unknown = sorted(set(uris) - {s.uri for s in skills})
    if unknown:
        raise ValidationError(
            {"skills": _("Unknown skill: %(uris)s") % {"uris": ", ".join(unknown[:10])}},
            code="unknown",
        )
    return skills


@dataclass
class OccupationMatch:
    occupation: Occupation
    score: float
    essential_total: int
    essential_covered: int
    optional_total: int
    optional_covered: int
    gap_essential: list[Skill]
    gap_optional: list[Skill]
    shortages: list[dict] = field(default_factory=list)  # bottleneck rows in range

    @property
    def coverage(self) -> float:
        total = self.essential_total + self.optional_total
        return round((self.essential_covered + self.optional_covered) / total, 3) if total else 0.0

    @property
    def essential_coverage(self) -> float:
        return (
            round(self.essential_covered / self.essential_total, 3) if self.essential_total else 1.0
        )

    @property
    def is_bottleneck(self) -> bool:
        return bool(self.shortages)

    @property
    def shortage_sides(self) -> list[dict]:
        return shortage_sides(self.shortages)

    @property
    def shortage_countries(self) -> list[Country]:
        countries = {row["country"] for row in self.shortages}
        return [
            side["country"] for side in self.shortage_sides if side["country"].code in countries
        ]


def shortage_sides(shortages: list[dict]) -> list[dict]:
    """The shortage listings grouped per programme country, with every programme country
    present (an empty `listings` when that side lists none), so a page that shows the
    shortage status shows both sides of the border, never only the first rows.

    Each item: country (a Country), listings (the rows of `shortages` in that country).
    """
    countries = list(Country.objects.filter(is_programme_country=True).order_by("code"))
    listings: dict[str, list[dict]] = {country.code: [] for country in countries}
    for row in shortages:
        if row["country"] in listings:
            listings[row["country"]].append(row)
    return [{"country": c, "listings": listings[c.code]} for c in countries]


@dataclass
class MatchResult:
    skills: list[Skill]
    recognised: list[dict]
    location: Location | None
    max_km: int | None
    matches: list[OccupationMatch]
    # False when the text describes work the taxonomy does not cover: then no occupation is shown
    covered: bool = True

    @property
    def message(self) -> str:
        return "" if self.covered else str(NOT_COVERED_MESSAGE)


NOT_COVERED_MESSAGE = gettext_lazy(
    "The work you describe does not seem to be in our skills taxonomy, which covers technical "
    "occupations of the region, so we suggest no occupation for it. You can still pick skills "
    "from the list."
)


def text_recognition(*, text: str) -> tuple[list[dict], bool]:
    """Skills recognised in a work description, and whether the taxonomy covers that work.

    Each item: skill, skill_id, score, evidence (the phrase that triggered it) and
    confident (ticked in advance for the person; they still confirm).
    """
    recogniser = get_recogniser()
    if recogniser is None or not (text or "").strip():
        return [], True
    found = recogniser.recognise(text)
    by_id = Skill.objects.in_bulk([r.skill_id for r in found])
    items = [
        {
            "skill": by_id[r.skill_id],
            "skill_id": r.skill_id,
            "score": r.score,
            "evidence": r.evidence,
            "confident": r.confident,
        }
        for r in found
        if r.skill_id in by_id
    ]
    return items, recogniser.covers(text, found)


def bottlenecks_in_range(
    *, occupation_ids, location: Location | None, max_km: int | None, cross_border: bool = True
) -> dict[int, list[dict]]:
    """Latest bottleneck listings per occupation that lie within the travel range."""
    rows = BottleneckOccupation.objects.filter(
        occupation_id__in=list(occupation_ids), is_bottleneck=True
    )
    latest = dict(rows.values("source").annotate(y=Max("year")).values_list("source", "y"))
    out: dict[int, list[dict]] = {}
    for b in rows.order_by("-year", "region_code"):
        if b.year != latest.get(b.source, b.year):
            continue
        distance = None
        if location is not None:
            if not cross_border and b.country_id != location.country:
                continue
            province = province_of(b.region_code)
            if province:
                distance = province_distance_km(location.province, province)
                if max_km is not None and distance is not None and distance > max_km:
                    continue
        out.setdefault(b.occupation_id, []).append(
            {
                "region": b.region_code,
                "country": b.country_id,
                "year": b.year,
                "source": b.source,
                "category": b.category,
                "tension": str(b.tension) if b.tension is not None else None,
                "distance_km": distance,
            }
        )
    return out


def occupation_match(
    *,
    skill_uris: list[str] | None = None,
    skill_ids: list[int] | None = None,
    text: str = "",
    postcode: str = "",
    country: str | None = None,
    max_km: int | None = None,
    cross_border: bool = True,
    limit: int = 20,
    exclude_occupation_ids: set[int] | None = None,
) -> MatchResult:
    """Rank occupations for a set of skills and/or a free-text description.

    Bottleneck occupations within the travel range come first, each group by
    score. Raises ValidationError for empty input, unknown skills, unknown
    postcodes and out-of-range distances.
    """
    text = (text or "").strip()
    if len(text) > MAX_TEXT:
        raise ValidationError({"text": _("The text is too long.")}, code="too_long")
    max_km = validate_travel(max_km)
    location = location_resolve(postcode=postcode, country=country) if postcode else None
    skills = skills_from_uris(skill_uris or [])
    if skill_ids:
        skills += list(Skill.objects.filter(id__in=skill_ids))
    recognised: list[dict[str, Any]] = []
    covered = True
    if text:
        recognised, covered = text_recognition(text=text)
        skills += [r["skill"] for r in recognised if r["confident"] or covered]
    skills = list({s.id: s for s in skills}.values())
    if not covered and not skill_uris and not skill_ids:
        # not a guess dressed up as a top match: say the taxonomy does not cover this work
        return MatchResult(skills, recognised, location, max_km, [], covered=False)
    if not skills:
        raise ValidationError(
            _("Give at least one skill, or describe your experience in a few sentences."),
            code="empty",
        )
    index = get_index()
    if index is None:
        return MatchResult(skills, recognised, location, max_km, [])
    scores = index.scores([s.id for s in skills])
    rows = index.top(scores, max(limit * 3, 30))
    exclude = exclude_occupation_ids or set()
    rows = [r for r in rows if int(index.occupation_ids[r]) not in exclude]
    occ_ids = [int(index.occupation_ids[r]) for r in rows]
    occupations = Occupation.objects.select_related("isco_group").in_bulk(occ_ids)
    shortages = bottlenecks_in_range(
        occupation_ids=occ_ids, location=location, max_km=max_km, cross_border=cross_border
    )
    have = {s.id for s in skills}
    # order candidates (bottlenecks in range first), then build gaps for the shown ones only
    rows.sort(
        key=lambda r: (
            int(index.occupation_ids[r]) not in shortages,
            -scores[r],
            int(index.occupation_ids[r]),
        )
    )
    needed = [(r, *index.row_skills(r)) for r in rows[:limit]]
    gap_ids = {sid for _r, ess, opt in needed for sid in ess + opt if sid not in have}
    skill_objs = Skill.objects.only("id", "uri", "label_en", "label_nl").in_bulk(list(gap_ids))
    matches = []
    for r, ess, opt in needed:
        occ_id = int(index.occupation_ids[r])
        matches.append(
            OccupationMatch(
                occupation=occupations[occ_id],
                score=round(float(scores[r]), 4),
                essential_total=len(ess),
                essential_covered=sum(1 for s in ess if s in have),
                optional_total=len(opt),
                optional_covered=sum(1 for s in opt if s in have),
                gap_essential=sorted((skill_objs[s] for s in ess if s not in have), key=str),
                gap_optional=sorted((skill_objs[s] for s in opt if s not in have), key=str),
                shortages=shortages.get(occ_id, []),
            )
        )
    return MatchResult(skills, recognised, location, max_km, matches)


def occupation_transitions(
    *,
    occupation: Occupation,
    location: Location | None = None,
    max_km: int | None = None,
    cross_border: bool = True,
    limit: int = 10,
) -> list[OccupationMatch]:
    """From a past occupation: the occupations sharing most skills, bottlenecks first."""
    skill_ids = list(occupation.relations.values_list("skill_id", flat=True))
    if not skill_ids:
        return []
    result = occupation_match(
        skill_ids=skill_ids,
        postcode=location.postcode if location else "",
        country=location.country if location else None,
        max_km=max_km,
        cross_border=cross_border,
        limit=limit,
        exclude_occupation_ids={occupation.id},
    )
    return result.matches


def occupation_search(*, q: str, limit: int = 20):
    """Type-ahead over Dutch and English occupation labels."""
    from django.db.models import Q

    q = (q or "").strip()[:100]
    if len(q) < 2:
        return Occupation.objects.none()
    return Occupation.objects.filter(
        Q(label_en__icontains=q) | Q(label_nl__icontains=q) | Q(alt_labels_nl__icontains=q)
    ).order_by("label_en")[:limit]


def skill_search(*, q: str, limit: int = 20):
    """Type-ahead over Dutch and English skill labels."""
    from django.db.models import Q

    q = (q or "").strip()[:100]
    if len(q) < 2:
        return Skill.objects.none()
    return (
        Skill.objects.exclude(skill_type="group")
        .filter(Q(label_en__icontains=q) | Q(label_nl__icontains=q) | Q(alt_labels_en__icontains=q))
        .order_by("label_en")[:limit]
    )


def training_activity() -> list[tuple]:
    """Indicator source "trainings": (id, title, provider, nuts3, created_at) of published ones."""
    return list(
        Training.objects.filter(is_published=True)
        .values_list("id", "title", "provider_id", "nuts3_id", "created_at")
        .iterator()
    )


def participation_activity() -> list[tuple]:
    """Indicator source "training_participations": (id, training, title, provider,
    location country, audiences, person, employer, status, enrolled_at, completed_at).

    The person is the user id, or "anonymous:<key>" for a participation whose person
    deleted their profile or account (one key per former person)."""
    return [
        (i, t, title, p, c, a, u if u is not None else f"anonymous:{key}", e, s, en, co)
        for i, t, title, p, c, a, u, key, e, s, en, co in TrainingParticipation.objects.values_list(
            "id",
            "training_id",
            "training__title",
            "training__provider_id",
            "training__nuts3__country_id",
            "training__audiences",
            "user_id",
            "anonymous_key",
            "employer_id",
            "status",
            "enrolled_at",
            "completed_at",
        ).iterator()
    ]


def bottleneck_years() -> list[int]:
    """The years with bottleneck figures, newest first."""
    return sorted(set(BottleneckOccupation.objects.values_list("year", flat=True)), reverse=True)


def bottleneck_tension_rows(*, year: int) -> list[tuple]:
    """The bottleneck figures of `year`: (occupation id, label nl, label en, province,
    region code, country, tension, is bottleneck)."""
    return list(
        BottleneckOccupation.objects.filter(year=year).values_list(
            "occupation_id",
            "occupation__label_nl",
            "occupation__label_en",
            "province_id",
            "region_code",
            "country_id",
            "tension",
            "is_bottleneck",
        )
    )

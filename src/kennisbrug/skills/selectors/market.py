"""Reads of the labour market: trainings, vacancies, anonymised candidates, supply vs demand."""

from __future__ import annotations

import json
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Count, Max, Q, TextField
from django.db.models.functions import Cast
from django.utils import timezone

from kennisbrug.core.models import Province
from kennisbrug.organisations.permissions import user_organisations

from ..constants import ContactStatus, TrainingAudience, VacancyStatus
from ..models import BottleneckOccupation, Occupation, Profile, Training, Vacancy, VacancyContact
from ..models.market import starts_open

MAX_QUERY = 100


def _training_filters(qs, f: dict):
    """The SQL part of the catalogue filters: q (title/description), language, mode,
    level, country, sector (code). The target group is a JSON list: the callers filter it
    in Python (JSON containment is not portable across SQLite/PostgreSQL)."""
    q = str(f.get("q") or "").strip()[:MAX_QUERY]
    if q:
        qs = qs.filter(Q(title__icontains=q) | Q(description__icontains=q))
    for key in ("language", "mode"):
        if f.get(key):
            qs = qs.filter(**{key: f[key]})
    if f.get("level"):
        qs = qs.filter(level_id=f["level"])
    if f.get("country"):
        qs = qs.filter(
            Q(nuts3__country_id=f["country"])
            | Q(nuts3__isnull=True, provider__country_id=f["country"])
        )
    if f.get("sector"):
        # The code is the sector's primary key: one joined row per training at most
        qs = qs.filter(sectors=f["sector"])
    return qs


def training_list(*, user=None, filters: dict | None = None):
    """Published trainings that can still be started, plus every training (unpublished or
    over) of the user's own organisations: a course whose start dates have all passed is
    not offered to anyone else.

    filters: q (title/description), language, mode, audience, sector (code), country, level.
    """
    f = filters or {}
    # Start dates are a JSON list (no portable JSON query): decide "over" in Python
    today = timezone.localdate()
    over = [
        pk
        for pk, dates in Training.objects.filter(is_published=True).values_list("id", "start_dates")
        if not starts_open(dates, today)
    ]
    visible = Q(is_published=True) & ~Q(id__in=over)
    if getattr(user, "is_authenticated", False):
        visible |= Q(provider__in=user_organisations(user))
    qs = _training_filters(
        Training.objects.filter(visible).select_related("provider", "level", "nuts3"), f
    )
    audience = f.get("audience")
    if audience in TrainingAudience.values:
        ids = [i for i, a in qs.values_list("id", "audiences") if audience in (a or [])]
        qs = qs.filter(id__in=ids)
    return qs.distinct().order_by("title", "id")


def training_catalogue(
    *, organisation_ids: Collection[int], filters: dict, limit: int
) -> tuple[int, list[Training]]:
    """`training_list` for the catalogue page, as (number found, the first `limit`), for a
    visitor whose organisations are `organisation_ids` (empty for anonymous visitors).

    One pass over the filtered trainings' ids and start dates decides what is visible, so
    the page needs no separate count and no list of every training that is over in its
    SQL; only the shown trainings are read whole, with the fields the cards show."""
    own = set(organisation_ids)
    today = timezone.localdate()
    audience = filters.get("audience")
    by_audience = audience in TrainingAudience.values
    rows = _training_filters(Training.objects.all(), filters).order_by("title", "id")
    # The JSON lists are read as text and parsed here: Django's per-value JSON converters
    # cost more than the parsing itself, for every training in the result.
    columns = ["start_dates", *(["audiences"] if by_audience else [])]
    ids = []
    for pk, published, provider, *texts in rows.values_list(
        "id", "is_published", "provider_id", *(Cast(c, TextField()) for c in columns)
    ):
        if provider not in own and not (published and starts_open(json.loads(texts[0]), today)):
            continue
        if by_audience and audience not in (json.loads(texts[1]) or []):
            continue
        ids.append(pk)
    shown = (
        Training.objects.filter(id__in=ids[:limit])
        .select_related("provider", "level", "nuts3")
        .only(
            "title",
            "is_published",
            "provider__name",
            "level",
            "language",
            "mode",
            "nuts3",
            "cost",
            "duration_hours",
            "start_dates",
        )
        .in_bulk()
    )
    return len(ids), [shown[pk] for pk in ids[:limit] if pk in shown]


def training_providers(*, organisation_ids: Collection[int]) -> list[int]:
    """Which of `organisation_ids` (a visitor's organisations) provide trainings, sorted:
    the kept catalogue's audience, since only those change what the visitor sees there."""
    if not organisation_ids:
        return []
    return list(
        Training.objects.filter(provider_id__in=list(organisation_ids))
        .order_by("provider_id")
        .values_list("provider_id", flat=True)
        .distinct()
    )


def training_visible(*, user, training: Training) -> bool:
    if training.is_published:
        return True
    if getattr(user, "is_secretariat", False):
        return True
    return user_organisations(user).filter(pk=training.provider_id).exists()


def vacancy_list(
    *, user=None, organisation_ids: Collection[int] | None = None, filters: dict | None = None
):
    """Open vacancies, plus closed ones of the user's own organisations (or of
    `organisation_ids`, for a page kept per audience that must not read the user)."""
    f = filters or {}
    visible = Q(status=VacancyStatus.OPEN)
    if organisation_ids is not None:
        visible |= Q(organisation_id__in=list(organisation_ids))
    elif getattr(user, "is_authenticated", False):
        visible |= Q(organisation__in=user_organisations(user))
    qs = Vacancy.objects.filter(visible).select_related("organisation", "occupation", "nuts3")
    if f.get("occupation"):
        qs = qs.filter(occupation_id=f["occupation"])
    if f.get("country"):
        qs = qs.filter(nuts3__country_id=f["country"])
    q = str(f.get("q") or "").strip()[:MAX_QUERY]
    if q:
        qs = qs.filter(
            Q(title__icontains=q)
            | Q(occupation__label_en__icontains=q)
            | Q(occupation__label_nl__icontains=q)
        )
    return qs.order_by("-created_at", "-id")


def closed_vacancy_employers(*, organisation_ids: Collection[int]) -> list[int]:
    """Which of `organisation_ids` (a visitor's organisations) have vacancies that are not
    open, sorted: the kept vacancy list's audience, since only those show to their members
    alone."""
    if not organisation_ids:
        return []
    return list(
        Vacancy.objects.filter(organisation_id__in=list(organisation_ids))
        .exclude(status=VacancyStatus.OPEN)
        .order_by("organisation_id")
        .values_list("organisation_id", flat=True)
        .distinct()
    )


def vacancy_visible(*, user, vacancy: Vacancy) -> bool:
    if vacancy.status == VacancyStatus.OPEN or getattr(user, "is_secretariat", False):
        return True
    return user_organisations(user).filter(pk=vacancy.organisation_id).exists()


@dataclass
class Candidate:
    """An opted-in person as an employer sees them: no name until contact is accepted."""

    profile_id: int
    pseudonym: str
    coverage: float
    essential_covered: int
    essential_total: int
    region: str
    level: str
    languages: list[str]
    contact: VacancyContact | None
    name: str = ""
    email: str = ""


def vacancy_candidates(*, vacancy: Vacancy, limit: int = 25) -> list[Candidate]:
    """Opted-in profiles ranked by coverage of the vacancy occupation's essential skills.

    Never includes a profile whose owner did not opt in. Name and email appear only
    where the person accepted this vacancy's contact request.
    """
    essential = set(
        vacancy.occupation.relations.filter(relation_type="essential").values_list(
            "skill_id", flat=True
        )
    )
    everything = set(vacancy.occupation.relations.values_list("skill_id", flat=True))
    profiles = (
        Profile.objects.filter(open_to_employers=True)
        .select_related("user", "nuts3", "qualification_level")
        .prefetch_related("profile_skills")
    )
    contacts = {c.profile_id: c for c in vacancy.contacts.all()}
    out = []
    for p in profiles:
        have = {ps.skill_id for ps in p.profile_skills.all() if ps.confirmed}
        if not have & everything:
            continue
        covered = len(have & essential)
        contact = contacts.get(p.id)
        candidate = Candidate(
            profile_id=p.id,
            pseudonym="",
            coverage=round(len(have & everything) / len(everything), 3) if everything else 0.0,
            essential_covered=covered,
            essential_total=len(essential),
            region=str(p.nuts3) if p.nuts3 else "",
            level=str(p.qualification_level) if p.qualification_level else "",
            languages=list(p.languages or []),
            contact=contact,
        )
        if contact and contact.status == ContactStatus.ACCEPTED:
            candidate.name = p.user.full_name or p.user.email
            candidate.email = p.user.email
        out.append(candidate)
    out.sort(key=lambda c: (-c.essential_covered, -c.coverage, c.profile_id))
    for i, c in enumerate(out[:limit], start=1):
        c.pseudonym = f"#{i}"
    return out[:limit]


def _suppress(value: int, minimum: int) -> int | None:
    return value if value >= minimum else None


def labour_market(*, occupation_id: int | None = None) -> dict:
    """Supply vs demand per occupation and province, and tension per province.

    Supply: opted-in and not opted-in profiles whose past occupation is the occupation
    (counted by the profile's province). Demand: open vacancies and bottleneck listings.
    Counts of people below settings.KENNISBRUG_MIN_GROUP_SIZE are suppressed (None).
    """
    minimum = settings.KENNISBRUG_MIN_GROUP_SIZE
    supply: dict[tuple[int, str], int] = {}
    rows = Profile.objects.exclude(nuts3=None).values_list(
        "profile_occupations__occupation_id", "nuts3__province_id"
    )
    for occ, prov in rows:
        if occ is not None:
            supply[(occ, prov)] = supply.get((occ, prov), 0) + 1
    demand: dict[tuple[int, str], int] = {}
    for occ, prov, n in (
        Vacancy.objects.filter(status=VacancyStatus.OPEN)
        .values_list("occupation_id", "nuts3__province_id")
        .annotate(n=Count("id"))
    ):
        demand[(occ, prov)] = n
    latest = dict(
        BottleneckOccupation.objects.values("source")
        .annotate(y=Max("year"))
        .values_list("source", "y")
    )
    tension: dict[tuple[int, str], BottleneckOccupation] = {}
    for b in BottleneckOccupation.objects.exclude(province_id=None).order_by("-year", "source"):
        if b.year == latest.get(b.source) and b.province_id is not None:
            tension.setdefault((b.occupation_id, b.province_id), b)
    keys = set(supply) | set(demand) | set(tension)
    if occupation_id:
        keys = {k for k in keys if k[0] == occupation_id}
    occupations = Occupation.objects.in_bulk({k[0] for k in keys})
    all_provinces = Province.objects.select_related("country").in_bulk({k[1] for k in keys if k[1]})
    table: list[dict[str, Any]] = []
    for occ_id, prov in sorted(keys, key=lambda k: (str(occupations[k[0]]), k[1] or "")):
        found = tension.get((occ_id, prov))
        province = all_provinces.get(prov)
        table.append(
            {
                "occupation": occupations[occ_id],
                "province": province,
                "country": province.country_id if province else "",
                "profiles": _suppress(supply.get((occ_id, prov), 0), minimum),
                "vacancies": demand.get((occ_id, prov), 0),
                "bottleneck": bool(found and found.is_bottleneck),
                "category": found.category if found else "",
                "category_label": found.get_category_display() if found and found.category else "",
                "tension": found.tension if found else None,
                "source": f"{found.source} ({found.year})" if found else "",
            }
        )
    per_province = []
    for code in sorted({row["province"].code for row in table if row["province"]}):
        rows_p = [r for r in table if r["province"] and r["province"].code == code]
        per_province.append(
            {
                "province": rows_p[0]["province"],
                "bottlenecks": sum(1 for r in rows_p if r["bottleneck"]),
                "vacancies": sum(r["vacancies"] for r in rows_p),
                "profiles": _suppress(
                    sum(supply.get((r["occupation"].id, code), 0) for r in rows_p), minimum
                ),
            }
        )
    return {"rows": table, "provinces": per_province, "min_group_size": minimum}

"""The programme as data: priority profiles, activity types, sectors, technologies, regions.

Everything is read from files the project ships (no database), so the fit check
runs the same in a web worker, the CLI and the benchmark:

- ``projects/data/priorities.json``: the A1/A2 page texts and the other
  priorities' themes, with their sources (see the file's ``sources``);
- ``core/data/programme.json``: A1/A2 names, descriptions and example activities
  (the same file that fills SpecificObjective and ActivityType);
- ``core/data/priority_sectors.csv``, ``key_enabling_technologies.csv`` and
  ``nuts3_programme_area.csv`` (sources in core/data/SOURCES.md).
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

PROJECTS_DATA = Path(__file__).resolve().parent.parent / "data"
CORE_DATA = Path(__file__).resolve().parents[2] / "core" / "data"


@dataclass(frozen=True)
class Activity:
    objective: str
    number: int  # 1-based, as on the programme page
    text_nl: str
    text_en: str


@dataclass(frozen=True)
class Profile:
    """What one objective (A1, A2) or other priority is about, as sentences and keywords."""

    code: str
    priority: str
    name_nl: str
    name_en: str
    source: str
    sentences: tuple[str, ...]  # Dutch and English sentences, for embeddings
    keywords: tuple[str, ...]  # phrases, for lexical evidence
    activities: tuple[Activity, ...] = ()
    # the same sentences as (nl, en, theme) so a reason can quote either language
    pairs: tuple[tuple[str, str, str], ...] = ()
    themes: dict[str, tuple[str, str]] = field(default_factory=dict)  # theme -> (nl, en)
    # phrases that name the idea's topic (not its instrument): used for the lines between priorities
    topic_keywords: tuple[str, ...] = ()

    def pair_of(self, sentence: str) -> tuple[str, str, str]:
        """(nl, en, theme) for one of the profile's sentences (either language)."""
        for pair in self.pairs:
            if sentence in pair[:2]:
                return pair
        for a in self.activities:
            if sentence in (a.text_nl, a.text_en):
                return (a.text_nl, a.text_en, "")
        return (sentence, sentence, "")


@dataclass(frozen=True)
class Region:
    code: str
    country: str
    name_nl: str
    province_nl: str
    in_programme_area: bool
    flemish: bool


@dataclass(frozen=True)
class Programme:
    priorities: dict[str, tuple[str, str]]  # code -> (name_nl, name_en)
    profiles: tuple[Profile, ...]
    sectors: dict[str, tuple[str, str, tuple[str, ...]]]  # code -> (nl, en, keywords)
    technologies: dict[str, tuple[str, str]]  # code -> (nl, en)
    regions: dict[str, Region]
    cross_border_phrases: tuple[str, ...]
    target_group_keywords: dict[str, tuple[str, ...]]
    target_group_names: dict[str, tuple[str, str]]
    sources: dict[str, str] = field(default_factory=dict)

    def profile(self, code: str) -> Profile:
        return next(p for p in self.profiles if p.code == code)

    @property
    def activities(self) -> list[Activity]:
        return [a for p in self.profiles for a in p.activities]


def _csv(path: Path):
    with path.open(encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


@lru_cache(maxsize=1)
def load_programme() -> Programme:
    data = json.loads((PROJECTS_DATA / "priorities.json").read_text(encoding="utf-8"))
    core = json.loads((CORE_DATA / "programme.json").read_text(encoding="utf-8"))
    objectives = {o["code"]: o for o in core["objectives"]}

    sectors = {
        row["code"]: (
            row["name_nl"],
            row["name_en"],
            tuple(k for k in (row["keywords_nl"] + "|" + row["keywords_en"]).split("|") if k),
        )
        for row in _csv(CORE_DATA / "priority_sectors.csv")
    }
    technologies = {
        row["code"]: (row["name_nl"] or row["name_en"], row["name_en"])
        for row in _csv(CORE_DATA / "key_enabling_technologies.csv")
    }
    regions = {}
    for row in _csv(CORE_DATA / "nuts3_programme_area.csv"):
        regions[row["nuts3_code"]] = Region(
            code=row["nuts3_code"],
            country=row["country"],
            name_nl=row["name_nl"],
            province_nl=row["province_nl"],
            in_programme_area=row["in_programme_area"].strip().lower() == "true",
            flemish=row.get("region_nl", "") == "Vlaams Gewest",
        )

    names = {p["code"]: (p["name_nl"], p["name_en"]) for p in data["priorities"]}
    profiles = []
    for raw in data["profiles"]:
        pairs = [(t[0], t[1], t[2] if len(t) > 2 else "") for t in raw["texts"]]
        keywords = list(raw["keywords_nl"]) + list(raw["keywords_en"])
        topic_keywords: list[str] = list(keywords)
        activities: list[Activity] = []
        name_nl = raw.get("name_nl") or names[raw["priority"]][0]
        name_en = raw.get("name_en") or names[raw["priority"]][1]
        if raw.get("uses_programme_json"):
            obj = objectives[raw["code"]]
            name_nl, name_en = obj["name_nl"], obj["name_en"]
            pairs.insert(0, (obj["description_nl"], obj["description_en"], ""))
            activities = [
                Activity(raw["code"], i, nl, en) for i, (nl, en) in enumerate(obj["activities"], 1)
            ]
        if raw.get("include_sectors"):
            # A1's topics are its sectors; its own keywords name the instrument (research, pilots)
            topic_keywords = []
            excluded = set(raw.get("exclude_sectors", ()))
            for code, (nl, en, kws) in sectors.items():
                if code not in excluded:
                    keywords += [nl, en, *kws]
                    topic_keywords += [nl, en, *kws]
            for nl, en in technologies.values():
                keywords += [nl, en]
        sentences = [s for pair in pairs for s in pair[:2]]
        profiles.append(
            Profile(
                code=raw["code"],
                priority=raw["priority"],
                name_nl=name_nl,
                name_en=name_en,
                source=data["sources"][raw["source"]],
                sentences=tuple(sentences),
                keywords=tuple(dict.fromkeys(keywords)),
                activities=tuple(activities),
                pairs=tuple(pairs),
                themes={k: (v[0], v[1]) for k, v in raw.get("themes", {}).items()},
                topic_keywords=tuple(dict.fromkeys(topic_keywords)),
            )
        )
    tg = data["target_group_keywords"]
    return Programme(
        priorities=names,
        profiles=tuple(profiles),
        sectors=sectors,
        technologies=technologies,
        regions=regions,
        cross_border_phrases=tuple(data["cross_border_markers"]["phrases"]),
        target_group_keywords={k: tuple(v) for k, v in tg.items() if k != "source"},
        target_group_names={row[0]: (row[1], row[2]) for row in core["target_groups"]},
        sources=data["sources"],
    )

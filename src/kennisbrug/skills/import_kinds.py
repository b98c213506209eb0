"""The bulk import kinds of the skills app, registered in core's import registry from
`ready()`: trainings of a training provider and vacancies of an employer."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kennisbrug.core.imports import columns as cells
from kennisbrug.core.imports.columns import Column, ColumnSet, normalise_header
from kennisbrug.core.imports.owned import OwnedSpec, choice_label, choice_parser
from kennisbrug.core.models import Nuts3Region
from kennisbrug.organisations.imports.owners import owned_kind

from .constants import Language, TrainingMode, VacancyStatus
from .models import Occupation, QualificationLevel, Training, Vacancy
from .services.market import MAX_START_DATES

OWNER_ALIASES = ("organisation", "organization", "eigenaar", "owner", "kbo", "kvk")
REGION_COLUMN = Column("nuts3", "regio", "region", ("nuts3", "nuts", "locatie", "location"))
LEVEL_COLUMN = Column("level", "niveau", "level", ("kwalificatieniveau", "eqf"))

TRAINING_COLUMNS = ColumnSet(
    [
        Column("owner", "aanbieder", "provider", ("opleider", "organisatie", *OWNER_ALIASES)),
        Column("title", "titel", "title", ("opleiding", "training", "naam", "name"), required=True),
        Column("description", "beschrijving", "description", ("omschrijving",)),
        Column("language", "taal", "language", ("voertaal",), required=True),
        Column("mode", "vorm", "mode", ("lesvorm", "format"), required=True),
        Column("cost", "kosten", "cost", ("prijs", "price", "kostprijs")),
        Column("duration_hours", "duur_uren", "duration_hours", ("duur", "uren", "hours")),
        Column("start_dates", "startdata", "start_dates", ("startdatum", "start dates", "start")),
        LEVEL_COLUMN,
        REGION_COLUMN,
    ]
)
VACANCY_COLUMNS = ColumnSet(
    [
        Column("owner", "werkgever", "employer", ("organisatie", *OWNER_ALIASES)),
        Column("title", "titel", "title", ("functie", "vacature", "job title"), required=True),
        Column("description", "beschrijving", "description", ("omschrijving",)),
        Column(
            "occupation",
            "beroep",
            "occupation",
            ("esco", "esco beroep", "occupation uri"),
            required=True,
        ),
        Column("nuts3", "regio", "region", ("nuts3", "nuts", "werkplaats", "place of work")),
        LEVEL_COLUMN,
        Column("status", "status", "status", ("staat",)),
    ]
)

_language = choice_parser(
    Language,
    aliases={
        Language.NL: ("nederlands", "dutch", "nl"),
        Language.EN: ("engels", "english"),
        Language.FR: ("frans", "french", "francais"),
        Language.DE: ("duits", "german", "deutsch"),
    },
)
_mode = choice_parser(
    TrainingMode,
    aliases={
        TrainingMode.ON_SITE: ("klassikaal", "op locatie", "fysiek", "in person"),
        TrainingMode.ONLINE: ("afstandsonderwijs", "e-learning"),
        TrainingMode.BLENDED: ("gemengd", "hybride", "hybrid"),
    },
)
_status = choice_parser(
    VacancyStatus, aliases={VacancyStatus.OPEN: ("vacant",), VacancyStatus.CLOSED: ("gesloten",)}
)


def _context() -> dict:
    regions = {code.upper(): code for code in Nuts3Region.objects.values_list("code", flat=True)}
    levels = {
        normalise_header(key): key
        for key in QualificationLevel.objects.values_list("key", flat=True)
    }
    return {"regions": regions, "levels": levels}


def _region(text: str, context) -> str:
    code = context["regions"].get(text.strip().upper())
    if code is None:
        raise ValidationError(
            _("Unknown region “%(value)s”; use a NUTS3 code such as BE211 or NL414.")
            % {"value": text[:20]}
        )
    return code


def _level(text: str, context) -> str:
    key = context["levels"].get(normalise_header(text))
    if key is None:
        raise ValidationError(_("Unknown qualification level “%(value)s”.") % {"value": text[:20]})
    return key


def _date(text: str) -> str:
    for pattern in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y"):
        try:
            return datetime.datetime.strptime(text, pattern).date().isoformat()
        except ValueError:
            continue
    raise ValidationError(
        _("“%(value)s” is not a date; write e.g. 15-09-2027 or 2027-09-15.") % {"value": text[:20]}
    )


def _dates(text: str) -> list[str]:
    parts = [p for p in re.split(r"[\s,;|]+", text.strip()) if p]
    if len(parts) > MAX_START_DATES:
        raise ValidationError(_("At most %(n)d start dates.") % {"n": MAX_START_DATES})
    return sorted({_date(p) for p in parts})


def _number(cell, *, integer: bool):
    if cell.number is not None:
        return cells.exact_number(cell.number, integer=integer)
    return cells.parse_integer(cell.text) if integer else cells.parse_decimal(cell.text)


def _parse_training(key: str, cell, context) -> dict:
    text = cell.text
    if key == "language":
        return {key: _language(text)}
    if key == "mode":
        return {key: _mode(text)}
    if key == "cost":
        return {key: Decimal(_number(cell, integer=False))}
    if key == "duration_hours":
        return {key: _number(cell, integer=True)}
    if key == "start_dates":
        return {key: _dates(text)}
    if key == "level":
        return {"level_id": _level(text, context)}
    if key == "nuts3":
        return {"nuts3_id": _region(text, context)}
    return {key: text}


def _training_export(record: Training, key: str):
    if key == "language":
        return choice_label(Language, record.language)
    if key == "mode":
        return choice_label(TrainingMode, record.mode)
    if key == "start_dates":
        return ", ".join(record.start_dates or [])
    if key == "level":
        return record.level_id
    if key == "nuts3":
        return record.nuts3_id
    return getattr(record, key)


def _occupations() -> dict:
    found: dict[str, int] = {}
    for pk, uri, code, label_nl, label_en in Occupation.objects.values_list(
        "pk", "uri", "code", "label_nl", "label_en"
    ).iterator(chunk_size=2000):
        for name in (label_en, label_nl, code):
            if name:
                found.setdefault(normalise_header(name), pk)
        found[uri.strip()] = pk
    return found


def _vacancy_context() -> dict:
    return {**_context(), "occupations": _occupations()}


def _parse_vacancy(key: str, cell, context) -> dict:
    text = cell.text
    if key == "occupation":
        pk = context["occupations"].get(text.strip()) or context["occupations"].get(
            normalise_header(text)
        )
        if pk is None:
            raise ValidationError(
                _(
                    "Unknown occupation “%(value)s”; use its ESCO URI, ESCO code or its exact "
                    "Dutch or English name."
                )
                % {"value": text[:80]}
            )
        return {"occupation_id": pk}
    if key == "status":
        return {key: _status(text)}
    if key == "level":
        return {"level_id": _level(text, context)}
    if key == "nuts3":
        return {"nuts3_id": _region(text, context)}
    return {key: text}


def _vacancy_export(record: Vacancy, key: str):
    if key == "occupation":
        return record.occupation.uri
    if key == "status":
        return choice_label(VacancyStatus, record.status)
    if key == "level":
        return record.level_id
    if key == "nuts3":
        return record.nuts3_id
    return getattr(record, key)


def _notes(row) -> list[str]:
    return [row.owner] if row.owner else []


TRAINING_SPEC = OwnedSpec(
    model=Training,
    event="skills_training",
    owner_field="provider",
    name_field="title",
    columns=TRAINING_COLUMNS,
    parse=_parse_training,
    context=_context,
    compared=[
        "title",
        "description",
        "language",
        "mode",
        "cost",
        "duration_hours",
        "start_dates",
        "level_id",
        "nuts3_id",
    ],
    export_value=_training_export,
    file_stem="kennisbrug-trainings",
    sheet_title=("opleidingen", "trainings"),
)
VACANCY_SPEC = OwnedSpec(
    model=Vacancy,
    event="skills_vacancy",
    owner_field="organisation",
    name_field="title",
    columns=VACANCY_COLUMNS,
    parse=_parse_vacancy,
    context=_vacancy_context,
    compared=["title", "description", "occupation_id", "nuts3_id", "level_id", "status"],
    not_cleaned=["created_by"],
    export_value=_vacancy_export,
    file_stem="kennisbrug-vacancies",
    sheet_title=("vacatures", "vacancies"),
)

TRAINING_KIND = owned_kind(
    TRAINING_SPEC,
    key="trainings",
    label=gettext_lazy("Trainings"),
    help=gettext_lazy(
        "One row per training of a training provider: language, form, cost, duration, start "
        "dates, level and region. A training is recognised by its provider and its title."
    ),
    order=40,
    notes=_notes,
)
VACANCY_KIND = owned_kind(
    VACANCY_SPEC,
    key="vacancies",
    label=gettext_lazy("Vacancies"),
    help=gettext_lazy(
        "One row per vacancy of an employer, with the occupation (ESCO), the region of the "
        "place of work and the level asked. A vacancy is recognised by its employer and its title."
    ),
    order=50,
    notes=_notes,
)

"""`kbo import`: mirror the programme-area part of the KBO Open Data full download.

Six streamed passes over the files, each keeping only what concerns enterprises in
the programme area (memory grows with that selection, never with the files):

1. address.csv: addresses (not struck off) whose postcode lies in the programme area,
   of enterprises (registered office first) and of establishments;
2. establishment.csv: the enterprise of each establishment found in pass 1;
3. enterprise.csv: status, legal form, start date of those enterprises (legal persons:
   the names of natural persons are personal data the platform does not need);
4. denomination.csv: names, Dutch first; 5. activity.csv: NACE-BEL codes of the
   enterprise and its establishments there; 6. contact.csv: the website.

Every value that is read is checked before anything is written; the writes happen in
one transaction at the end, in batches, and skip rows whose content did not change.
So a run is all-or-nothing and running the same file twice changes nothing. A newer
monthly full file updates what changed, adds what is new and marks enterprises that
are no longer in it (or no longer in the area) as gone.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _
from stdnum.be import vat as be_enterprise_number  # the enterprise number is the old VAT number
from stdnum.exceptions import ValidationError as StdnumError

from kennisbrug.core.models import Postcode
from kennisbrug.core.sector_mapping import sectors_for_activities

from .constants import LEGAL_PERSON, REGISTER_ACTIVE, EnterpriseStatus
from .models import Enterprise, RegisterCode, RegisterImport
from .signals import sectors_changed
from .sources import MAX_ERRORS, KboImportError, KboSource, Limits

ENTERPRISE_NUMBER = re.compile(r"^[01][0-9]{3}\.[0-9]{3}\.[0-9]{3}$")
ESTABLISHMENT_NUMBER = re.compile(r"^[2-8]\.[0-9]{3}\.[0-9]{3}\.[0-9]{3}$")
NACE_CODE = re.compile(r"^[0-9]{2,7}$")
NACE_VERSIONS = frozenset({"2003", "2008", "2025"})
DATE = re.compile(r"^([0-9]{2})-([0-9]{2})-([0-9]{4})$")
# Denomination.Language: 1 French, 2 Dutch; TypeOfDenomination 001 official, 003 commercial.
LANG_FR, LANG_NL = "1", "2"
OFFICIAL, COMMERCIAL = "001", "003"
MAX_ACTIVITIES = 60
BATCH = 2000

Progress = Callable[[str], None]


@dataclass
class ImportSummary:
    extract_number: int
    snapshot_date: dt.date
    in_area: int = 0
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    gone: int = 0
    rows_read: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    # enterprises whose priority sectors are new or different with this extract
    sectors_changed: list[str] = field(default_factory=list)


class _Errors(list):
    def add(self, message: str) -> None:
        self.append(message)
        if len(self) > MAX_ERRORS:
            raise KboImportError(self)

    def raise_any(self) -> None:
        if self:
            raise KboImportError(self)


def _compact(number: str) -> str:
    return number.replace(".", "")


def _date(text: str, file: str, line: int, errors: _Errors) -> dt.date | None:
    if not text:
        return None
    match = DATE.match(text)
    if match:
        try:
            return dt.date(int(match[3]), int(match[2]), int(match[1]))
        except ValueError:
            pass
    errors.add(
        _("%(file)s line %(line)d: “%(value)s” is not a date in the form dd-mm-yyyy.")
        % {"file": file, "line": line, "value": text[:20]}
    )
    return None


def _bad_number(file: str, line: int, value: str) -> str:
    return _("%(file)s line %(line)d: “%(value)s” is not a valid KBO/BCE number.") % {
        "file": file,
        "line": line,
        "value": value[:20],
    }


def _entity_ok(number: str, file: str, line: int, errors: _Errors) -> bool:
    if ENTERPRISE_NUMBER.match(number) or ESTABLISHMENT_NUMBER.match(number):
        return True
    errors.add(_bad_number(file, line, number))
    return False


def _read_meta(source: KboSource) -> tuple[int, dt.date]:
    meta = {
        key.strip(): value.strip()
        for _line, (key, value) in source.rows("meta", ("Variable", "Value"))
    }
    errors = _Errors()
    if meta.get("ExtractType", "").lower() != "full":
        errors.add(_("meta.csv says this is not a full extract: import the monthly full download."))
    try:
        number = int(meta.get("ExtractNumber", ""))
    except ValueError:
        number = 0
        errors.add(_("meta.csv has no valid ExtractNumber."))
    snapshot = (
        _date(meta.get("SnapshotDate", ""), "meta.csv", 0, errors)
        if meta.get("SnapshotDate")
        else None
    )
    if snapshot is None and not errors:
        errors.add(_("meta.csv has no valid SnapshotDate."))
    errors.raise_any()
    assert snapshot is not None
    return number, snapshot


def _read_codes(source: KboSource) -> dict[tuple[str, str], list[str]]:
    """{(category, code): [description NL, description FR]}."""
    codes: dict[tuple[str, str], list[str]] = {}
    for _line, (category, code, language, description) in source.rows(
        "code", ("Category", "Code", "Language", "Description")
    ):
        entry = codes.setdefault((category[:40], code[:10]), ["", ""])
        if language == "NL":
            entry[0] = description[:500]
        elif language == "FR":
            entry[1] = description[:500]
    return codes


def _area_postcodes() -> dict[str, str]:
    """{Belgian postcode: NUTS3 code} for the postcodes in the programme area."""
    area: dict[str, str] = {}
    for code, nuts3 in Postcode.objects.filter(
        country_id="BE", nuts3__in_programme_area=True
    ).values_list("code", "nuts3_id"):
        area.setdefault(code, nuts3)
    return area


def _street(street_nl: str, street_fr: str, number: str, box: str) -> str:
    # Written as a Belgian address is: "bus" in Dutch, "bte" in French. Stored data
    # never depends on the language of whoever runs the import.
    street, word = (street_nl, "bus") if street_nl.strip() else (street_fr, "bte")
    text = " ".join(part for part in (street.strip(), number.strip()) if part)
    if box.strip():
        text = f"{text} {word} {box.strip()}"
    return text[:250]


def kbo_import(
    *, path: Path, limits: Limits | None = None, progress: Progress | None = None
) -> ImportSummary:
    """Import one KBO Open Data full extract (zip or folder).

    Raises KboImportError (translated sentences) when a file is missing, unreadable,
    has other columns than the register's, holds malformed values, or is older than
    the last extract imported; nothing is then written.
    """
    say = progress or (lambda _message: None)
    source = KboSource(Path(path), limits=limits)
    for name in (
        "meta",
        "code",
        "address",
        "establishment",
        "enterprise",
        "denomination",
        "activity",
        "contact",
    ):
        if source.has(name):
            source.check_header(name)
    extract_number, snapshot = _read_meta(source)
    last = RegisterImport.objects.order_by("-extract_number").first()
    if last and extract_number < last.extract_number:
        raise KboImportError(
            [
                _(
                    "This extract (number %(number)d) is older than the one already imported (%(last)d)."
                )
                % {"number": extract_number, "last": last.extract_number}
            ]
        )
    summary = ImportSummary(extract_number=extract_number, snapshot_date=snapshot)
    codes = _read_codes(source)
    area = _area_postcodes()
    errors = _Errors()
    rows = 0

    # 1. addresses in the area
    say("address.csv")
    enterprise_address: dict[str, tuple[str, str, str, bool]] = {}
    establishment_address: dict[str, tuple[str, str, str]] = {}
    for line, (
        number,
        kind,
        zipcode,
        city_nl,
        city_fr,
        street_nl,
        street_fr,
        house,
        box,
        struck,
    ) in source.rows(
        "address",
        (
            "EntityNumber",
            "TypeOfAddress",
            "Zipcode",
            "MunicipalityNL",
            "MunicipalityFR",
            "StreetNL",
            "StreetFR",
            "HouseNumber",
            "Box",
            "DateStrikingOff",
        ),
    ):
        rows += 1
        if not _entity_ok(number, "address.csv", line, errors):
            continue
        if struck or zipcode.strip() not in area:
            continue
        address = (
            _street(street_nl, street_fr, house, box),
            zipcode.strip(),
            (city_nl or city_fr)[:200],
        )
        if len(number) == 12:  # 9999.999.999: the enterprise itself
            is_office = kind == "REGO"
            current = enterprise_address.get(number)
            if current is None or (is_office and not current[3]):
                enterprise_address[number] = (*address, is_office)
        else:
            establishment_address[number] = address
    errors.raise_any()

    # 2. establishments in the area → their enterprise
    say("establishment.csv")
    enterprise_of: dict[str, str] = {}
    establishment_count: dict[str, int] = {}
    for line, (establishment, enterprise) in source.rows(
        "establishment", ("EstablishmentNumber", "EnterpriseNumber")
    ):
        rows += 1
        if not ESTABLISHMENT_NUMBER.match(establishment):
            errors.add(_bad_number("establishment.csv", line, establishment))
            continue
        if not ENTERPRISE_NUMBER.match(enterprise):
            errors.add(_bad_number("establishment.csv", line, enterprise))
            continue
        located = establishment_address.get(establishment)
        if located is None:
            continue
        enterprise_of[establishment] = enterprise
        establishment_count[enterprise] = establishment_count.get(enterprise, 0) + 1
        if enterprise not in enterprise_address:
            enterprise_address[enterprise] = (*located, False)
    errors.raise_any()
    del establishment_address

    # 3. the enterprises themselves
    say("enterprise.csv")
    kept: dict[str, list] = {}
    for line, (number, status, situation, kind, form, form_cac, start) in source.rows(
        "enterprise",
        (
            "EnterpriseNumber",
            "Status",
            "JuridicalSituation",
            "TypeOfEnterprise",
            "JuridicalForm",
            "JuridicalFormCAC",
            "StartDate",
        ),
    ):
        rows += 1
        if not ENTERPRISE_NUMBER.match(number):
            errors.add(_bad_number("enterprise.csv", line, number))
            continue
        try:
            be_enterprise_number.validate(number)
        except StdnumError:
            errors.add(_bad_number("enterprise.csv", line, number))
            continue
        started = _date(start, "enterprise.csv", line, errors)
        if number not in enterprise_address or kind != LEGAL_PERSON:
            continue
        # JuridicalFormCAC is the form to read while the statutes are not yet adapted
        # to the 2019 Companies and Associations Code.
        kept[number] = [status[:2], situation[:3], (form_cac or form)[:3], started]
    errors.raise_any()

    # 4. names
    say("denomination.csv")
    names: dict[str, list[str]] = {}
    for line, (number, language, kind, name) in source.rows(
        "denomination", ("EntityNumber", "Language", "TypeOfDenomination", "Denomination")
    ):
        rows += 1
        if not _entity_ok(number, "denomination.csv", line, errors) or number not in kept:
            continue
        entry = names.setdefault(number, ["", "", "", ""])  # NL, FR, other, commercial
        name = " ".join(name.split())[:320]
        if kind == OFFICIAL:
            slot = 0 if language == LANG_NL else 1 if language == LANG_FR else 2
            if not entry[slot]:
                entry[slot] = name
        elif kind == COMMERCIAL and (not entry[3] or language == LANG_NL):
            entry[3] = name
    errors.raise_any()

    # 5. activities of the enterprise and of its establishments in the area
    say("activity.csv")
    activities: dict[str, dict[tuple[str, str, str], None]] = {}
    for line, (number, version, code, classification) in source.rows(
        "activity", ("EntityNumber", "NaceVersion", "NaceCode", "Classification")
    ):
        rows += 1
        if not _entity_ok(number, "activity.csv", line, errors):
            continue
        owner = number if len(number) == 12 else enterprise_of.get(number)
        if owner not in kept:
            continue
        if version not in NACE_VERSIONS or not NACE_CODE.match(code):
            errors.add(
                _(
                    "activity.csv line %(line)d: “%(code)s” (version %(version)s) is not a NACE-BEL code."
                )
                % {"line": line, "code": code[:10], "version": version[:6]}
            )
            continue
        found = activities.setdefault(owner, {})
        if len(found) < MAX_ACTIVITIES:
            found[(version, code, classification[:4])] = None
    errors.raise_any()

    # 6. websites
    websites: dict[str, str] = {}
    if source.has("contact"):
        say("contact.csv")
        for line, (number, entity_kind, kind, value) in source.rows(
            "contact", ("EntityNumber", "EntityContact", "ContactType", "Value")
        ):
            rows += 1
            if not _entity_ok(number, "contact.csv", line, errors):
                continue
            if kind == "WEB" and entity_kind == "ENT" and number in kept and number not in websites:
                websites[number] = value.strip()[:254]
        errors.raise_any()

    summary.rows_read = rows
    say(_("writing"))
    with transaction.atomic():
        _write_codes(codes)
        _write_enterprises(
            summary,
            kept=kept,
            addresses=enterprise_address,
            area=area,
            names=names,
            activities=activities,
            websites=websites,
            establishment_count=establishment_count,
        )
        RegisterImport.objects.create(
            extract_number=extract_number,
            snapshot_date=snapshot,
            source=str(path)[-300:],
            added=summary.added,
            updated=summary.updated,
            unchanged=summary.unchanged,
            gone=summary.gone,
            rows_read=rows,
        )
        if summary.sectors_changed:
            numbers = list(summary.sectors_changed)
            transaction.on_commit(lambda: sectors_changed.send(sender=Enterprise, numbers=numbers))
    return summary


def _write_codes(codes: dict[tuple[str, str], list[str]]) -> None:
    existing = {
        (c.category, c.code): c for c in RegisterCode.objects.all().iterator(chunk_size=BATCH)
    }
    new, changed = [], []
    for (category, code), (nl, fr) in codes.items():
        row = existing.get((category, code))
        if row is None:
            new.append(
                RegisterCode(category=category, code=code, description_nl=nl, description_fr=fr)
            )
        elif (row.description_nl, row.description_fr) != (nl, fr):
            row.description_nl, row.description_fr = nl, fr
            changed.append(row)
    RegisterCode.objects.bulk_create(new, batch_size=BATCH)
    RegisterCode.objects.bulk_update(
        changed, ["description_nl", "description_fr"], batch_size=BATCH
    )


FIELDS = [
    "status",
    "register_status",
    "juridical_situation",
    "legal_form",
    "start_date",
    "name",
    "name_nl",
    "name_fr",
    "commercial_name",
    "street",
    "postcode",
    "city",
    "nuts3",
    "website",
    "activities",
    "sector_codes",
    "establishments",
    "last_seen_extract",
    "gone_since",
    "fingerprint",
]


def _write_enterprises(
    summary: ImportSummary,
    *,
    kept,
    addresses,
    area,
    names,
    activities,
    websites,
    establishment_count,
) -> None:
    numbers = sorted(kept)
    summary.in_area = len(numbers)
    for start in range(0, len(numbers), BATCH):
        batch = numbers[start : start + BATCH]
        compact = [_compact(n) for n in batch]
        existing = {
            e.number: e
            for e in Enterprise.objects.filter(number__in=compact).only(
                "number", "fingerprint", "last_seen_extract", "sector_codes"
            )
        }
        new, changed, seen_only = [], [], []
        for number, key in zip(compact, batch, strict=True):
            register_status, situation, form, started = kept[key]
            street, postcode, city, _office = addresses[key]
            name_nl, name_fr, name_other, commercial = names.get(key, ["", "", "", ""])
            found = list(activities.get(key, {}))
            enterprise = Enterprise(
                number=number,
                status=EnterpriseStatus.ACTIVE
                if register_status == REGISTER_ACTIVE
                else EnterpriseStatus.STOPPED,
                register_status=register_status,
                juridical_situation=situation,
                legal_form=form,
                start_date=started,
                name=(name_nl or name_fr or name_other or commercial or f"{key}")[:320],
                name_nl=name_nl,
                name_fr=name_fr,
                commercial_name=commercial,
                street=street,
                postcode=postcode,
                city=city,
                nuts3_id=area.get(postcode),
                website=websites.get(key, ""),
                activities=[list(a) for a in found],
                sector_codes=sectors_for_activities((v, c) for v, c, _cls in found),
                establishments=establishment_count.get(key, 0),
                last_seen_extract=summary.extract_number,
                gone_since=None,
            )
            enterprise.fingerprint = _fingerprint(enterprise)
            before = existing.get(number)
            # the activities of an entry that left the area extract still describe the firm
            if (before.sector_codes if before else []) != enterprise.sector_codes:
                summary.sectors_changed.append(number)
            if before is None:
                new.append(enterprise)
            elif before.fingerprint != enterprise.fingerprint:
                changed.append(enterprise)
            elif before.last_seen_extract != summary.extract_number:
                seen_only.append(number)
            else:
                summary.unchanged += 1
        Enterprise.objects.bulk_create(new, batch_size=BATCH)
        Enterprise.objects.bulk_update(changed, FIELDS, batch_size=BATCH)
        if seen_only:
            Enterprise.objects.filter(number__in=seen_only).update(
                last_seen_extract=summary.extract_number
            )
        summary.added += len(new)
        summary.updated += len(changed)
        summary.unchanged += len(seen_only)
    _mark_gone(summary, {_compact(n) for n in numbers})


def _mark_gone(summary: ImportSummary, present: set[str]) -> None:
    gone = [
        number
        for number in Enterprise.objects.exclude(status=EnterpriseStatus.GONE)
        .values_list("number", flat=True)
        .iterator(chunk_size=BATCH)
        if number not in present
    ]
    for start in range(0, len(gone), BATCH):
        batch = gone[start : start + BATCH]
        Enterprise.objects.filter(number__in=batch).update(
            status=EnterpriseStatus.GONE, gone_since=summary.snapshot_date, fingerprint=""
        )
    summary.gone = len(gone)


def _fingerprint(enterprise: Enterprise) -> str:
    values = [
        enterprise.status,
        enterprise.register_status,
        enterprise.juridical_situation,
        enterprise.legal_form,
        enterprise.start_date.isoformat() if enterprise.start_date else "",
        enterprise.name,
        enterprise.name_nl,
        enterprise.name_fr,
        enterprise.commercial_name,
        enterprise.street,
        enterprise.postcode,
        enterprise.city,
        enterprise.nuts3_id or "",
        enterprise.website,
        repr(enterprise.activities),
        repr(enterprise.sector_codes),
        str(enterprise.establishments),
    ]
    return hashlib.blake2b("\x1f".join(values).encode(), digest_size=16).hexdigest()

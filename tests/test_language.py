"""One language at a time: every page, in Dutch and in English, as the roles that see
the most, shows no raw code, no NUTS code and (in Dutch) no English month names; and
every entry of the Dutch catalogues is translated.

The raw codes are derived from the models' choices: a stored value whose label in the
page's language is a different word (``draft`` shown as "Concept") must never appear
on a page as such. A value that is also an ordinary word of the page's language (it
occurs in that language's texts of the catalogues: ``partner`` and ``open`` in Dutch,
``draft`` in English) is left alone, as prose may use it; ``very_tight`` or ``medium``
in Dutch are never prose.

Run: uv run pytest tests/test_language.py
"""

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.apps import apps
from django.conf import settings
from django.db import models
from django.test import Client
from django.utils import translation

from tests.clients import log_in
from tests.site_walk import build_site, pages

LOGIN_PATH = "/accounts/login/"
PKG = Path(__file__).resolve().parents[1] / "src" / "kennisbrug"

# NUTS codes of the two countries (BE2, BE21, BE211, NL4, NL42, NL423) as whole words.
NUTS = re.compile(r"(?<![\w-])(?:BE|NL)[1-9][0-9A-Z]{0,2}(?![\w-])")

# English month names that are not also Dutch ones (April, September, November and
# December are spelled alike, lower case in Dutch), and English abbreviations next to
# a day number: Dutch writes "6 sep", English "6 Sep" or "Sep 6".
ENGLISH_MONTH = re.compile(
    r"\b(?:January|February|March|May|June|July|August|October)\b"
    r"|\b\d{1,2}\.? (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\b"
    r"|\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.? \d{1,2}\b"
)

# Visible text: text nodes outside script/style plus the attributes a person reads
# or hears.
READ_ATTRIBUTES = ("title", "aria-label", "placeholder", "alt", "value")
HIDDEN_TAGS = ("script", "style", "template")


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in HIDDEN_TAGS:
            self._hidden += 1
        attributes = dict(attrs)
        hidden_input = tag == "input" and attributes.get("type") in ("hidden", "checkbox", "radio")
        for name in READ_ATTRIBUTES:
            if name == "value" and (tag != "input" or hidden_input):
                continue
            if attributes.get(name):
                self.parts.append(attributes[name])

    def handle_endtag(self, tag):
        if tag in HIDDEN_TAGS and self._hidden:
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden and data.strip():
            self.parts.append(data.strip())


def visible_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return "\n".join(parser.parts)


WORD = re.compile(r"[^\W\d]+(?:[-'][^\W\d]+)*")


def vocabulary(language: str) -> set[str]:
    """The words of `language` the site itself writes: the Dutch catalogues' msgstrs
    or their English msgids, and the reference data's texts in that language (fields
    ending in `_nl` / `_en`, e.g. the programme's own description of its objectives)."""
    words: set[str] = set()
    for po in PKG.rglob("locale/nl/LC_MESSAGES/django.po"):
        for msgid, translations, _fuzzy in _po_entries(po):
            for text in translations if language == "nl" else [msgid]:
                words.update(w.casefold() for w in WORD.findall(text))
    for model in apps.get_app_config("core").get_models():
        fields = [
            f.name
            for f in model._meta.concrete_fields
            if f.name.endswith(f"_{language}")
            and isinstance(f, models.CharField | models.TextField)
        ]
        for row in model.objects.values_list(*fields) if fields else ():
            for text in row:
                words.update(w.casefold() for w in WORD.findall(text or ""))
    return words


def raw_codes(language: str) -> dict[str, re.Pattern]:
    """Every choice value of every model field whose label, in `language`, is another
    word and that is no word of the language: a code a page must never show."""
    words = vocabulary(language)
    codes: dict[str, str] = {}
    with translation.override(language):
        for value, label in _all_choices():
            if not isinstance(value, str) or len(value) < 3:
                continue
            if value.casefold() in words:
                continue
            if value.casefold() != str(label).casefold():
                codes[value] = str(label)
    return {value: re.compile(rf"(?<![\w\-/.]){re.escape(value)}(?![\w\-/])") for value in codes}


def _all_choices():
    """The choices of every model field and every choices enum of the project."""
    for model in apps.get_models():
        if model.__module__.startswith("kennisbrug."):
            for field in model._meta.get_fields():
                yield from getattr(field, "flatchoices", None) or ()
    enums = list(models.Choices.__subclasses__())
    while enums:
        enum = enums.pop()
        enums += enum.__subclasses__()
        if enum.__module__.startswith("kennisbrug."):
            yield from enum.choices


def _po_entries(path: Path):
    """`(msgid, msgstr, fuzzy)` per entry of a .po file (plural forms: msgstr[0..n])."""
    entries, block = [], []
    for line in [*path.read_text("utf-8").splitlines(), ""]:
        if line.strip():
            block.append(line)
            continue
        if block:
            entries.append(_parse_block(block))
            block = []
    return [e for e in entries if e is not None]


def _parse_block(block: list[str]):
    fuzzy = any(line.startswith("#,") and "fuzzy" in line for line in block)
    if all(line.startswith("#") for line in block):
        return None
    fields: dict[str, str] = {}
    current = None
    for line in block:
        if line.startswith("#~"):
            continue
        if line.startswith("#"):
            continue
        match = re.match(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?) "(.*)"$', line)
        if match:
            current = match.group(1)
            fields[current] = match.group(2)
        elif line.startswith('"') and current:
            fields[current] += line[1:-1]
    msgid = fields.get("msgid", "")
    translations = [v for k, v in fields.items() if k.startswith("msgstr")]
    return msgid, translations, fuzzy


def test_every_dutch_catalogue_entry_is_translated():
    catalogues = sorted(PKG.rglob("locale/nl/LC_MESSAGES/django.po"))
    assert catalogues, "no Dutch catalogues found"
    problems = []
    for po in catalogues:
        for msgid, translations, fuzzy in _po_entries(po):
            if msgid == "":  # the header
                continue
            where = po.relative_to(PKG)
            if fuzzy:
                problems.append(f"{where}: fuzzy: {msgid!r}")
            elif not translations or not all(t.strip() for t in translations):
                problems.append(f"{where}: untranslated: {msgid!r}")
    assert not problems, "\n".join(problems)


def _findings(text: str, language: str, codes: dict[str, re.Pattern]) -> list[str]:
    found = []
    for value, pattern in codes.items():
        if pattern.search(text):
            found.append(f"raw code {value!r}")
    found += [f"NUTS code {m}" for m in sorted(set(NUTS.findall(text)))]
    if language == "nl":
        found += [f"English month {m!r}" for m in sorted(set(ENGLISH_MONTH.findall(text)))]
    return found


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_page_speaks_one_language(language):
    people = build_site()
    codes = raw_codes(language)
    clients: dict[str, Client] = {}
    failures = []
    walk = pages(people)
    for role, path in walk:
        if role not in clients:
            client = Client()
            client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
            user = people.by_role()[role]
            if user is not None:
                log_in(client, user)
            clients[role] = client
        response = clients[role].get(path, follow=True)
        if response.status_code != 200:
            failures.append(f"{role} {path}: HTTP {response.status_code}")
            continue
        # A role that may not use the page is sent to the login page: then the walk
        # would check the login page instead, so that counts as a failure.
        landed = response.request["PATH_INFO"]
        if landed == LOGIN_PATH and urlsplit(path).path != LOGIN_PATH:
            failures.append(f"{role} {path}: sent to the login page")
            continue
        found = _findings(visible_text(response.content.decode()), language, codes)
        if found:
            failures.append(f"{role} {path}: {', '.join(found)}")
    assert not failures, f"{len(failures)} of {len(walk)} pages ({language}):\n" + "\n".join(
        failures
    )


@pytest.mark.django_db
def test_the_checks_find_what_they_look_for():
    """The detectors themselves: a page with each kind of mistake is caught."""
    html = (
        "<html><body><p>Status: draft → submitted, 6 Sep 2026, regio BE21</p>"
        "<script>var x = 'very_tight';</script><input type='hidden' value='sme'></body></html>"
    )
    text = visible_text(html)
    assert "very_tight" not in text and "sme" not in text
    codes = raw_codes("nl")
    assert "training" not in codes  # a Dutch word too (the programme's texts use it)
    found = _findings(text, "nl", codes)
    assert "raw code 'draft'" in found
    assert "raw code 'submitted'" in found
    assert "NUTS code BE21" in found
    assert "English month '6 Sep'" in found
    assert _findings("Status: Concept, 6 sep 2026, Limburg (BE)", "nl", raw_codes("nl")) == []

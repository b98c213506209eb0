"""What people type reaches the same documents: variants, plurals, diminutives, compounds;
explanations without filler; weak matches called weak. Engine only, no Django."""

import pytest

from kennisbrug.matching.engine import Concept, Document, Engine, Query
from kennisbrug.matching.engine.analysis import GENERIC_WORDS
from kennisbrug.matching.engine.variants import parse_variants, shipped_variants

GREENHOUSE = Concept(
    "var:greenhouse",
    {"nl": "kas", "en": "greenhouse"},
    ("kas", "glastuinbouw", "serre", "greenhouse"),
)
SME = Concept("var:sme", {"nl": "mkb", "en": "SME"}, ("mkb", "kmo", "SME"))
MOISTURE = Concept("var:moisture", {"nl": "vocht", "en": "moisture"}, ("vocht", "humidity"))


def docs():
    return [
        Document("org", "glas", "Tuinbouwtechniek Westland", "Sensoren voor de glastuinbouw."),
        Document("org", "kmo", "Digitaal voor kmo's", "Wij begeleiden kmo's bij digitalisering."),
        Document("org", "damp", "Climate control", "We measure humidity in storage halls."),
        Document(
            "org",
            "filler",
            "Haven Logistics",
            "Wij leveren oplossingen en zoeken partners voor containers in de haven.",
        ),
        Document("org", "robot", "Robotlab", "Wij bouwen een robot voor het sorteren van pakjes."),
    ]


@pytest.fixture
def engine():
    e = Engine(concepts=[GREENHOUSE, SME, MOISTURE], variants=())
    e.upsert(docs())
    return e


def ids(hits):
    return [h.id for h in hits]


@pytest.mark.parametrize("text", ["kas", "kassen", "serre", "greenhouse", "een kasje"])
def test_every_word_for_a_greenhouse_finds_the_glastuinbouw_document(engine, text):
    hits = engine.search(Query(text=text))
    assert ids(hits)[:1] == ["glas"]
    assert hits[0].strong


@pytest.mark.parametrize("text", ["mkb", "MKB-bedrijven", "SME"])
def test_dutch_mkb_and_english_sme_find_the_flemish_kmo(engine, text):
    assert ids(engine.search(Query(text=text)))[:1] == ["kmo"]


def test_a_compound_meets_its_part_through_the_concept(engine):
    hits = engine.search(Query(text="vochtproblemen"))
    assert ids(hits)[:1] == ["damp"]
    variants = next(r for r in hits[0].explanation if r["type"] == "variants")
    assert variants["values"] == [
        {"concept": "var:moisture", "query": "vochtproblemen", "document": "humidity"}
    ]


def test_a_diminutive_meets_its_base_word(engine):
    assert ids(engine.search(Query(text="robotjes")))[:1] == ["robot"]


def test_generic_words_neither_match_nor_explain(engine):
    hits = engine.search(Query(text="Wie levert oplossingen voor containers?"))
    assert ids(hits)[:1] == ["filler"]
    words = [v for r in hits[0].explanation if r["type"] == "terms" for v in r["values"]]
    assert words == ["containers"]
    # filler alone finds the filler document, but never as a strong match on a topic
    assert {"leveren", "oplossingen", "zoeken"} <= GENERIC_WORDS


def test_a_question_the_catalogue_does_not_answer_is_weak(engine):
    hits = engine.search(Query(text="aardappelen bewaren zonder kiemen in de kas"))
    assert hits and ids(hits)[0] == "glas"
    assert not hits[0].strong  # one of four topic words
    assert hits[0].components["coverage"] == pytest.approx(0.25)


def test_shipped_variants_parse_and_cover_the_regional_pairs():
    by_id = {c.id: c for c in shipped_variants()}
    assert {"kas", "serre", "greenhouse", "glastuinbouw"} <= set(by_id["var:greenhouse"].synonyms)
    assert {"mkb", "kmo", "SME"} <= set(by_id["var:sme"].synonyms)
    assert {"hogeschool", "hbo"} <= set(by_id["var:applied-university"].synonyms)


def test_no_shipped_variant_word_belongs_to_two_concepts():
    engine = Engine()
    owner: dict[frozenset, str] = {}
    for concept in shipped_variants():
        for label in concept.all_labels():
            units = tuple(engine.lexicon._units(label))
            if len(units) != 1:
                continue
            other = owner.setdefault(units[0], concept.id)
            assert other == concept.id, f"{label!r} is in {other} and {concept.id}"


def test_the_default_engine_uses_the_shipped_lexicon():
    e = Engine()
    e.upsert([Document("org", "1", "Serrebouw Roeselare", "Wij bouwen serres.")])
    assert ids(e.search(Query(text="glastuinbouw")))[:1] == ["1"]


@pytest.mark.parametrize(
    "lines",
    [
        ["only\ttwo"],
        ["x\t\t\tgreenhouse"],
        ["x\tkas\t\tgreenhouse", "x\tserre\t\tgreenhouse"],
    ],
)
def test_a_broken_variants_file_is_refused(lines):
    with pytest.raises(ValueError):
        parse_variants(lines)

import pytest

from kennisbrug.matching.engine.analysis import (
    STOP_WORDS_EN,
    STOP_WORDS_NL,
    Analyzer,
    clean_text,
    fold,
    tokenize,
)


def test_fold_strips_accents_and_casefolds():
    assert fold("Technologieën CAFÉ Straße") == "technologieen cafe strasse"


def test_tokenize_drops_control_characters_and_markup_punctuation():
    assert tokenize("Fotonica\x00lab <b>Gent</b>\u200b!") == ["fotonica", "lab", "b", "gent", "b"]


def test_clean_text_cuts_long_input_at_a_word_boundary():
    text = "waterstof " * 10_000
    cleaned = clean_text(text, max_chars=1_000)
    assert len(cleaned) <= 1_000
    assert cleaned.split() == ["waterstof"] * len(cleaned.split())


def test_stop_words_cover_both_languages():
    assert {"de", "het", "een", "en", "van"} <= STOP_WORDS_NL
    assert {"the", "and", "of", "for"} <= STOP_WORDS_EN
    assert Analyzer().terms("de en het the of and") == []


def test_dutch_porter_keeps_the_ge_prefix():
    # the newer Snowball "dutch" stemmer turns "gebruikt" into "bruik"
    assert "gebruikt" in Analyzer().analyse_word("gebruikt").stems


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("robots", "robot"),
        ("bedrijven", "bedrijf"),
        ("monteurs", "monteur"),
        ("storage", "storages"),
    ],
)
def test_inflections_share_a_stem(a, b):
    analyzer = Analyzer()
    assert analyzer.analyse_word(a).stems & analyzer.analyse_word(b).stems


@pytest.mark.parametrize(
    ("word", "parts"),
    [
        ("waterstofopslag", ["waterstof", "opslag"]),
        ("lasrobot", ["las", "robot"]),
        ("onderzoekscentrum", ["onderzoek", "centrum"]),  # linking -s-
        ("productielijnen", ["productie", "lijnen"]),
    ],
)
def test_compounds_split_into_known_parts(word, parts):
    assert Analyzer().split(word) == parts


def test_linking_en_and_learned_vocabulary():
    analyzer = Analyzer()
    assert analyzer.split("boekenkast") == []
    analyzer.learn(["boek", "kast"])
    assert analyzer.split("boekenkast") == ["boek", "kast"]


def test_lexicalised_words_and_short_words_are_not_split():
    analyzer = Analyzer()
    assert analyzer.split("waterstof") == []
    assert analyzer.split("robot") == []
    assert analyzer.split("bakkerij") == []


def test_compound_terms_include_the_parts_so_dutch_matches_across_compounds():
    analyzer = Analyzer()
    compound = set(analyzer.terms("waterstofopslagtanks"))
    loose = set(analyzer.terms("opslag van waterstof in een tank"))
    assert {"waterstof", "opslag", "tank"} <= compound & loose


def test_learn_bumps_the_version_only_for_new_words():
    analyzer = Analyzer()
    v = analyzer.version
    assert analyzer.learn(["kwantumsensor"]) == 1
    assert analyzer.version == v + 1
    assert analyzer.learn(["kwantumsensor", "de"]) == 0
    assert analyzer.version == v + 1


def test_mixed_language_text_gets_both_stemmers():
    stems = Analyzer().analyse_word("welding").stems
    assert "weld" in stems  # English stem
    assert "welding" in stems  # the Dutch stemmer leaves it alone

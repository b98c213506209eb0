from kennisbrug.matching.engine import Concept, ConceptLexicon

from .conftest import CONCEPTS


def test_lasrobot_and_robotic_welding_meet_on_one_concept():
    lexicon = ConceptLexicon(CONCEPTS)
    assert "ket:robotic-welding" in lexicon.recognise("Wij zoeken lasrobots voor onze fabriek")
    assert "ket:robotic-welding" in lexicon.recognise("Robotic welding of thin steel sheets")
    assert "ket:robotic-welding" in lexicon.recognise("a collaborative welding robot")


def test_compound_aware_recognition():
    lexicon = ConceptLexicon(CONCEPTS)
    found = lexicon.recognise("Een lasrobotcel en waterstofopslag")
    assert found.keys() >= {"ket:robotic-welding", "sector:energy"}
    assert found["ket:robotic-welding"] == "lasrobotcel"


def test_multi_word_labels_need_all_words_in_order():
    lexicon = ConceptLexicon([Concept("ket:ai", {"en": "artificial intelligence"})])
    assert "ket:ai" in lexicon.recognise("Applied Artificial Intelligence for SMEs")
    assert lexicon.recognise("intelligence that is artificial") == {}
    assert lexicon.recognise("artificial flowers") == {}


def test_accents_and_inflection_do_not_matter():
    lexicon = ConceptLexicon([Concept("ket:nano", {"nl": "nanotechnologie"})])
    assert "ket:nano" in lexicon.recognise("NANOTECHNOLOGIEËN in de zorg")


def test_concepts_added_later_are_recognised():
    lexicon = ConceptLexicon()
    assert lexicon.recognise("fotonica") == {}
    lexicon.add([Concept("ket:photonics", {"nl": "fotonica"})])
    assert lexicon.recognise("fotonica") == {"ket:photonics": "fotonica"}
    assert len(lexicon) == 1
    assert "ket:photonics" in lexicon


def test_round_trips_through_json():
    concept = CONCEPTS[0]
    assert Concept.from_json(concept.to_json()) == concept

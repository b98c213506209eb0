import dataclasses
import threading
import time

import pytest

from kennisbrug.matching.engine import (
    EmptyQuery,
    Engine,
    EngineConfig,
    IndexFormatError,
    InvalidQuery,
    Query,
)

from .conftest import CONCEPTS, make_docs
from .factories import DocumentFactory


def ids(hits):
    return [h.id for h in hits]


def test_dutch_compound_query_finds_the_english_hydrogen_facility(engine):
    hits = engine.search(Query("waterstofopslag in tanks", kinds=("facility",)))
    assert set(ids(hits[:2])) == {"hydrogen-nl", "hydrogen-be"}


def test_cross_lingual_semantic_match_without_shared_words(engine):
    hits = engine.search(Query("brood en banket"))
    assert ids(hits)[0] == "bakery-nl"
    hits = engine.search(Query("fresh bread from a baker"))
    assert ids(hits)[0] == "bakery-nl"
    assert hits[0].components["lexical"] == 0
    assert hits[0].explanation[0]["type"] == "semantic"


def test_lasrobot_meets_robotic_welding_through_the_concept(lexical_engine):
    hits = lexical_engine.search(Query("lasrobot"))
    assert ids(hits) == ["welding-nl"]
    assert {"type": "concepts", "values": ["ket:robotic-welding"]} in hits[0].explanation


def test_inflected_dutch_matches_dutch(lexical_engine):
    hits = lexical_engine.search(Query("ondergrondse waterstoftank"))
    assert ids(hits)[0] == "hydrogen-be"
    terms = next(r for r in hits[0].explanation if r["type"] == "terms")
    assert "ondergrondse" in terms["values"]
    assert "waterstoftank" in terms["values"]


def test_explanations_are_structured(engine):
    hits = engine.search(Query("fotonica lasersnijden", cross_border_from="NL"))
    top = hits[0]
    assert top.id == "photonics-be"
    by_type = {r["type"]: r for r in top.explanation}
    assert by_type["terms"]["values"] == ["fotonica", "lasersnijden"]
    assert by_type["concepts"]["values"] == ["ket:photonics"]
    assert 0 < by_type["semantic"]["value"] <= 1
    assert by_type["cross_border"] == {"type": "cross_border", "country": "BE"}
    assert by_type["programme_area"] == {"type": "programme_area", "nuts3": "BE234"}
    assert set(top.components) == {"lexical", "semantic", "concept", "coverage"}
    assert top.components["lexical"] == 1.0


def test_filters_apply_before_ranking(lexical_engine):
    query = Query("robots lasersnijden brood", filters={"available": True})
    assert set(ids(lexical_engine.search(query))) == {"photonics-be", "welding-nl"}
    query = Query("robots lasersnijden brood", filters={"trl": [7, 9]})
    assert set(ids(lexical_engine.search(query))) == {"welding-nl", "bakery-nl"}
    query = Query("robots lasersnijden", filters={"tags": "optics", "available": True})
    assert ids(lexical_engine.search(query)) == ["photonics-be"]
    query = Query("robots lasersnijden", filters={"available": "yes"})
    assert lexical_engine.search(query) == []


def test_kind_country_and_programme_area_filters(engine):
    assert {h.id for h in engine.search(Query("waterstof", kinds=["facility"], limit=50))} <= {
        "hydrogen-nl",
        "hydrogen-be",
    }
    found = engine.search(Query("food innovation", country="DE", limit=50))
    assert ids(found) == ["food-de"]
    in_area = engine.search(Query("agrifood food industry", programme_area_only=True, limit=50))
    assert "food-de" not in ids(in_area)
    assert engine.search(Query("waterstof", kinds=["no-such-kind"])) == []


def test_cross_border_boost_lifts_the_other_country(lexical_engine):
    base = Query("waterstofopslag tanks", kinds=("facility",))
    scores = {h.id: h.score for h in lexical_engine.search(base)}
    from_be = {
        h.id: h for h in lexical_engine.search(dataclasses.replace(base, cross_border_from="BE"))
    }
    assert from_be["hydrogen-nl"].score == pytest.approx(scores["hydrogen-nl"] * 1.15)
    assert from_be["hydrogen-be"].score == pytest.approx(scores["hydrogen-be"])
    assert {"type": "cross_border", "country": "NL"} in from_be["hydrogen-nl"].explanation


def test_sector_fit_boost_uses_the_askers_concepts(lexical_engine):
    query = Query("pilots with farmers and food", concepts=frozenset({"sector:agrifood"}))
    top = lexical_engine.search(query)[0]
    assert top.id == "food-de"
    assert {"type": "sector_fit", "values": ["sector:agrifood"]} in top.explanation


@pytest.mark.parametrize("text", ["", "   ", "\n\t", "?!", "\x00\x01"])
def test_empty_query_raises_a_specific_error(engine, text):
    with pytest.raises(EmptyQuery) as exc:
        engine.search(Query(text))
    assert exc.value.code == "empty_query"


@pytest.mark.parametrize("kwargs", [{"limit": 0}, {"limit": 5000}, {"offset": -1}])
def test_bad_paging_is_invalid(engine, kwargs):
    with pytest.raises(InvalidQuery, match="must be between"):
        engine.search(Query("waterstof", **kwargs))


def test_hostile_text_is_just_text(engine):
    for text in ["'; DROP TABLE organisations; --", "<script>alert('x')</script> fotonica"]:
        engine.search(Query(text))
    assert ids(engine.search(Query("<b>fotonica</b>\x00\x07")))[0] == "photonics-be"


def test_a_50_kb_query_is_truncated_and_still_answers(engine):
    text = "waterstofopslag " + "lorem ipsum dolor " * 3_000
    assert len(text) > 50_000
    assert "hydrogen-be" in ids(engine.search(Query(text, limit=20)))


def test_limit_and_offset_page_through_the_ranking(lexical_engine):
    everything = ids(lexical_engine.search(Query("robots waterstof fotonica brood", limit=50)))
    page = ids(lexical_engine.search(Query("robots waterstof fotonica brood", limit=2, offset=1)))
    assert page == everything[1:3]


def test_upsert_replaces_and_remove_deletes(lexical_engine):
    assert len(lexical_engine) == 6
    old = lexical_engine.get("provider", "bakery-nl")
    lexical_engine.upsert([dataclasses.replace(old, title="Kaasmakerij", body="Boerenkaas")])
    assert len(lexical_engine) == 6
    assert lexical_engine.search(Query("bakkerij brood")) == []
    assert ids(lexical_engine.search(Query("boerenkaas"))) == ["bakery-nl"]
    assert lexical_engine.remove("provider", "bakery-nl") is True
    assert lexical_engine.remove("provider", "bakery-nl") is False
    assert lexical_engine.search(Query("boerenkaas")) == []
    assert lexical_engine.count() == 5
    assert lexical_engine.count("facility") == 2


def test_many_updates_trigger_compaction_without_changing_results(lexical_engine):
    before = lexical_engine.search(Query("waterstofopslag"))
    for i in range(400):
        lexical_engine.upsert([DocumentFactory(kind="tmp", id=str(i % 20), title=f"tijdelijk {i}")])
    lexical_engine.compact()
    assert len(lexical_engine) == 26
    assert len(lexical_engine._docs) == 26
    after = lexical_engine.search(Query("waterstofopslag"))
    assert ids(after) == ids(before)
    assert [h.score for h in after] == pytest.approx([h.score for h in before])


def test_save_and_load_round_trip(engine, use_embedder, tmp_path):
    engine.remove("provider", "bakery-nl")
    queries = [Query("waterstofopslag"), Query("lasrobot", cross_border_from="BE"), Query("bread")]
    before = [engine.search(q) for q in queries]
    engine.save(tmp_path / "index")
    engine.save(tmp_path / "index")  # overwriting an existing index is atomic too
    assert sorted(p.name for p in tmp_path.iterdir()) == ["index"]
    loaded = Engine.load(tmp_path / "index", embedder=use_embedder)
    assert len(loaded) == 5
    assert loaded.embedder.misses == 0  # vectors came from disk, not from the model
    for q, hits in zip(queries, before, strict=True):
        again = loaded.search(q)
        assert ids(again) == ids(hits)
        assert [h.score for h in again] == pytest.approx([h.score for h in hits], rel=1e-5)
        assert [h.explanation for h in again] == [h.explanation for h in hits]


def test_load_rejects_missing_and_future_formats(tmp_path):
    with pytest.raises(IndexFormatError):
        Engine.load(tmp_path / "nothing")
    engine = Engine(concepts=CONCEPTS)
    engine.upsert(make_docs())
    engine.save(tmp_path / "ix")
    manifest = tmp_path / "ix" / "manifest.json"
    manifest.write_text(manifest.read_text().replace('"format_version": 1', '"format_version": 99'))
    with pytest.raises(IndexFormatError, match="unsupported index format"):
        Engine.load(tmp_path / "ix")


def test_rrf_fusion_also_ranks(use_embedder, docs):
    engine = Engine(embedder=use_embedder, concepts=CONCEPTS, config=EngineConfig(fusion="rrf"))
    engine.upsert(docs)
    assert ids(engine.search(Query("lasrobot")))[0] == "welding-nl"


def test_concurrent_upserts_and_searches_see_consistent_snapshots(use_embedder):
    engine = Engine(embedder=use_embedder, concepts=CONCEPTS)
    engine.upsert(make_docs())
    errors: list[BaseException] = []
    stop = threading.Event()

    def writer():
        try:
            for i in range(30):
                engine.upsert(
                    [
                        DocumentFactory(
                            kind="tmp", id=f"w{i % 7}", title=f"waterstof opslag {i}", body="tanks"
                        )
                    ]
                )
                if i % 5 == 0:
                    engine.remove("tmp", f"w{(i + 3) % 7}")
        except BaseException as exc:
            errors.append(exc)
        finally:
            stop.set()

    def reader():
        try:
            while not stop.is_set():
                hits = engine.search(Query("waterstof tanks", limit=50))
                assert len({(h.kind, h.id) for h in hits}) == len(hits)
                assert all(h.kind in {"tmp", "facility", "provider", "living_lab"} for h in hits)
                time.sleep(0.002)  # leave the writer some GIL time
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=writer)] + [
        threading.Thread(target=reader) for _ in range(3)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not errors
    assert engine.count("tmp") == len([d for d in range(7) if engine.get("tmp", f"w{d}")])


def test_a_single_kind_string_and_concept_lists_are_accepted(lexical_engine):
    hits = lexical_engine.search(Query("waterstof", kinds="facility", concepts=["sector:energy"]))
    assert {h.kind for h in hits} == {"facility"}
    assert any(r["type"] == "sector_fit" for r in hits[0].explanation)


def test_save_includes_documents_still_in_the_write_delta(lexical_engine, tmp_path):
    lexical_engine.upsert(
        [
            DocumentFactory(
                kind="tmp", id="late", title="Kwantumsensoren", body="Een late toevoeging."
            )
        ]
    )
    lexical_engine.save(tmp_path / "ix")
    loaded = Engine.load(tmp_path / "ix")
    assert ids(loaded.search(Query("kwantumsensor"))) == ["late"]
    assert len(loaded) == 7


def _codes(text):
    """A stand-in finder: "CODE 7" names concept x:7 (the real one reads NACE codes)."""
    import re

    return {f"x:{m.group(1)}": f"code {m.group(1)}" for m in re.finditer(r"CODE (\d)", text)}


def test_text_concepts_tag_documents_and_queries_and_survive_a_reload(tmp_path):
    docs = [
        DocumentFactory(id="coded", title="Werkplaats", body="Ingeschreven onder CODE 7."),
        DocumentFactory(
            id="tagged", title="Atelier", body="Draaien en frezen.", concepts=frozenset({"x:7"})
        ),
        DocumentFactory(id="other", title="Bakkerij", body="Brood en banket."),
    ]
    engine = Engine(text_concepts=_codes, variants=())
    engine.upsert(docs)
    hits = engine.search(Query("wie valt onder CODE 7?"))
    assert set(ids(hits)) == {"coded", "tagged"}
    assert all({"type": "concepts", "values": ["x:7"]} in h.explanation for h in hits)
    engine.save(tmp_path / "ix")
    loaded = Engine.load(tmp_path / "ix", text_concepts=_codes)
    assert set(ids(loaded.search(Query("wie valt onder CODE 7?")))) == {"coded", "tagged"}
    # Without the finder the query's code is only words, which the tagged document lacks.
    assert "tagged" not in ids(Engine.load(tmp_path / "ix").search(Query("wie valt onder CODE 7?")))

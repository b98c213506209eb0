import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from kennisbrug.matching.engine.lexical import BM25Index


def _index(docs, **kw):
    index = BM25Index(**kw)
    index.add_many([d.split() for d in docs])
    return index


def test_bm25_ranks_the_document_with_the_rare_term_first():
    index = _index(["laser laser optics", "laser welding", "bread bakery", "optics lens"])
    _, tids = index.lookup(["laser", "optics"])
    scores = index.search(tids)
    assert scores.argmax() == 0
    assert scores[2] == 0


def test_bm25_matches_the_textbook_formula():
    docs = ["a b c", "a a d e f", "g h"]
    index = _index(docs, k1=1.5, b=0.5)
    _, tids = index.lookup(["a"])
    n, df, avgdl = 3, 2, (3 + 5 + 2) / 3
    idf = np.log(1 + (n - df + 0.5) / (df + 0.5))

    def expected(tf, dl):
        return idf * tf * 2.5 / (tf + 1.5 * (1 - 0.5 + 0.5 * dl / avgdl))

    np.testing.assert_allclose(index.search(tids), [expected(1, 3), expected(2, 5), 0], rtol=1e-5)


def test_unknown_terms_are_ignored():
    index = _index(["a b"])
    terms, tids = index.lookup(["zzz", "a", "a"])
    assert terms == ["a"]
    assert len(tids) == 1


def test_forget_updates_document_frequencies_across_base_and_delta():
    index = BM25Index()
    index.add_many([["x", "y"]] * 3000)  # merged into the base segment
    index.add_many([["x"]])  # stays in the delta
    assert index.df[index.term_ids["x"]] == 3001
    index.forget(0)
    index.forget(3000)
    assert index.df[index.term_ids["x"]] == 2999
    assert index.n_live == 2999


@settings(max_examples=40, deadline=None)
@given(
    docs=st.lists(st.lists(st.sampled_from("abcdefgh"), min_size=1, max_size=8), min_size=2),
    data=st.data(),
)
def test_compaction_keeps_the_scores_of_live_documents(docs, data):
    index = BM25Index()
    index.add_many(docs)
    dead = data.draw(st.sets(st.integers(0, len(docs) - 1), max_size=len(docs) - 1))
    for slot in sorted(dead):
        index.forget(slot)
    _, tids = index.lookup(list("abcdefgh"))
    before = index.search(tids)
    keep = np.array([i for i in range(len(docs)) if i not in dead], dtype=np.int64)
    index.compact(keep)
    _, tids = index.lookup(list("abcdefgh"))
    np.testing.assert_allclose(index.search(tids), before[keep], rtol=1e-5)


def test_arrays_round_trip():
    index = _index(["laser optics", "welding robot", "robot arm"], k1=0.9, b=0.4)
    copy = BM25Index.from_arrays(index.to_arrays())
    _, tids = index.lookup(["robot", "laser"])
    _, tids2 = copy.lookup(["robot", "laser"])
    np.testing.assert_allclose(copy.search(tids2), index.search(tids))
    assert (copy.k1, copy.b) == (0.9, 0.4)


def test_matched_terms_reports_positions_per_slot():
    index = _index(["laser optics", "robot", "laser robot"])
    _, tids = index.lookup(["laser", "robot"])
    assert index.matched_terms(tids, np.array([2, 0, 1])) == [{0, 1}, {0}, {1}]

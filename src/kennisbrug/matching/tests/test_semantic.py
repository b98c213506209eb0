import numpy as np

from kennisbrug.matching.engine.semantic import (
    CachedEmbedder,
    Embedder,
    VectorCache,
    VectorIndex,
)


def test_real_model_matches_dutch_to_english_by_meaning(use_embedder):
    assert isinstance(use_embedder, Embedder)
    q, hydrogen, bread = use_embedder.encode(
        [
            "waterstofopslag in tanks",
            "hydrogen storage in pressurised tanks",
            "bakery bread and pastries",
        ]
    )
    assert q.dtype == np.float32
    assert abs(float(np.linalg.norm(q)) - 1.0) < 1e-4
    assert float(q @ hydrogen) > float(q @ bread) + 0.3


def test_cache_avoids_recomputing_and_survives_a_restart(use_embedder, tmp_path):
    path = tmp_path / "vectors.npz"
    cached = CachedEmbedder(use_embedder, VectorCache(use_embedder.name, path))
    first = cached.encode(["lasrobot", "fotonica"])
    cached.encode(["lasrobot"])
    assert (cached.hits, cached.misses) == (1, 2)
    cached.cache.save()

    class Exploding:
        name, dim = use_embedder.name, use_embedder.dim

        def encode(self, texts):
            raise AssertionError("the cache should have answered")

    warm = CachedEmbedder(Exploding(), VectorCache(use_embedder.name, path))
    assert warm.cache.loaded_from_disk == 2
    np.testing.assert_array_equal(warm.encode(["fotonica", "lasrobot"]), first[::-1])


def test_cache_of_another_model_is_ignored(tmp_path):
    path = tmp_path / "vectors.npz"
    cache = VectorCache("model-a", path)
    cache.put_many(["x"], np.ones((1, 3), dtype=np.float32))
    cache.save()
    assert len(VectorCache("model-b", path)) == 0
    assert len(VectorCache("model-a", path)) == 1


def test_vector_index_exact_top_k_with_mask():
    index = VectorIndex(2)
    index.add_many(np.array([[1, 0], [0, 1], [0.6, 0.8]], dtype=np.float32))
    slots, scores = index.top_k(np.array([1, 0], dtype=np.float32), 2)
    assert slots.tolist() == [0, 2]
    np.testing.assert_allclose(scores, [1.0, 0.6])
    slots, _ = index.top_k(np.array([1, 0], dtype=np.float32), 5, mask=np.array([0, 1, 1], bool))
    assert slots.tolist() == [2, 1]

from kennisbrug.matching.testing import matching_index, semantic_index  # noqa: F401

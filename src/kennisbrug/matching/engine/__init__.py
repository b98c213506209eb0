"""Kennisbrug's matching engine: Django-free text analysis, retrieval, fusion and explanations.

Domain apps turn their records into ``Document`` objects and hand them over;
the web layer builds a ``Query`` and renders the ``Hit`` explanations.
"""

from .analysis import Analyzer, fold, tokenize
from .concepts import Concept, ConceptLexicon
from .documents import (
    Document,
    EmptyQuery,
    Hit,
    IndexFormatError,
    InvalidQuery,
    MatchingError,
    Query,
)
from .engine import Engine, EngineConfig
from .lexical import BM25Index
from .semantic import CachedEmbedder, Embedder, UseEmbedder, VectorCache, VectorIndex

__all__ = [
    "Analyzer",
    "BM25Index",
    "CachedEmbedder",
    "Concept",
    "ConceptLexicon",
    "Document",
    "Embedder",
    "EmptyQuery",
    "Engine",
    "EngineConfig",
    "Hit",
    "IndexFormatError",
    "InvalidQuery",
    "MatchingError",
    "Query",
    "UseEmbedder",
    "VectorCache",
    "VectorIndex",
    "fold",
    "tokenize",
]

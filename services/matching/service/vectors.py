"""Listing embeddings, computed once: when the listing is projected, never by other replicas.

Embedding takes ~20–130 ms of CPU, so it runs in a worker thread; an unchanged text reuses
the stored vector, and a transaction retried after a write conflict reuses the cached one. The
listings published in one consumed batch are embedded ahead, in one call of the model
(`embed_ahead`), which is faster per text.
"""

from __future__ import annotations

import asyncio
import hashlib
from collections import OrderedDict
from collections.abc import Sequence

from services.matching.domain.listings import ProjectedListing
from services.matching.engine import Embedder, embed_listing, embedding_text
from services.matching.engine.vector_index import Vector
from shared.events.listings import ListingSnapshot
from shared.events.vocabulary import ListingKind

CACHE_SIZE = 256


def text_hash(listing: ListingSnapshot, text: str) -> str:
    """What the embedding depends on: the listing's kind (query or passage) and its text."""
    return hashlib.sha256(f"{listing.kind}\n{text}".encode()).hexdigest()


class ListingVectors:
    def __init__(self, embedder: Embedder, cache_size: int = CACHE_SIZE) -> None:
        self._embedder = embedder
        self._cache: OrderedDict[str, Vector] = OrderedDict()
        self._cache_size = cache_size

    async def warm(self) -> None:
        """Load the model before the first listing arrives (a few seconds)."""
        await asyncio.to_thread(self._embedder.embed_query, "khởi động mô hình")

    async def vector_for(
        self, listing: ListingSnapshot, stored: ProjectedListing | None
    ) -> tuple[Vector, str]:
        """The listing's embedding and the hash of the text it was computed from."""
        text = embedding_text(listing)  # once: it restores diacritics of plain text
        digest = text_hash(listing, text)
        if stored is not None and stored.text_hash == digest and stored.vector is not None:
            return stored.vector, digest
        vector = self._cache.get(digest)
        if vector is None:
            vector = await asyncio.to_thread(embed_listing, self._embedder, listing, text)
            self._remember(digest, vector)
        return vector, digest

    async def embed_ahead(self, listings: Sequence[ListingSnapshot]) -> None:
        """Embed the listings a batch is about to project, demands and offers each in one call
        of the model; `vector_for` then finds them here."""
        wanted: dict[str, tuple[bool, str]] = {}
        for listing in listings:
            text = embedding_text(listing)
            digest = text_hash(listing, text)
            if digest not in self._cache:
                wanted[digest] = (listing.kind == ListingKind.DEMAND, text)
        for as_queries in (True, False):
            group = [
                (digest, text) for digest, (query, text) in wanted.items() if query == as_queries
            ]
            if not group:
                continue
            texts = [text for _, text in group]
            vectors = await asyncio.to_thread(self._embedder.embed_many, texts, as_queries)
            for (digest, _), vector in zip(group, vectors, strict=True):
                self._remember(digest, vector)

    def _remember(self, digest: str, vector: Vector) -> None:
        self._cache[digest] = vector
        if len(self._cache) > self._cache_size:
            self._cache.popitem(last=False)

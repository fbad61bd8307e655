"""Keyword relevance that works for Vietnamese: diacritics, folding, bigrams, hostile input."""

from __future__ import annotations

import unicodedata

from tests.unit.matching.engine_fakes import (
    CATALOGUE,
    COFFEE_IRRIGATION,
    COFFEE_ROASTER,
    FISH_CAGES,
    FISH_FEED,
    HERB_DRYER,
    MACADAMIA,
    demand,
    indexed_engine,
    ranked_offers,
    search,
)


def test_demand_typed_without_diacritics_finds_the_right_offer() -> None:
    engine = indexed_engine()
    typed_plainly = demand(
        "dem-say", "Can may say lanh duoc lieu", summary="Say duong quy giu hoat chat"
    )

    proposals = search(engine, typed_plainly)

    assert ranked_offers(proposals)[0] == HERB_DRYER.listing_id
    assert any("sấy lạnh" in term for term in proposals[0].shared_terms)  # the offer's spelling


def test_query_for_ca_does_not_rank_coffee_above_fish_offers() -> None:
    engine = indexed_engine()

    ranking = ranked_offers(search(engine, demand("dem-ca", "Cá"), top_k=10))

    fish = [ranking.index(FISH_CAGES.listing_id), ranking.index(FISH_FEED.listing_id)]
    coffee = [
        ranking.index(o.listing_id)
        for o in (COFFEE_ROASTER, COFFEE_IRRIGATION, MACADAMIA)
        if o.listing_id in ranking
    ]
    assert max(fish) < min(coffee, default=len(ranking))


def test_fish_farming_typed_without_diacritics_is_told_from_coffee_by_bigrams() -> None:
    engine = indexed_engine()

    ranking = ranked_offers(search(engine, demand("dem-nuoi-ca", "nuoi ca long ho thuy dien")))

    assert ranking[0] == FISH_CAGES.listing_id
    assert COFFEE_ROASTER.listing_id not in ranking[:2]


def test_coffee_demand_finds_coffee_not_fish() -> None:
    engine = indexed_engine()

    ranking = ranked_offers(search(engine, demand("dem-rang", "Cần máy rang cà phê bột")))

    assert ranking[0] == COFFEE_ROASTER.listing_id


def test_decomposed_unicode_matches_composed_text() -> None:
    engine = indexed_engine()
    decomposed = unicodedata.normalize("NFD", "Cần máy sấy lạnh dược liệu")

    assert ranked_offers(search(engine, demand("dem-nfd", decomposed)))[0] == HERB_DRYER.listing_id


def test_query_syntax_characters_in_user_text_are_just_text() -> None:
    engine = indexed_engine()
    hostile = demand(
        "dem-hostile", 'title:(* OR "', summary="kind:offer AND listing_id:* \\ ~2 ^9 [a TO z]"
    )

    proposals = search(engine, hostile, top_k=5)

    assert all(p.features["text"].value < 0.4 for p in proposals)


def test_a_listing_whose_text_looks_like_query_syntax_can_be_indexed_and_found() -> None:
    odd = FISH_CAGES.model_copy(
        update={"listing_id": "off-odd", "title": 'Nuôi cá lồng "title:(* OR'}
    )
    engine = indexed_engine(*CATALOGUE, odd)

    ranking = ranked_offers(search(engine, demand("dem-odd", "nuôi cá lồng")))

    assert "off-odd" in ranking[:2]


def test_an_empty_text_demand_returns_no_text_relevance() -> None:
    engine = indexed_engine()

    proposals = search(engine, demand("dem-empty", "…"))

    assert all(p.features["text"].value == 0 for p in proposals)

"""Search query building: folded tokens, typed values only, visibility, cursors."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from services.listings.domain.errors import InvalidInputError
from services.listings.domain.listings import ListingState
from services.listings.ranking import FoldedText, best_first, relevance
from services.listings.search import (
    RecencyCursor,
    RelevanceCursor,
    SearchCriteria,
    Viewer,
    by_one_token,
    decode_cursor,
    encode_cursor,
    mongo_filter,
    query_fields,
    query_tokens,
)
from shared.events.vocabulary import ListingKind, Sector
from tests.unit.listings.factories import demand_terms, offer_terms, published

PUBLIC = Viewer()
BROKER = Viewer(broker=True)
OWNER = Viewer(organization_id="org_samngoclinh")


def test_a_query_without_accents_matches_the_accented_title() -> None:
    listing = published()
    assert query_tokens("sam ngoc linh") == query_tokens("Sâm Ngọc Linh") == ["sam", "ngoc", "linh"]
    assert set(query_tokens("SÂM ngọc LINH")) <= set(query_fields(listing)["tokens"])
    assert query_tokens("Đắk Tô") == ["dak", "to"]


def test_filters_become_equalities_on_typed_values() -> None:
    criteria = SearchCriteria(
        text="sấy lạnh",
        kind=ListingKind.OFFER,
        sector=Sector.MEDICINAL_HERBS,
        trl_min=6,
        trl_max=9,
        state_funded=True,
        place="611",
    )
    assert mongo_filter(criteria, PUBLIC) == {
        "q.status": "published",
        "q.kind": "offer",
        "q.sector": "medicinal_herbs",
        "q.state_funded": True,
        "q.area_codes": "611",
        "q.trl": {"$gte": 6, "$lte": 9},
        "q.tokens": {"$all": ["say", "lanh"]},
    }


@pytest.mark.parametrize("hostile", ['{"$ne": null}', "$where", "{'$gt': ''}", "$regex .*"])
def test_operator_looking_strings_stay_literal_text(hostile: str) -> None:
    query = mongo_filter(SearchCriteria(text=hostile, owner=hostile), PUBLIC)
    assert query["q.public_owner"] == hostile
    assert all(not token.startswith("$") for token in query["q.tokens"]["$all"])
    assert _keys(query) <= {"q.status", "q.public_owner", "q.tokens", "$all"}


def _keys(value: object) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in _keys(v)}
    if isinstance(value, list):
        return {k for v in value for k in _keys(v)}
    return set()


def test_the_public_never_finds_an_anonymous_demand_by_its_owner() -> None:
    assert mongo_filter(SearchCriteria(owner="org_samngoclinh"), PUBLIC)["q.public_owner"]
    assert mongo_filter(SearchCriteria(owner="org_samngoclinh"), OWNER)["q.owner"]
    assert mongo_filter(SearchCriteria(owner="org_samngoclinh"), BROKER)["q.owner"]
    demand = published(demand_terms())
    fields = query_fields(demand)
    assert fields["public_owner"] is None
    assert "tum" not in fields["tokens"]  # nor is the owner's name (…Kon Tum) searchable


def test_unpublished_listings_are_searchable_by_their_owner_and_brokers_only() -> None:
    drafts = SearchCriteria(status=ListingState.DRAFT)
    assert mongo_filter(drafts, PUBLIC)["q.owner"] == ""
    assert mongo_filter(drafts, OWNER)["q.owner"] == "org_samngoclinh"
    assert "q.owner" not in mongo_filter(drafts, BROKER)


def test_title_matches_rank_above_summary_matches() -> None:
    in_title = published(offer_terms(title="Công nghệ sấy lạnh dược liệu"))
    in_summary = published(
        offer_terms(
            title="Máy chế biến dược liệu", summary="Tích hợp buồng sấy lạnh nhiệt độ thấp."
        )
    )
    in_summary = in_summary.model_copy(update={"listing_id": "lst_test0"})
    texts = [FoldedText.of_listing(in_summary), FoldedText.of_listing(in_title)]
    tokens = query_tokens("say lanh")
    scored = [(relevance(text, tokens), text.listing_id) for text in texts]
    ranked = best_first(scored, None, limit=1)
    assert ranked == [(scored[1][0], in_title.listing_id), (scored[0][0], "lst_test0")]
    after_first = RelevanceCursor(score=ranked[0][0], listing_id=ranked[0][1])
    assert best_first(scored, after_first, limit=1) == [scored[0]]


def test_cursors_round_trip_and_forged_ones_are_refused_on_the_cursor_parameter() -> None:
    cursor = RecencyCursor(created_at=datetime(2026, 3, 2, tzinfo=UTC), listing_id="lst_1")
    assert decode_cursor(encode_cursor(cursor), RecencyCursor) == cursor
    for forged in ["not-base64!", encode_cursor(cursor) + "x", "eyIkd2hlcmUiOiAiMSJ9"]:
        with pytest.raises(InvalidInputError) as refused:
            decode_cursor(forged, RecencyCursor)
        assert (refused.value.location, refused.value.violations[0].field) == ("query", "cursor")


def test_an_ocop_filter_reads_the_best_rating_and_the_product_name_is_searchable() -> None:
    products = [
        {"name": "Cà phê Đăk Hà", "stars": 3, "year": 2023},
        {"name": "Sâm Ngọc Linh", "stars": 5, "year": 2024},
    ]
    fields = query_fields(published(offer_terms(ocop_products=products)))

    assert mongo_filter(SearchCriteria(ocop_min_stars=4), PUBLIC)["q.ocop_stars"] == {"$gte": 4}
    assert fields["ocop_stars"] == 5
    assert {"dak", "ha"} <= set(fields["tokens"])
    assert query_fields(published(offer_terms()))["ocop_stars"] == 0


def test_a_text_search_asks_the_store_for_its_longest_token_and_checks_the_others() -> None:
    query = mongo_filter(SearchCriteria(text="Sấy lạnh dược liệu"), PUBLIC)
    served, wanted = by_one_token(query)
    assert served["q.tokens"] == "lieu"  # a longest syllable (rarer, as a rule), ties by name
    assert wanted == {"say", "lanh", "duoc", "lieu"}
    assert {k: v for k, v in served.items() if k != "q.tokens"} == {
        k: v for k, v in query.items() if k != "q.tokens"
    }
    browse = mongo_filter(SearchCriteria(), PUBLIC)
    assert by_one_token(browse) == (browse, frozenset())

"""The catalogue in memory answers the filters `search.mongo_filter` builds as the store would."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any

import pytest

from services.listings.catalogue import Catalogue, CatalogueEntry, satisfies, still_matches
from services.listings.domain import lifecycle
from services.listings.domain.listings import Listing
from services.listings.ranking import FoldedText
from services.listings.search import (
    RecencyCursor,
    SearchCriteria,
    Viewer,
    mongo_filter,
    query_fields,
)
from services.listings.service.catalogue_sync import LiveCatalogue
from shared.events.vocabulary import ListingKind, Sector
from tests.unit.listings.factories import NOW, demand_terms, offer_terms, published

PUBLIC = Viewer()
OWNER = Viewer(organization_id="org_samngoclinh")


def listing(listing_id: str, minutes: int = 0, **terms: Any) -> Listing:
    """A published listing created `minutes` after NOW."""
    kind = terms.pop("kind", "offer")
    made = offer_terms(**terms) if kind == "offer" else demand_terms(**terms)
    created = NOW + timedelta(minutes=minutes)
    return published(made).model_copy(update={"listing_id": listing_id, "created_at": created})


def entry(x: Listing, seq: int = 1) -> CatalogueEntry:
    return CatalogueEntry.of(x.listing_id, seq, query_fields(x), FoldedText.of_listing(x))


def catalogue_of(*listings: Listing) -> Catalogue:
    catalogue = Catalogue()
    for x in listings:
        catalogue.apply(entry(x))
    return catalogue


def found(catalogue: Catalogue, criteria: SearchCriteria, viewer: Viewer = PUBLIC) -> list[str]:
    query = mongo_filter(criteria, viewer)
    if criteria.tokens:
        return [i for _, i in sorted(catalogue.scored(query, criteria.tokens), reverse=True)]
    return [e.listing_id for e in catalogue.newest(query, None, criteria.limit)]


def test_a_search_without_diacritics_finds_every_word_in_any_field_best_in_title_first() -> None:
    in_title = listing("lst_a", title="Công nghệ sấy lạnh dược liệu")
    in_summary = listing("lst_b", title="Máy chế biến nông sản", summary="Có buồng sấy lạnh.")
    one_word = listing("lst_c", title="Máy sấy cà phê", summary="Sấy bằng khí nóng.")
    catalogue = catalogue_of(in_title, in_summary, one_word)

    assert found(catalogue, SearchCriteria(text="say lanh")) == ["lst_a", "lst_b"]


def test_filters_on_kind_sector_trl_place_and_ocop_select_as_the_store_would() -> None:
    herbs = listing("lst_herbs", trl=7, sector="medicinal_herbs", location_code="23425")
    coffee = listing("lst_coffee", trl=4, sector="high_tech_agriculture", location_code=None)
    demand = listing("lst_demand", kind="demand")
    catalogue = catalogue_of(herbs, coffee, demand)

    assert found(catalogue, SearchCriteria(kind=ListingKind.DEMAND)) == ["lst_demand"]
    assert found(catalogue, SearchCriteria(sector=Sector("high_tech_agriculture"))) == [
        "lst_coffee"
    ]
    assert found(catalogue, SearchCriteria(kind=ListingKind.OFFER, trl_min=5)) == ["lst_herbs"]
    assert found(catalogue, SearchCriteria(trl_max=5, kind=ListingKind.OFFER)) == ["lst_coffee"]
    assert found(catalogue, SearchCriteria(place="23425")) == ["lst_herbs"]
    assert found(catalogue, SearchCriteria(ocop_min_stars=1)) == []


def test_the_public_never_finds_an_anonymous_demand_by_its_owner_its_owner_does() -> None:
    anonymous = listing("lst_anon", kind="demand", anonymous=True)
    catalogue = catalogue_of(anonymous)
    by_owner = SearchCriteria(owner="org_samngoclinh")

    assert found(catalogue, by_owner, PUBLIC) == []
    assert found(catalogue, by_owner, OWNER) == ["lst_anon"]


def test_newest_first_pages_after_a_cursor_and_ties_break_by_id() -> None:
    listings = [listing(f"lst_{n}", minutes=n // 2) for n in range(5)]
    catalogue = catalogue_of(*listings)
    query = mongo_filter(SearchCriteria(), PUBLIC)

    first = catalogue.newest(query, None, 2)
    created_at, last = first[-1].recency
    rest = catalogue.newest(query, RecencyCursor(created_at=created_at, listing_id=last), 10)

    assert [e.listing_id for e in first] == ["lst_4", "lst_3"]
    assert [e.listing_id for e in rest] == ["lst_2", "lst_1", "lst_0"]


def test_a_listing_no_longer_published_leaves_and_a_changed_one_is_found_by_its_new_words() -> None:
    herbs = listing("lst_herbs")
    catalogue = catalogue_of(herbs)
    terms = offer_terms(title="Máy sấy bơm nhiệt", keywords=["sấy"], summary="Sấy ở 40 °C.")
    renamed = herbs.model_copy(update={"terms": terms})
    catalogue.apply(entry(renamed, seq=2))

    assert found(catalogue, SearchCriteria(text="nuoi cay mo")) == []
    assert found(catalogue, SearchCriteria(text="bom nhiet")) == ["lst_herbs"]

    withdrawn = lifecycle.withdraw(renamed, "Đã chuyển giao", NOW).listing
    catalogue.apply(entry(withdrawn, seq=3))
    assert (len(catalogue), found(catalogue, SearchCriteria(text="bom nhiet"))) == (0, [])
    assert found(catalogue, SearchCriteria()) == []


def test_a_listing_read_back_is_checked_against_the_filter_again() -> None:
    herbs = listing("lst_herbs")
    query = mongo_filter(SearchCriteria(text="sam ngoc linh"), PUBLIC)
    withdrawn = lifecycle.withdraw(herbs, "Đã chuyển giao", NOW).listing

    assert still_matches(herbs, query)
    assert not still_matches(withdrawn, query)


def test_an_operator_the_catalogue_does_not_know_is_refused_not_misread() -> None:
    fields = entry(listing("lst_herbs")).fields
    with pytest.raises(ValueError, match=r"\$regex"):
        satisfies(fields, {"q.owner": {"$regex": ".*"}})


class FakeChanges:
    """The store's side: listings with their `seq`, and how often it was asked for changes."""

    def __init__(self) -> None:
        self.entries: dict[str, CatalogueEntry] = {}
        self.asked = 0

    def write(self, x: Listing) -> None:
        seq = max((e.seq for e in self.entries.values()), default=0) + 1
        self.entries[x.listing_id] = entry(x, seq)

    async def last_seq(self) -> int:
        return max((e.seq for e in self.entries.values()), default=0)

    async def changed_since(self, seq: int) -> list[CatalogueEntry]:
        self.asked += 1
        return sorted((e for e in self.entries.values() if e.seq > seq), key=lambda e: e.seq)

    async def every_entry(self) -> list[CatalogueEntry]:
        return list(self.entries.values())


async def test_each_read_sees_every_write_before_it_and_asks_for_changes_only_when_there_are() -> (
    None
):
    store = FakeChanges()
    for n in range(3):
        store.write(listing(f"lst_{n}", minutes=n))
    live = LiveCatalogue(store)
    await live.load()
    query = mongo_filter(SearchCriteria(), PUBLIC)

    assert len(await live.current()) == 3
    assert store.asked == 0

    store.write(lifecycle.withdraw(listing("lst_1", minutes=1), "Hết hạn", NOW).listing)
    store.write(listing("lst_new", minutes=9))
    newest = (await live.current()).newest(query, None, 10)

    assert [e.listing_id for e in newest] == ["lst_new", "lst_2", "lst_0"]
    assert (store.asked, live.seq) == (1, 5)


async def test_concurrent_searches_after_a_write_catch_up_once() -> None:
    store = FakeChanges()
    store.write(listing("lst_0"))
    live = LiveCatalogue(store)
    await live.load()
    store.write(listing("lst_1", minutes=1))

    caught_up = await asyncio.gather(*(live.current() for _ in range(5)))

    assert {len(c) for c in caught_up} == {2}
    assert store.asked == 1

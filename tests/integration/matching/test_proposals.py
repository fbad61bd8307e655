"""Publishing an offer and a matching demand yields exactly one explained proposal: in either
order, concurrently on two replicas, and whatever is replayed."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from services.matching.domain.ids import match_id_of
from services.matching.engine import ENGINE_VERSION, E5Embedder
from services.matching.settings import MatchingSettings
from shared.events.contacts import ListingOwnerRecorded
from shared.events.listings import ListingPublished, ListingUpdated, ListingWithdrawn
from shared.topics import MATCHES
from tests.integration.matching.kit import (
    AFTER_HARVEST_WORDING,
    HEAT_PUMP_WORDING,
    Replica,
    drying_demand,
    drying_offer,
    eventually_published,
    of_type,
    open_market,
    produce,
    published,
    published_record,
    record_of,
    running,
    software_demand,
)
from tests.integration.shared.harness import eventually

pytestmark = pytest.mark.integration
PROPOSED, RETRACTED = "stx.match.proposed", "stx.match.retracted"
SETTLE_SECONDS = 2.0
"""After the first proposal appears, time for a duplicate to appear if there were one."""


@pytest.mark.parametrize("offer_first", [True, False], ids=["offer_first", "demand_first"])
async def test_an_offer_and_a_matching_demand_yield_one_explained_proposal(
    settings: MatchingSettings, embedder: E5Embedder, unique_name: str, offer_first: bool
) -> None:
    offer = drying_offer(f"lst_{unique_name}_o", owner=f"org_{unique_name}_uni")
    demand = drying_demand(f"lst_{unique_name}_d", owner=f"org_{unique_name}_htx")
    first, second = (offer, demand) if offer_first else (demand, offer)
    bootstrap, match_id = (
        settings.kafka_bootstrap_servers,
        match_id_of(offer.listing_id, demand.listing_id),
    )

    async with running(settings, embedder) as replica:
        await open_market(unique_name, replica)
        await produce(bootstrap, published_record(first))
        await produce(bootstrap, published_record(second))
        await eventually_published(bootstrap, MATCHES, of_type(PROPOSED, match_id=match_id))
        await asyncio.sleep(SETTLE_SECONDS)
        found = await published(bootstrap, MATCHES, of_type(PROPOSED, match_id=match_id))

    assert len(found) == 1
    proposal = found[0].data
    assert (proposal["offer_id"], proposal["demand_id"]) == (offer.listing_id, demand.listing_id)
    assert proposal["score"] >= settings.threshold
    assert proposal["engine_version"] == ENGINE_VERSION
    assert proposal["proposed_by"] == "engine"
    assert proposal["offer_owner_organization_id"] == f"org_{unique_name}_uni"
    assert proposal["explanation"]["sentence_vi"].startswith("Cùng lĩnh vực · TRL 7 ≥ yêu cầu 6")
    assert "sâm" in " ".join(proposal["explanation"]["shared_terms"])
    assert {f["name"] for f in proposal["explanation"]["features"]} >= {"text", "sector", "trl"}


async def _split_between(a: Replica, b: Replica) -> tuple[int, int]:
    """Once the group settled, a partition of stx.listings.v1 owned by each replica."""

    async def both_assigned() -> bool:
        mine, theirs = a.assigned(), b.assigned()
        return bool(mine) and bool(theirs) and not mine & theirs and len(mine | theirs) == 6

    await eventually(both_assigned, timeout=60)
    return min(a.assigned()), min(b.assigned())


async def test_listings_published_at_once_on_two_replicas_find_each_other_exactly_once(
    settings: MatchingSettings, embedder: E5Embedder, unique_name: str
) -> None:
    offers = [
        drying_offer(f"lst_{unique_name}_o1", owner=f"org_{unique_name}_uni"),
        drying_offer(f"lst_{unique_name}_o2", owner=f"org_{unique_name}_vien", **HEAT_PUMP_WORDING),
    ]
    demands = [
        drying_demand(f"lst_{unique_name}_d1", owner=f"org_{unique_name}_htx1"),
        drying_demand(f"lst_{unique_name}_d2", f"org_{unique_name}_htx2", **AFTER_HARVEST_WORDING),
    ]
    pairs = {match_id_of(o.listing_id, d.listing_id) for o in offers for d in demands}
    bootstrap = settings.kafka_bootstrap_servers

    def ours(p: object) -> bool:
        return of_type(PROPOSED)(p) and p.data["match_id"] in pairs  # type: ignore[arg-type,attr-defined]

    # Four drying listings share their terms, which makes each rarer: accept lower scores, as
    # this test is about exactly-once proposals, not about the engine's calibration.
    settings = settings.model_copy(update={"threshold": 0.15})
    async with running(settings, embedder) as a, running(settings, embedder) as b:
        await open_market(unique_name, a, b)
        on_a, on_b = await _split_between(a, b)
        await asyncio.gather(
            *(produce(bootstrap, published_record(o), partition=on_a) for o in offers),
            *(produce(bootstrap, published_record(d), partition=on_b) for d in demands),
        )
        await eventually_published(bootstrap, MATCHES, ours, count=len(pairs))
        await asyncio.sleep(SETTLE_SECONDS)
        found = await published(bootstrap, MATCHES, ours)

        async def every_index_holds_all_four() -> bool:
            ids = [listing.listing_id for listing in (*offers, *demands)]
            return all(i in r.app.state.index.engine for r in (a, b) for i in ids)

        await eventually(every_index_holds_all_four)

    assert sorted(p.data["match_id"] for p in found) == sorted(pairs)


async def test_replayed_and_stale_events_change_nothing(
    settings: MatchingSettings, embedder: E5Embedder, unique_name: str
) -> None:
    offer = drying_offer(f"lst_{unique_name}_o", owner=f"org_{unique_name}_uni")
    demand = drying_demand(f"lst_{unique_name}_d", owner=f"org_{unique_name}_htx")
    offer_record, demand_record = published_record(offer), published_record(demand)
    stale = record_of(ListingPublished(listing_id=offer.listing_id, listing=offer))  # new ce_id
    bootstrap, match_id = (
        settings.kafka_bootstrap_servers,
        match_id_of(offer.listing_id, demand.listing_id),
    )

    async with running(settings, embedder) as replica:
        await open_market(unique_name, replica)
        await produce(bootstrap, offer_record, demand_record)
        await eventually_published(bootstrap, MATCHES, of_type(PROPOSED, match_id=match_id))
        await asyncio.sleep(SETTLE_SECONDS)
        matches_before = await replica.app.state.runtime.db["matches"].count_documents({})
        await produce(bootstrap, offer_record, demand_record, stale)  # same ce_ids, then v1 again
        processed = replica.app.state.runtime.db["processed_events"]

        async def stale_one_seen() -> bool:  # the market, the pair, the stale copy: 11 ce_ids
            return await processed.count_documents({}) == 11

        await eventually(stale_one_seen)
        await asyncio.sleep(SETTLE_SECONDS)
        about_pair = await published(
            bootstrap, MATCHES, lambda p: p.data.get("match_id") == match_id
        )
        matches = await replica.app.state.runtime.db["matches"].count_documents({})

    assert [p.type for p in about_pair] == [PROPOSED]
    assert matches == matches_before


async def test_a_withdrawn_offer_retracts_its_open_proposals_and_leaves_the_index(
    settings: MatchingSettings, embedder: E5Embedder, unique_name: str
) -> None:
    offer = drying_offer(f"lst_{unique_name}_o", owner=f"org_{unique_name}_uni")
    demand = drying_demand(f"lst_{unique_name}_d", owner=f"org_{unique_name}_htx")
    later = drying_demand(f"lst_{unique_name}_d2", owner=f"org_{unique_name}_htx2")
    withdrawn = drying_offer(
        offer.listing_id, owner=f"org_{unique_name}_uni", status="withdrawn", version=2
    )
    bootstrap, match_id = (
        settings.kafka_bootstrap_servers,
        match_id_of(offer.listing_id, demand.listing_id),
    )

    async with running(settings, embedder) as replica:
        await open_market(unique_name, replica)
        await produce(bootstrap, published_record(offer), published_record(demand))
        await eventually_published(bootstrap, MATCHES, of_type(PROPOSED, match_id=match_id))
        reason = "Đã chuyển giao ngoài sàn."
        event = ListingWithdrawn(listing_id=offer.listing_id, listing=withdrawn, reason=reason)
        await produce(bootstrap, record_of(event))
        retracted = await eventually_published(
            bootstrap, MATCHES, of_type(RETRACTED, match_id=match_id)
        )
        await produce(bootstrap, published_record(later))
        await asyncio.sleep(SETTLE_SECONDS)
        about_later = await published(
            bootstrap, MATCHES, of_type(PROPOSED, demand_id=later.listing_id)
        )
        in_index = offer.listing_id in replica.app.state.index.engine

    assert retracted[0].data["reason"] == "offer_withdrawn"
    assert about_later == []
    assert not in_index


async def test_an_update_that_no_longer_fits_retracts_the_proposal_and_one_that_fits_keeps_it(
    settings: MatchingSettings, embedder: E5Embedder, unique_name: str
) -> None:
    offer = drying_offer(f"lst_{unique_name}_o", owner=f"org_{unique_name}_uni")
    kept = drying_demand(f"lst_{unique_name}_d1", owner=f"org_{unique_name}_htx1")
    moved = drying_demand(
        f"lst_{unique_name}_d2", f"org_{unique_name}_htx2", **AFTER_HARVEST_WORDING
    )
    still_drying = drying_demand(
        kept.listing_id, owner=f"org_{unique_name}_htx1", version=2, min_trl=5
    )
    now_software = software_demand(moved.listing_id, f"org_{unique_name}_htx2", version=2)
    pairs = {match_id_of(offer.listing_id, d.listing_id): d for d in (kept, moved)}
    bootstrap = settings.kafka_bootstrap_servers

    def about_pairs(p: Any) -> bool:
        return p.data.get("match_id") in pairs

    settings = settings.model_copy(update={"threshold": 0.2})  # both demands share their terms
    async with running(settings, embedder) as replica:
        await open_market(unique_name, replica)
        await produce(bootstrap, *(published_record(x) for x in (offer, kept, moved)))
        await eventually_published(bootstrap, MATCHES, about_pairs, count=2)
        updates = [
            ListingUpdated(listing_id=d.listing_id, listing=d) for d in (still_drying, now_software)
        ]
        await produce(bootstrap, *(record_of(u) for u in updates))
        await eventually_published(bootstrap, MATCHES, about_pairs, count=3)
        await asyncio.sleep(SETTLE_SECONDS)
        found = await published(bootstrap, MATCHES, about_pairs)

    retracted = [p for p in found if p.type == RETRACTED]
    assert sorted(p.type for p in found) == [PROPOSED, PROPOSED, RETRACTED]
    assert pairs[retracted[0].data["match_id"]] is moved
    assert retracted[0].data["reason"] == "rescored_below_threshold"


async def test_a_short_general_demand_typed_without_diacritics_is_proposed_the_right_offer(
    settings: MatchingSettings, embedder: E5Embedder, unique_name: str
) -> None:
    """A cooperative's plain words against a provider's technical ones (issue: a third of an
    independent set's demands like this one got no proposal at all under a fixed cut-off)."""
    dryer = drying_offer(
        f"lst_{unique_name}_o",
        owner=f"org_{unique_name}_vien",
        title="Hệ thống sấy bơm nhiệt cho chuối, mít và rau quả cắt lát",
        summary="Buồng sấy bơm nhiệt 200 kg/mẻ, sấy ở 45–55 °C giữ màu và vitamin, tiết kiệm "
        "60% điện năng so với sấy điện trở.",
        description="Thiết bị và quy trình sấy chuối, mít, xoài cắt lát cho hộ và HTX.",
        keywords=["bơm nhiệt", "sấy rau quả", "chuối sấy"],
        sector="agro_forestry_fishery_processing",
    )
    demand = drying_demand(
        f"lst_{unique_name}_d",
        owner=f"org_{unique_name}_htx",
        title="htx trong chuoi can may say nong san mini",
        summary="can may say nho de lam chuoi say ban cho khach du lich",
        description="",
        desired_outcome=None,
        keywords=[],
        sector="agro_forestry_fishery_processing",
    )
    bootstrap, match_id = (
        settings.kafka_bootstrap_servers,
        match_id_of(dryer.listing_id, demand.listing_id),
    )

    async with running(settings, embedder) as replica:
        await open_market(unique_name, replica)
        await produce(bootstrap, published_record(dryer), published_record(demand))
        found = await eventually_published(bootstrap, MATCHES, of_type(PROPOSED, match_id=match_id))

    assert found[0].data["explanation"]["features"]
    assert found[0].data["engine_version"] == ENGINE_VERSION


async def test_an_anonymous_demand_waits_for_its_owner_and_is_never_matched_with_it(
    settings: MatchingSettings, embedder: E5Embedder, unique_name: str
) -> None:
    """The internal topic naming an anonymous demand's owner is read in parallel with the
    listings: published first, the demand must not be proposed its owner's own offer (the
    proposal would name the owner next to the demand) — its proposals come with the owner."""
    owner, other = f"org_{unique_name}_htx", f"org_{unique_name}_vien"
    own_offer = drying_offer(f"lst_{unique_name}_own", owner=owner)
    other_offer = drying_offer(f"lst_{unique_name}_o", owner=other, **HEAT_PUMP_WORDING)
    demand = drying_demand(f"lst_{unique_name}_d", owner=None)  # anonymous
    with_own, with_other = (
        match_id_of(offer.listing_id, demand.listing_id) for offer in (own_offer, other_offer)
    )
    bootstrap = settings.kafka_bootstrap_servers

    def about_demand(p: Any) -> bool:
        return of_type(PROPOSED)(p) and p.data["demand_id"] == demand.listing_id

    async with running(settings, embedder) as replica:
        await open_market(unique_name, replica)
        await produce(bootstrap, *(published_record(x) for x in (own_offer, other_offer, demand)))
        await eventually(lambda: _indexed(replica, demand.listing_id))
        await asyncio.sleep(SETTLE_SECONDS)
        before_owner = await published(bootstrap, MATCHES, about_demand)
        owner_known = ListingOwnerRecorded(
            listing_id=demand.listing_id, owner_organization_id=owner
        )
        await produce(bootstrap, record_of(owner_known))
        await eventually_published(bootstrap, MATCHES, of_type(PROPOSED, match_id=with_other))
        await asyncio.sleep(SETTLE_SECONDS)
        after = await published(bootstrap, MATCHES, about_demand)

    assert before_owner == []
    assert with_own not in {p.data["match_id"] for p in after}
    assert all(p.data["offer_owner_organization_id"] != owner for p in after)


async def _indexed(replica: Any, listing_id: str) -> bool:
    return listing_id in replica.app.state.index.engine

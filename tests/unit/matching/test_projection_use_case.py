"""The projection use case against in-memory stores, a real engine and the live index: a
listing projected is embedded, stamped with the next `seq`, indexed and proposed; a replay
changes nothing; a withdrawal retracts; an anonymous demand waits for its recorded owner."""

from __future__ import annotations

from datetime import timedelta

from services.matching.engine import EngineConfig, MatchingEngine
from services.matching.index_sync import LiveIndex
from services.matching.service.projection import Projection
from services.matching.service.proposals import EngineProposals, ProposalPolicy
from services.matching.service.vectors import ListingVectors
from shared.events.listings import ListingSnapshot
from shared.outbox import Tx
from tests.unit.matching.brokerage_data import COOPERATIVE, NOW, demand, offer
from tests.unit.matching.engine_fakes import HashingEmbedder
from tests.unit.matching.fakes import (
    InMemoryListings,
    InMemoryMatches,
    InMemoryOrganizations,
)

POLICY = ProposalPolicy(top_k=5, rescore_top_k=10, ttl=timedelta(days=30))


def named_demand() -> ListingSnapshot:
    return demand(anonymous=False, owner_organization_id=COOPERATIVE)


class World:
    def __init__(self) -> None:
        self.listings = InMemoryListings()
        self.matches = InMemoryMatches()
        index = LiveIndex(MatchingEngine(EngineConfig()), self.listings)
        proposals = EngineProposals(index, self.listings, self.matches, POLICY, lambda: NOW)
        self.projection = Projection(
            self.listings,
            InMemoryOrganizations(),
            index,
            ListingVectors(HashingEmbedder()),
            proposals,
        )

    @staticmethod
    def tx() -> Tx:
        return Tx(session=None, correlation_id=None, causation_id=None)  # type: ignore[arg-type]


async def test_a_published_pair_is_projected_in_sequence_and_proposed_once() -> None:
    world = World()
    first, second = world.tx(), world.tx()
    await world.projection.apply_listing(offer(), first)
    await world.projection.apply_listing(named_demand(), second)

    assert [world.listings.items[i].seq for i in ("lst_sam_say_lanh", "lst_htx_can_may_say")] == [
        1,
        2,
    ]
    assert all(x.vector is not None for x in world.listings.items.values())
    assert first.emitted == []
    assert [e.ce_type for e in second.emitted] == ["stx.match.proposed"]
    assert len(world.matches.items) == 1


async def test_a_replayed_snapshot_changes_nothing() -> None:
    world = World()
    await world.projection.apply_listing(offer(), world.tx())
    await world.projection.apply_listing(named_demand(), world.tx())
    replay = world.tx()
    await world.projection.apply_listing(named_demand(), replay)

    assert replay.emitted == []
    assert world.listings.items["lst_htx_can_may_say"].seq == 2


async def test_a_withdrawn_offer_retracts_its_open_proposal() -> None:
    world = World()
    await world.projection.apply_listing(offer(), world.tx())
    await world.projection.apply_listing(named_demand(), world.tx())
    withdrawal = world.tx()
    await world.projection.apply_listing(offer(status="withdrawn", version=2), withdrawal)

    assert [e.ce_type for e in withdrawal.emitted] == ["stx.match.retracted"]
    assert [m.status.value for m in world.matches.items.values()] == ["retracted"]


async def test_an_anonymous_demand_is_proposed_only_once_its_owner_is_recorded() -> None:
    world = World()
    await world.projection.apply_listing(offer(), world.tx())
    waiting = world.tx()
    await world.projection.apply_listing(demand(), waiting)  # anonymous: no public owner
    assert waiting.emitted == []

    owner_known = world.tx()
    await world.projection.record_owner("lst_htx_can_may_say", COOPERATIVE, owner_known)
    assert [e.ce_type for e in owner_known.emitted] == ["stx.match.proposed"]
    assert world.listings.items["lst_htx_can_may_say"].owner == COOPERATIVE

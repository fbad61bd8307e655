"""Each replica's in-memory engine, kept in step with the projection by the global `seq`.

A replica only receives some partitions, yet candidate search needs every listing: the
index therefore reads from MongoDB every listing written after the last `seq` it applied —
at start-up (all of them), inside each projection transaction right after that transaction
took its own `seq` (so it sees every listing committed before it), and periodically.
"""

from __future__ import annotations

import asyncio

from prometheus_client import Gauge
from pymongo.asynchronous.client_session import AsyncClientSession

from services.matching.domain.listings import ProjectedListing
from services.matching.engine import MatchingEngine, Proposal
from services.matching.service.ports import ProjectedChanges
from shared.logging import get_logger

log = get_logger(__name__)
INDEXED = Gauge("stx_matching_index_listings", "Published listings in this replica's index.")
INDEX_SEQ = Gauge("stx_matching_index_seq", "Last projection sequence number this replica applied.")


class LiveIndex:
    def __init__(self, engine: MatchingEngine, listings: ProjectedChanges) -> None:
        self.engine = engine
        self.seq = 0
        self._listings = listings
        self._lock = asyncio.Lock()

    async def load(self) -> None:
        """Index every listing of the projection, in sequence order, read in one query (100,000
        listings read page by page did not load: the store scans the collection per page)."""
        await self._listings.ensure_counter()
        await self.catch_up()
        log.info("index_loaded", listings=len(self.engine), seq=self.seq)

    async def catch_up(self, session: AsyncClientSession | None = None) -> int:
        """Apply the listings written after `seq` (as `session` sees them); how many."""
        async with self._lock:
            changed = await self._listings.changed_since(self.seq, session)
            for listing in changed:
                self._apply(listing)
        INDEXED.set(len(self.engine))
        INDEX_SEQ.set(self.seq)
        return len(changed)

    async def refresh(self) -> None:
        """The periodic catch-up (listings projected by other replicas)."""
        if applied := await self.catch_up():
            log.debug("index_caught_up", applied=applied, seq=self.seq)

    def candidates(
        self,
        listing: ProjectedListing,
        previous: ProjectedListing | None,
        *,
        top_k: int,
    ) -> list[Proposal]:
        """The listing's proposals through the serving gate, as if it were new, also on an update.

        Until its transaction commits the index still holds the previous version, whose terms
        would compete with the listing's own in the rarity statistics and lower every score.
        It is left out for the search and put back before anything else runs (no await here).
        """
        held = previous if previous is not None and listing.listing_id in self.engine else None
        if held is not None:
            self.engine.remove(listing.listing_id)
        try:
            return self.engine.proposals_for(
                listing.for_engine(), top_k=top_k, vector=listing.vector
            )
        finally:
            if held is not None:
                self.engine.index(held.for_engine(), held.vector)

    def _apply(self, listing: ProjectedListing) -> None:
        if listing.snapshot is not None:
            # A listing no longer published leaves the index; an older version is ignored.
            self.engine.index(listing.for_engine(), listing.vector)
        self.seq = max(self.seq, listing.seq)

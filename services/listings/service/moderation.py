"""Use cases of brokers and of the exchange itself: approve, return, close deals, expire."""

from __future__ import annotations

from services.listings.domain import lifecycle
from services.listings.domain.errors import DomainError
from services.listings.domain.listings import Listing, ListingChange
from services.listings.domain.moderation import QualityScore
from services.listings.service.base import ListingWriter
from services.listings.service.errors import ConcurrentUpdateError, NotFoundError
from services.listings.service.ports import Session
from shared.auth import Principal
from shared.clock import local_day
from shared.consuming import RejectedEventError
from shared.events.connections import IntroductionDealClosed
from shared.events.listings import ReturnFeedback
from shared.logging import get_logger
from shared.outbox import Tx

log = get_logger(__name__)
SWEEP_BATCH = 500


class Moderation:
    def __init__(self, changes: ListingWriter) -> None:
        self._changes = changes

    async def approve(self, broker: Principal, listing_id: str, score: QualityScore) -> Listing:
        async def step(listing: Listing, _: Session) -> ListingChange:
            return lifecycle.approve(listing, broker.subject, score, self._changes.clock())

        listing = await self._changes.apply(listing_id, step)
        log.info("listing_published", listing_id=listing_id, sector=listing.terms.sector.value)
        return listing

    async def return_to_owner(
        self,
        broker: Principal,
        listing_id: str,
        feedback: ReturnFeedback,
        score: QualityScore | None,
    ) -> Listing:
        async def step(listing: Listing, _: Session) -> ListingChange:
            now = self._changes.clock()
            return lifecycle.return_to_owner(listing, broker.subject, feedback, score, now)

        return await self._changes.apply(listing_id, step)

    async def close_deal(self, deal: IntroductionDealClosed, tx: Tx) -> None:
        """Both listings of a closed deal become fulfilled, in the consumer's transaction."""
        parties = deal.parties
        for listing_id in (parties.offer_id, parties.demand_id):

            async def step(listing: Listing, _: Session) -> ListingChange:
                return lifecycle.fulfil(listing, deal.introduction_id, self._changes.clock())

            try:
                await self._changes.apply_in(tx, listing_id, step)
            except (NotFoundError, DomainError) as exc:
                raise RejectedEventError(f"deal {deal.introduction_id}: {exc}") from exc

    async def expire_due(self) -> int:
        """The periodic sweep: each due listing in its own transaction; safe on every replica."""
        today = local_day(self._changes.clock())
        expired = 0
        for listing_id in await self._changes.listings.due_for_expiry(today, SWEEP_BATCH):

            async def step(listing: Listing, _: Session) -> ListingChange:
                return lifecycle.expire(listing, self._changes.clock())

            try:
                await self._changes.apply(listing_id, step)
                expired += 1
            except (DomainError, ConcurrentUpdateError):  # renewed, or another replica's sweep
                continue
        if expired:
            log.info("listings_expired", count=expired)
        return expired

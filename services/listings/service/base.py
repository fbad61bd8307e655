"""What every use case shares: the clock, ids, and "load → domain → save + events" in one
transaction."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable

from services.listings.domain.listings import Listing, ListingChange
from services.listings.service.errors import NotFoundError
from services.listings.service.ports import ListingStore, Session, Transactions
from shared.clock import Clock
from shared.outbox import Tx

Step = Callable[[Listing, Session], Awaitable[ListingChange]]
Check = Callable[[Listing], None]


def new_id(prefix: str) -> str:
    return f"{prefix}_{uuid.uuid4().hex}"


def anyone(_: Listing) -> None:
    """No authorisation beyond the route's role check."""


class ListingWriter:
    """Applies one domain step to one stored listing, with its events, atomically."""

    def __init__(self, outbox: Transactions, listings: ListingStore, clock: Clock) -> None:
        self.outbox = outbox
        self.listings = listings
        self.clock = clock

    async def apply(self, listing_id: str, step: Step, check: Check = anyone) -> Listing:
        async def work(tx: Tx) -> Listing:
            return await self.apply_in(tx, listing_id, step, check)

        return await self.outbox.unit_of_work(work)

    async def apply_in(self, tx: Tx, listing_id: str, step: Step, check: Check = anyone) -> Listing:
        """Inside a transaction someone else opened (a consumed event's)."""
        listing = await self.listings.get(listing_id, tx.session)
        if listing is None:
            raise NotFoundError("listing", listing_id)
        check(listing)
        change = await step(listing, tx.session)
        if change.listing is not listing:
            await self.listings.save(change.listing, tx.session)
        tx.emit(*change.events)
        return change.listing

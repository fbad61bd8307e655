"""This replica's public catalogue in memory, in step with the store by the listings' `seq`.

Every write of a listing takes the next `seq` from one counter inside its transaction, so
concurrent writers conflict there and commit in `seq` order: a reader that has applied every
listing up to `seq` n and finds one above it has missed nothing (DESIGN.md §5, like matching's
index). Before each read the counter is looked at (one small document) and only what changed
is loaded, so an organisation finds its listing the moment a broker approved it, on any replica.
"""

from __future__ import annotations

import asyncio

from prometheus_client import Gauge

from services.listings.catalogue import Catalogue
from services.listings.service.ports import CatalogueChanges
from shared.logging import get_logger

log = get_logger(__name__)
HELD = Gauge("stx_listings_catalogue_listings", "Published listings in this replica's catalogue.")


class LiveCatalogue:
    def __init__(self, changes: CatalogueChanges) -> None:
        self._catalogue = Catalogue()
        self._changes = changes
        self._lock = asyncio.Lock()
        self.seq = 0

    async def load(self) -> None:
        """Every listing, at start-up before serving. The counter is read first: a listing
        written during the load has a later `seq` and is applied again after."""
        async with self._lock:
            self.seq = await self._changes.last_seq()
            for entry in await self._changes.every_entry():
                self._catalogue.apply(entry)
            HELD.set(len(self._catalogue))
        log.info("catalogue_loaded", listings=len(self._catalogue), seq=self.seq)

    async def current(self) -> Catalogue:
        """The catalogue holding every write committed before this call. The counter is read
        without the lock, so concurrent searches wait for each other only to catch up."""
        latest = await self._changes.last_seq()
        if latest > self.seq:
            async with self._lock:
                if latest > self.seq:  # not caught up meanwhile by a concurrent search
                    for entry in await self._changes.changed_since(self.seq):
                        self._catalogue.apply(entry)
                        self.seq = max(self.seq, entry.seq)
                    HELD.set(len(self._catalogue))
        return self._catalogue

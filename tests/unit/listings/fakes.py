"""In-memory fakes of the listings ports (the same Protocols the MongoDB adapters implement)."""

from __future__ import annotations

import copy
from collections.abc import Awaitable, Callable
from datetime import date, datetime
from typing import Any, TypeVar

from services.listings.domain.duplicates import TitleRef
from services.listings.domain.listings import Listing, ListingState
from services.listings.domain.organizations import Organization
from services.listings.service.errors import AlreadyExistsError, ConcurrentUpdateError
from services.listings.service.ports import Remembered
from shared.events.base import Event
from shared.outbox import Tx

T = TypeVar("T")


class InMemoryListings:
    def __init__(self) -> None:
        self.items: dict[str, Listing] = {}

    async def get(self, listing_id: str, session: Any = None) -> Listing | None:
        return self.items.get(listing_id)

    async def add(self, listing: Listing, session: Any) -> None:
        self.items[listing.listing_id] = listing

    async def save(self, listing: Listing, session: Any) -> None:
        stored = self.items.get(listing.listing_id)
        if stored is None or stored.version != listing.version - 1:
            raise ConcurrentUpdateError(listing.listing_id)
        self.items[listing.listing_id] = listing

    async def titles_of(self, owner_id: str, session: Any) -> list[TitleRef]:
        return [
            TitleRef(x.listing_id, x.terms.title)
            for x in self.items.values()
            if x.owner.organization_id == owner_id and x.status is not ListingState.WITHDRAWN
        ]

    async def due_for_expiry(self, today: date, limit: int) -> list[str]:
        due = [
            x.listing_id
            for x in self.items.values()
            if x.status is ListingState.PUBLISHED
            and x.terms.valid_until
            and x.terms.valid_until < today
        ]
        return due[:limit]


class InMemoryOrganizations:
    def __init__(self, *orgs: Organization) -> None:
        self.items = {org.organization_id: org for org in orgs}

    async def get(self, organization_id: str, session: Any = None) -> Organization | None:
        return self.items.get(organization_id)

    async def add(self, org: Organization, session: Any) -> None:
        if org.organization_id in self.items:
            raise AlreadyExistsError(org.organization_id)
        self.items[org.organization_id] = org

    async def save(self, org: Organization, session: Any) -> None:
        self.items[org.organization_id] = org

    async def listed(self, verified: bool, limit: int) -> list[Organization]:
        found = [org for org in self.items.values() if org.verified == verified]
        if verified:
            return sorted(found, key=lambda org: (org.details.name, org.organization_id))[:limit]
        return sorted(found, key=lambda org: (org.registered_at, org.organization_id))[:limit]


class InMemoryIdempotencyKeys:
    def __init__(self) -> None:
        self.items: dict[str, Remembered] = {}

    async def find(self, key: str) -> Remembered | None:
        return self.items.get(key)

    async def remember(
        self, key: str, fingerprint: str, listing: Listing, at: datetime, session: Any
    ) -> None:
        self.items[key] = Remembered(fingerprint, listing)


class FakeOutbox:
    """All or nothing, like the MongoDB transaction: a failing unit of work leaves the stores
    as they were and publishes nothing."""

    def __init__(self, *stores: Any) -> None:
        self._stores = stores
        self.published: list[Event] = []

    async def unit_of_work(self, work: Callable[[Tx], Awaitable[T]]) -> T:
        before = [copy.copy(store.items) for store in self._stores]
        tx = Tx(session=None, correlation_id=None, causation_id=None)  # type: ignore[arg-type]
        try:
            result = await work(tx)
        except BaseException:
            for store, items in zip(self._stores, before, strict=True):
                store.items = items
            raise
        self.published += tx.emitted
        return result

    def types(self) -> list[str]:
        return [event.ce_type for event in self.published]

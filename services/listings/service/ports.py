"""What the use cases need from the outside, in domain words. `repository.py` implements the
stores on MongoDB, `shared.outbox.Outbox` the transactions; unit tests use in-memory fakes."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Protocol, TypeVar

from services.listings.catalogue import CatalogueEntry
from services.listings.domain.duplicates import TitleRef
from services.listings.domain.listings import Listing
from services.listings.domain.organizations import Organization
from services.listings.ranking import FoldedText
from shared.mongo import Document
from shared.outbox import Tx

T = TypeVar("T")
Session = Any
"""The store's session of the current transaction (opaque to the use cases)."""


class Transactions(Protocol):
    async def unit_of_work(self, work: Callable[[Tx], Awaitable[T]]) -> T:
        """Run `work` and store the events it emitted, atomically."""
        ...


class ListingStore(Protocol):
    async def get(self, listing_id: str, session: Session = None) -> Listing | None: ...
    async def add(self, listing: Listing, session: Session) -> None: ...
    async def save(self, listing: Listing, session: Session) -> None:
        """Replace the previous version; raises `ConcurrentUpdateError` if it is not stored."""
        ...

    async def titles_of(self, owner_id: str, session: Session) -> list[TitleRef]: ...
    async def due_for_expiry(self, today: date, limit: int) -> list[str]: ...


class ListingCatalogue(Protocol):
    """The read side: filters come from `search.mongo_filter`, never from a client."""

    async def get(self, listing_id: str, session: Session = None) -> Listing | None: ...
    async def newest(
        self, query: Document, after: Document | None, limit: int
    ) -> list[Listing]: ...
    async def matching(self, query: Document, cap: int) -> list[FoldedText]: ...
    async def get_many(self, listing_ids: list[str]) -> list[Listing]: ...
    async def awaiting_moderation(self, limit: int) -> list[Listing]: ...


class CatalogueChanges(Protocol):
    """What the catalogue in memory reads to catch up: listings in `seq` order."""

    async def last_seq(self) -> int:
        """The `seq` of the latest committed write (0 before any): a cheap sign of change."""
        ...

    async def changed_since(self, seq: int) -> list[CatalogueEntry]: ...
    async def every_entry(self) -> list[CatalogueEntry]:
        """Every listing (any status)."""
        ...


class OrganizationStore(Protocol):
    async def get(self, organization_id: str, session: Session = None) -> Organization | None: ...
    async def add(self, org: Organization, session: Session) -> None:
        """Raises `AlreadyExistsError` when the id is taken."""
        ...

    async def save(self, org: Organization, session: Session) -> None: ...

    async def listed(self, verified: bool, limit: int) -> list[Organization]:
        """Verified ones by name (the directory), or unverified ones oldest first (the queue)."""
        ...


@dataclass(frozen=True)
class Remembered:
    """The first request with an `Idempotency-Key`: its body's fingerprint and its result."""

    fingerprint: str
    listing: Listing


class IdempotencyStore(Protocol):
    async def find(self, key: str) -> Remembered | None: ...
    async def remember(
        self, key: str, fingerprint: str, listing: Listing, at: datetime, session: Session
    ) -> None: ...

"""What the notifications use cases need from the world, as Protocols: the MongoDB
repositories (`repository/`) implement them, `tests/unit/notifications/fakes.py` in memory.
The delivery worker and its senders stay adapters of their own (`delivery/`)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from datetime import datetime
from typing import Any, Protocol, TypeVar

from services.notifications.domain.deliveries import Delivery
from services.notifications.domain.feed_pages import FeedCursor
from services.notifications.domain.messages import StandingMessage
from services.notifications.domain.notices import LISTING_KINDS, Notice, NoticeKind
from services.notifications.domain.reminders import Reminder
from services.notifications.domain.subscriptions import Subscription, SubscriptionStatus
from shared.events.vocabulary import Sector
from shared.outbox import Tx

T = TypeVar("T")
Session = Any
"""A store session, opaque above the repositories."""


class Transactions(Protocol):
    async def unit_of_work(self, work: Callable[[Tx], Awaitable[T]]) -> T:
        """Run `work` and store the events it emitted, atomically."""
        ...


class SubscriptionStore(Protocol):
    async def add(
        self,
        subscription: Subscription,
        webhook_secret: str | None,
        session: Session,
        requested_from: str | None = None,
    ) -> None: ...
    async def asked_since(
        self, since: datetime, address: str | None = None, requested_from: str | None = None
    ) -> int:
        """Subscriptions created since `since` for this address, or from this client."""
        ...

    async def save(self, subscription: Subscription, session: Session = None) -> None: ...
    async def get(self, subscription_id: str) -> Subscription | None: ...
    async def instant(self) -> list[Subscription]: ...
    async def digests_due(self, now: datetime, limit: int = 200) -> list[Subscription]: ...
    async def move_digest_due(
        self, subscription_id: str, was: datetime, due: datetime, session: Session
    ) -> bool:
        """Advance the schedule; False when another replica already did."""
        ...

    async def page(
        self, status: SubscriptionStatus | None, limit: int, skip: int
    ) -> list[Subscription]: ...
    async def owned_by(self, organization_id: str) -> list[Subscription]: ...


class DeliveryQueue(Protocol):
    async def queue(self, delivery: Delivery, session: Session) -> None:
        """Queue a delivery once: the same id again is a no-op."""
        ...


class NoticeStore(Protocol):
    async def add(self, notice: Notice, session: Session) -> None: ...
    async def titles(
        self, subject_ids: Iterable[str], kinds: Iterable[NoticeKind] = LISTING_KINDS
    ) -> dict[str, str]: ...
    async def between(self, start: datetime, end: datetime) -> list[Notice]: ...
    async def latest(
        self,
        limit: int,
        sector: Sector | None = None,
        kind: NoticeKind | None = None,
        after: FeedCursor | None = None,
    ) -> list[Notice]:
        """In feed order (published desc, id desc), after `after` when given."""
        ...

    async def get(self, event_id: str) -> Notice | None: ...
    async def announcement(self, subject_id: str) -> Notice | None: ...
    async def laureates(self, programme_id: str) -> list[Notice]: ...


class AddressBookStore(Protocol):
    async def record_contact(
        self,
        organization_id: str,
        contact_name: str,
        email: str,
        phone: str | None,
        session: Session,
        language: str = "vi",
    ) -> None: ...
    async def record_name(
        self, organization_id: str, name: str, session: Session, kind: str | None = None
    ) -> None: ...
    async def record_owner(
        self, listing_id: str, organization_id: str, session: Session
    ) -> None: ...

    async def record_sector(self, organization_id: str, sector: str, session: Session) -> None: ...
    async def of_kind(self, kind: str) -> list[str]: ...
    async def in_sectors(self, sectors: list[str]) -> list[str]: ...
    async def suppress(self, recipient: str, now: datetime) -> None: ...


class RevisionCounter(Protocol):
    async def next(self, subject: str, session: Session) -> int:
        """0 for the first message about `subject`, then 1, 2…"""
        ...


class StandingMessageStore(Protocol):
    async def add(self, message: StandingMessage, session: Session) -> None:
        """Keep it once (by its source event)."""
        ...

    async def open_for(self, audience: str, now: datetime) -> list[StandingMessage]: ...


class ReminderStore(Protocol):
    async def get(self, reminder_id: str, session: Session) -> Reminder | None: ...
    async def save(self, reminder: Reminder, session: Session) -> None: ...
    async def exclude(self, reminder_id: str, organization_id: str, session: Session) -> None:
        """This organisation of the reminder's audience needs it no more."""
        ...

    async def due(self, now: datetime, limit: int = 200) -> list[Reminder]: ...
    async def advance(self, read: Reminder, due: datetime | None, session: Session) -> bool:
        """Move the due instant of the reminder as it was read; False when it changed since."""
        ...


class Stores(Protocol):
    """The stores the use cases read and write (`repository.Repositories` on MongoDB)."""

    @property
    def subscriptions(self) -> SubscriptionStore: ...
    @property
    def deliveries(self) -> DeliveryQueue: ...
    @property
    def notices(self) -> NoticeStore: ...
    @property
    def address_book(self) -> AddressBookStore: ...
    @property
    def revisions(self) -> RevisionCounter: ...
    @property
    def standing(self) -> StandingMessageStore: ...
    @property
    def reminders(self) -> ReminderStore: ...

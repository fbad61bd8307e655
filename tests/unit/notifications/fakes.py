"""In-memory fakes of the notifications ports (`services/notifications/service/ports.py`)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from datetime import datetime
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from services.notifications.domain.deliveries import Delivery, DeliveryIds
from services.notifications.domain.digests import DigestSchedule
from services.notifications.domain.feed_pages import FeedCursor, feed_order
from services.notifications.domain.messages import StandingMessage
from services.notifications.domain.notices import LISTING_KINDS, Notice, NoticeKind
from services.notifications.domain.reminder_rules import ReminderPolicy
from services.notifications.domain.reminders import Reminder
from services.notifications.domain.subscriptions import (
    Frequency,
    Subscription,
    SubscriptionStatus,
)
from services.notifications.service.intake import Intake
from services.notifications.service.reminders import Reminders
from shared.clock import Clock
from shared.events.vocabulary import Sector
from shared.outbox import Tx

T = TypeVar("T")


class InMemorySubscriptions:
    def __init__(self) -> None:
        self.items: dict[str, tuple[Subscription, str | None, str | None]] = {}

    async def add(
        self,
        subscription: Subscription,
        webhook_secret: str | None,
        session: Any,
        requested_from: str | None = None,
    ) -> None:
        self.items[subscription.subscription_id] = (subscription, webhook_secret, requested_from)

    async def asked_since(
        self, since: datetime, address: str | None = None, requested_from: str | None = None
    ) -> int:
        return sum(
            1
            for s, _, client in self.items.values()
            if s.created_at >= since
            and (address is None or s.address == address)
            and (requested_from is None or client == requested_from)
        )

    async def save(self, subscription: Subscription, session: Any = None) -> None:
        _, secret, client = self.items[subscription.subscription_id]
        self.items[subscription.subscription_id] = (subscription, secret, client)

    async def get(self, subscription_id: str) -> Subscription | None:
        found = self.items.get(subscription_id)
        return None if found is None else found[0]

    async def instant(self) -> list[Subscription]:
        return [
            s
            for s, _, _ in self.items.values()
            if s.status is SubscriptionStatus.ACTIVE and s.frequency is Frequency.INSTANT
        ]

    async def digests_due(self, now: datetime, limit: int = 200) -> list[Subscription]:
        due = [
            s
            for s, _, _ in self.items.values()
            if s.status is SubscriptionStatus.ACTIVE
            and s.frequency is not Frequency.INSTANT
            and s.digest_due_at is not None
            and s.digest_due_at <= now
        ]
        return due[:limit]

    async def move_digest_due(
        self, subscription_id: str, was: datetime, due: datetime, session: Any
    ) -> bool:
        found = await self.get(subscription_id)
        if found is None or found.digest_due_at != was:
            return False
        await self.save(found.model_copy(update={"digest_due_at": due}))
        return True

    async def page(
        self, status: SubscriptionStatus | None, limit: int, skip: int
    ) -> list[Subscription]:
        chosen = [s for s, _, _ in self.items.values() if status is None or s.status is status]
        return chosen[skip : skip + limit]

    async def owned_by(self, organization_id: str) -> list[Subscription]:
        return [s for s, _, _ in self.items.values() if s.owner_organization_id == organization_id]


class InMemoryDeliveries:
    def __init__(self) -> None:
        self.queued: dict[str, Delivery] = {}

    async def queue(self, delivery: Delivery, session: Any) -> None:
        self.queued.setdefault(delivery.delivery_id, delivery)


class InMemoryNotices:
    def __init__(self) -> None:
        self.items: dict[str, Notice] = {}

    async def add(self, notice: Notice, session: Any) -> None:
        self.items.setdefault(notice.event_id, notice)

    async def titles(
        self, subject_ids: Iterable[str], kinds: Iterable[NoticeKind] = LISTING_KINDS
    ) -> dict[str, str]:
        wanted, of = set(subject_ids), set(kinds)
        return {
            n.subject_id: n.title
            for n in self.items.values()
            if n.subject_id in wanted and n.kind in of
        }

    async def between(self, start: datetime, end: datetime) -> list[Notice]:
        return sorted(
            (n for n in self.items.values() if start <= n.occurred_at < end),
            key=lambda n: n.occurred_at,
        )

    async def latest(
        self,
        limit: int,
        sector: Sector | None = None,
        kind: NoticeKind | None = None,
        after: FeedCursor | None = None,
    ) -> list[Notice]:
        chosen = [
            n
            for n in self.items.values()
            if (sector is None or n.sector is sector)
            and (kind is None or n.kind is kind)
            and (after is None or after.precedes(n))
        ]
        return sorted(chosen, key=feed_order, reverse=True)[:limit]

    async def get(self, event_id: str) -> Notice | None:
        return self.items.get(event_id)

    async def announcement(self, subject_id: str) -> Notice | None:
        found = [
            n
            for n in self.items.values()
            if n.subject_id == subject_id
            and n.event_type in {"stx.connection_event.announced", "stx.connection_event.updated"}
        ]
        return max(found, key=lambda n: n.occurred_at, default=None)

    async def laureates(self, programme_id: str) -> list[Notice]:
        found = [
            n
            for n in self.items.values()
            if n.event_type == "stx.award.granted" and n.facts.get("programme_id") == programme_id
        ]
        return sorted(found, key=lambda n: n.occurred_at)


class InMemoryAddressBook:
    def __init__(self, kinds: dict[str, str] | None = None) -> None:
        self.kinds = dict(kinds or {})
        self.names: dict[str, str] = {}
        self.contacts: dict[str, tuple[str, str, str | None]] = {}
        self.languages: dict[str, str] = {}
        self.owners: dict[str, str] = {}
        self.suppressed: set[str] = set()
        self.sectors: dict[str, set[str]] = {}

    async def record_contact(
        self,
        organization_id: str,
        contact_name: str,
        email: str,
        phone: str | None,
        session: Any,
        language: str = "vi",
    ) -> None:
        self.contacts[organization_id] = (contact_name, email, phone)
        self.languages[organization_id] = language

    async def record_name(
        self, organization_id: str, name: str, session: Any, kind: str | None = None
    ) -> None:
        self.names[organization_id] = name
        if kind is not None:
            self.kinds[organization_id] = kind

    async def record_owner(self, listing_id: str, organization_id: str, session: Any) -> None:
        self.owners[listing_id] = organization_id

    async def of_kind(self, kind: str) -> list[str]:
        return sorted(org for org, k in self.kinds.items() if k == kind)

    async def record_sector(self, organization_id: str, sector: str, session: Any) -> None:
        self.sectors.setdefault(organization_id, set()).add(sector)

    async def in_sectors(self, sectors: list[str]) -> list[str]:
        return sorted(org for org, known in self.sectors.items() if known & set(sectors))

    async def suppress(self, recipient: str, now: datetime) -> None:
        self.suppressed.add(recipient)


class InMemoryRevisions:
    def __init__(self) -> None:
        self.counts: dict[str, int] = {}

    async def next(self, subject: str, session: Any) -> int:
        self.counts[subject] = self.counts.get(subject, 0) + 1
        return self.counts[subject] - 1


class InMemoryStanding:
    def __init__(self) -> None:
        self.items: dict[str, StandingMessage] = {}

    async def add(self, message: StandingMessage, session: Any) -> None:
        self.items.setdefault(message.source_event_id, message)

    async def open_for(self, audience: str, now: datetime) -> list[StandingMessage]:
        return [m for m in self.items.values() if m.audience == audience and m.until > now]


class InMemoryReminders:
    def __init__(self) -> None:
        self.items: dict[str, Reminder] = {}
        self.exclusions: dict[str, list[str]] = {}

    async def get(self, reminder_id: str, session: Any) -> Reminder | None:
        return self.items.get(reminder_id)

    async def save(self, reminder: Reminder, session: Any) -> None:
        kept = self.exclusions.setdefault(reminder.reminder_id, [])
        kept.extend(org for org in reminder.excluded if org not in kept)
        self.items[reminder.reminder_id] = reminder.model_copy(update={"excluded": list(kept)})

    async def exclude(self, reminder_id: str, organization_id: str, session: Any) -> None:
        kept = self.exclusions.setdefault(reminder_id, [])
        if organization_id not in kept:
            kept.append(organization_id)
        if found := self.items.get(reminder_id):
            self.items[reminder_id] = found.model_copy(update={"excluded": list(kept)})

    async def due(self, now: datetime, limit: int = 200) -> list[Reminder]:
        pending = [r for r in self.items.values() if r.due_at is not None and r.due_at <= now]
        return sorted(pending, key=lambda r: r.due_at or now)[:limit]

    async def advance(self, read: Reminder, due: datetime | None, session: Any) -> bool:
        found = self.items.get(read.reminder_id)
        if found is None or (found.due_at, found.version) != (read.due_at, read.version):
            return False
        self.items[read.reminder_id] = found.model_copy(update={"due_at": due})
        return True


class InMemoryTransactions:
    async def unit_of_work(self, work: Callable[[Tx], Awaitable[T]]) -> T:
        return await work(Tx(session=None, correlation_id=None, causation_id=None))  # type: ignore[arg-type]


ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
POLICY = ReminderPolicy(
    ZONE, hour=8, introduction_idle_days=14, nominations_notice_days=7, registration_notice_days=3
)
QUIET = DigestSchedule(7, 0, 21, 7, ZONE)


def reminders_of(stores: InMemoryStores, clock: Clock, ids: DeliveryIds) -> Reminders:
    """The reminder use cases on the fakes, with the default settings' policy and quiet hours."""
    return Reminders(stores, InMemoryTransactions(), POLICY, QUIET, clock, ids)


def intake_of(stores: InMemoryStores, clock: Clock, ids: DeliveryIds) -> Intake:
    return Intake(stores, clock, ids, reminders_of(stores, clock, ids))


class InMemoryStores:
    def __init__(self, kinds: dict[str, str] | None = None) -> None:
        self.subscriptions = InMemorySubscriptions()
        self.deliveries = InMemoryDeliveries()
        self.notices = InMemoryNotices()
        self.address_book = InMemoryAddressBook(kinds)
        self.revisions = InMemoryRevisions()
        self.standing = InMemoryStanding()
        self.reminders = InMemoryReminders()

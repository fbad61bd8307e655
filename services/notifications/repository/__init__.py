"""The MongoDB side of the notifications service, and nothing else."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from pymongo import ASCENDING, DESCENDING, IndexModel
from pymongo.asynchronous.database import AsyncDatabase

from services.notifications.repository.contacts import AddressBook
from services.notifications.repository.deliveries import DeliveryRepository
from services.notifications.repository.notices import NoticeRepository
from services.notifications.repository.reminders import Reminders
from services.notifications.repository.revisions import Revisions
from services.notifications.repository.standing import StandingMessages
from services.notifications.repository.subscriptions import SubscriptionRepository
from shared.mongo import Document

INDEXES: Final = {
    "subscriptions": [
        IndexModel([("status", ASCENDING), ("frequency", ASCENDING)], name="by_status"),
        IndexModel([("digest_due_at", ASCENDING)], name="digest_due", sparse=True),
        IndexModel([("address", ASCENDING), ("created_at", ASCENDING)], name="signups_by_address"),
        IndexModel(
            [("requested_from", ASCENDING), ("created_at", ASCENDING)], name="signups_by_client"
        ),
        IndexModel(
            [("owner_organization_id", ASCENDING), ("created_at", ASCENDING)],
            name="by_owner",
            sparse=True,
        ),
    ],
    "deliveries": [
        IndexModel([("status", ASCENDING), ("next_attempt_at", ASCENDING)], name="due"),
        IndexModel([("status", ASCENDING), ("claimed_until", ASCENDING)], name="claims"),
        IndexModel(
            [("recipient_key", ASCENDING), ("sent_at", ASCENDING)],
            name="per_recipient",
            sparse=True,
        ),
        IndexModel([("domain", ASCENDING), ("sent_at", ASCENDING)], name="per_domain", sparse=True),
        IndexModel([("subscriber_id", ASCENDING), ("created_at", DESCENDING)], name="log"),
        IndexModel([("source_event_id", ASCENDING)], name="by_source_event"),
    ],
    "notices": [
        IndexModel([("occurred_at", DESCENDING)], name="recent"),
        # the feeds' keyset pages: newest first, ties by id
        IndexModel([("occurred_at", DESCENDING), ("_id", DESCENDING)], name="feed_order"),
        # press packs: a techmart's announcement, an award programme's laureates
        IndexModel([("subject_id", ASCENDING), ("occurred_at", ASCENDING)], name="by_subject"),
        IndexModel([("facts.programme_id", ASCENDING)], name="by_programme", sparse=True),
    ],
    "standing_messages": [
        IndexModel([("audience", ASCENDING), ("until", ASCENDING)], name="open_for")
    ],
    "reminders": [IndexModel([("due_at", ASCENDING)], name="due")],
    "organizations": [IndexModel([("sectors", ASCENDING)], name="by_sector", sparse=True)],
}


@dataclass(frozen=True)
class Repositories:
    subscriptions: SubscriptionRepository
    deliveries: DeliveryRepository
    notices: NoticeRepository
    address_book: AddressBook
    revisions: Revisions
    standing: StandingMessages
    reminders: Reminders

    @classmethod
    def of(cls, db: AsyncDatabase[Document]) -> Repositories:
        return cls(
            SubscriptionRepository(db),
            DeliveryRepository(db),
            NoticeRepository(db),
            AddressBook(db),
            Revisions(db),
            StandingMessages(db),
            Reminders(db),
        )


__all__ = ["INDEXES", "Repositories"]

"""Subscriptions, with each webhook's signing secret kept beside (never in API reads)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pymongo.asynchronous.client_session import AsyncClientSession
from pymongo.asynchronous.database import AsyncDatabase

from services.notifications.domain.subscriptions import (
    Frequency,
    Subscription,
    SubscriptionStatus,
)
from shared.mongo import Document

MOST_OWNED = 100
"""An organisation's subscriptions listed at most (a handful in practice)."""


def _doc(subscription: Subscription) -> Document:
    doc = subscription.model_dump()
    doc["_id"] = doc.pop("subscription_id")
    return doc


def _subscription(doc: Document) -> Subscription:
    fields = {k: v for k, v in doc.items() if k not in ("_id", "webhook_secret")}
    return Subscription.model_validate({**fields, "subscription_id": doc["_id"]})


class SubscriptionRepository:
    def __init__(self, db: AsyncDatabase[Document]):
        self._subscriptions = db["subscriptions"]

    async def add(
        self,
        subscription: Subscription,
        webhook_secret: str | None,
        session: AsyncClientSession,
        requested_from: str | None = None,
    ) -> None:
        doc = _doc(subscription) | {"webhook_secret": webhook_secret}
        doc["requested_from"] = requested_from
        await self._subscriptions.insert_one(doc, session=session)

    async def asked_since(self, since: datetime, address: str | None = None,
                          requested_from: str | None = None) -> int:  # fmt: skip
        """Subscriptions created since `since` for this address, or from this client."""
        query: Document = {"created_at": {"$gte": since}}
        query |= {"address": address} if address is not None else {}
        query |= {"requested_from": requested_from} if requested_from is not None else {}
        return await self._subscriptions.count_documents(query)

    async def save(
        self, subscription: Subscription, session: AsyncClientSession | None = None
    ) -> None:
        doc = _doc(subscription)
        await self._subscriptions.update_one(
            {"_id": doc.pop("_id")}, {"$set": doc}, session=session
        )

    async def get(self, subscription_id: str) -> Subscription | None:
        doc = await self._subscriptions.find_one({"_id": subscription_id})
        return _subscription(doc) if doc else None

    async def webhook_secret(self, subscription_id: str) -> str | None:
        return await self._secret(subscription_id)

    async def instant(self) -> list[Subscription]:
        """Active subscriptions that want each notice as it happens."""
        query = {"status": SubscriptionStatus.ACTIVE.value, "frequency": Frequency.INSTANT.value}
        return [_subscription(doc) async for doc in self._subscriptions.find(query)]

    async def digests_due(self, now: datetime, limit: int = 200) -> list[Subscription]:
        query = {
            "status": SubscriptionStatus.ACTIVE.value,
            "frequency": {"$in": [Frequency.DAILY.value, Frequency.WEEKLY.value]},
            "digest_due_at": {"$lte": now},
        }
        cursor = self._subscriptions.find(query).sort("digest_due_at", 1).limit(limit)
        return [_subscription(doc) async for doc in cursor]

    async def move_digest_due(
        self, subscription_id: str, was: datetime, due: datetime, session: AsyncClientSession
    ) -> bool:
        """Advance the schedule; False when another replica already did (it sends that one)."""
        result = await self._subscriptions.update_one(
            {"_id": subscription_id, "digest_due_at": was},
            {"$set": {"digest_due_at": due}},
            session=session,
        )
        return result.modified_count == 1

    async def page(
        self, status: SubscriptionStatus | None, limit: int, skip: int
    ) -> list[Subscription]:
        query: dict[str, Any] = {} if status is None else {"status": status.value}
        cursor = self._subscriptions.find(query).sort("created_at", -1).skip(skip).limit(limit)
        return [_subscription(doc) async for doc in cursor]

    async def owned_by(self, organization_id: str) -> list[Subscription]:
        query = {"owner_organization_id": str(organization_id)}
        cursor = self._subscriptions.find(query).sort("created_at", -1).limit(MOST_OWNED)
        return [_subscription(doc) async for doc in cursor]

    async def _secret(self, subscription_id: str) -> str | None:
        doc = await self._subscriptions.find_one({"_id": subscription_id}, {"webhook_secret": 1})
        return doc.get("webhook_secret") if doc else None

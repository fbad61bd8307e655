"""Deliveries: the dedupe key is the `_id`, so a second intent for the same (event, recipient,
channel) changes nothing. Claims are atomic, so one replica sends each delivery."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pymongo import ASCENDING, ReturnDocument
from pymongo.asynchronous.client_session import AsyncClientSession
from pymongo.asynchronous.database import AsyncDatabase

from services.notifications.domain.deliveries import Delivery, DeliveryStatus
from shared.mongo import Document


@dataclass(frozen=True)
class SentTo:
    """Hashed recipient and its domain, kept on sent deliveries for the rate limits."""

    recipient_key: str
    domain: str


def _doc(delivery: Delivery) -> Document:
    doc = delivery.model_dump()
    doc["_id"] = doc.pop("delivery_id")
    return doc


def _delivery(doc: Document) -> Delivery:
    return Delivery.model_validate({**doc, "delivery_id": doc["_id"]})


class DeliveryRepository:
    def __init__(self, db: AsyncDatabase[Document]):
        self._deliveries = db["deliveries"]

    async def queue(self, delivery: Delivery, session: AsyncClientSession) -> None:
        await self._deliveries.update_one(
            {"_id": delivery.delivery_id},
            {"$setOnInsert": _doc(delivery)},
            upsert=True,
            session=session,
        )

    async def get(self, delivery_id: str) -> Delivery | None:
        doc = await self._deliveries.find_one({"_id": delivery_id})
        return _delivery(doc) if doc else None

    async def claim_due(self, now: datetime, lease_until: datetime) -> Delivery | None:
        """Take the most overdue queued delivery; it stays `sending` until its outcome is saved."""
        doc = await self._deliveries.find_one_and_update(
            {"status": DeliveryStatus.QUEUED.value, "next_attempt_at": {"$lte": now}},
            {
                "$set": {"status": DeliveryStatus.SENDING.value, "claimed_until": lease_until},
                "$unset": {"send_started_at": ""},
            },
            sort=[("next_attempt_at", ASCENDING)],
            return_document=ReturnDocument.AFTER,
        )
        return _delivery(doc) if doc else None

    async def mark_send_started(self, delivery_id: str, now: datetime) -> None:
        """Written just before talking to the peer: from here on, an expired claim is in doubt."""
        await self._deliveries.update_one(
            {"_id": delivery_id, "status": DeliveryStatus.SENDING.value},
            {"$set": {"send_started_at": now}},
        )

    async def release_unstarted(self, now: datetime) -> int:
        """Expired claims that never reached the peer (e.g. the store failed first): queue them
        again — nothing was sent, so sending now cannot duplicate."""
        result = await self._deliveries.update_many(
            {
                "status": DeliveryStatus.SENDING.value,
                "claimed_until": {"$lt": now},
                "send_started_at": {"$exists": False},
            },
            {"$set": {"status": DeliveryStatus.QUEUED.value}, "$unset": {"claimed_until": ""}},
        )
        return result.modified_count

    async def abandoned(self, now: datetime, limit: int) -> list[Delivery]:
        """Claimed by a process that died after starting to send and before the outcome."""
        query = {
            "status": DeliveryStatus.SENDING.value,
            "claimed_until": {"$lt": now},
            "send_started_at": {"$exists": True},
        }
        return [_delivery(d) async for d in self._deliveries.find(query).limit(limit)]

    async def record(
        self,
        delivery: Delivery,
        session: AsyncClientSession | None = None,
        sent_to: SentTo | None = None,
        claimed_before: datetime | None = None,
    ) -> bool:
        """Save the outcome of a claimed delivery. False if the claim is no longer ours."""
        doc = _doc(delivery)
        query: dict[str, Any] = {"_id": doc.pop("_id"), "status": DeliveryStatus.SENDING.value}
        if claimed_before is not None:
            query["claimed_until"] = {"$lt": claimed_before}
        if sent_to is not None:
            doc |= {"recipient_key": sent_to.recipient_key, "domain": sent_to.domain}
        result = await self._deliveries.update_one(
            query,
            {"$set": doc, "$unset": {"claimed_until": "", "send_started_at": ""}},
            session=session,
        )
        return result.modified_count == 1

    async def requeue(self, delivery: Delivery) -> bool:
        doc = _doc(delivery)
        result = await self._deliveries.update_one(
            {"_id": doc.pop("_id"), "status": DeliveryStatus.FAILED.value}, {"$set": doc}
        )
        return result.modified_count == 1

    async def sent_since(self, field: str, value: str, since: datetime) -> int:
        if field not in ("recipient_key", "domain"):
            raise ValueError(f"no rate limit on {field}")
        return await self._deliveries.count_documents({field: value, "sent_at": {"$gte": since}})

    async def page(self, filters: dict[str, str], limit: int, skip: int) -> list[Delivery]:
        """The delivery log; `filters` maps field names the API allows to plain string values."""
        cursor = self._deliveries.find(filters).sort("created_at", -1).skip(skip).limit(limit)
        return [_delivery(doc) async for doc in cursor]

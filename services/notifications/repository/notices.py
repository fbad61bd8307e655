"""Public notices: the material of instant alerts, digests and the public feeds."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any, Final

from pymongo.asynchronous.client_session import AsyncClientSession
from pymongo.asynchronous.database import AsyncDatabase

from services.notifications.domain.feed_pages import FeedCursor
from services.notifications.domain.notices import LISTING_KINDS, Notice, NoticeKind
from shared.events.connection_events import ConnectionEventAnnounced, ConnectionEventUpdated
from shared.events.nominations import AwardGranted
from shared.events.vocabulary import Sector
from shared.mongo import Document

FEED_ORDER: Final = [("occurred_at", -1), ("_id", -1)]
"""Newest first, ties by id: the order of the feeds' keyset pages (index `feed_order`)."""
MOST_LAUREATES: Final = 500
"""More than any programme honours in a year; bounds a press pack's read."""


def _notice(doc: Document) -> Notice:
    return Notice.model_validate({**doc, "event_id": doc["_id"]})


class NoticeRepository:
    def __init__(self, db: AsyncDatabase[Document]):
        self._notices = db["notices"]

    async def add(self, notice: Notice, session: AsyncClientSession) -> None:
        doc = notice.model_dump()
        doc["_id"] = doc.pop("event_id")
        await self._notices.update_one(
            {"_id": doc["_id"]}, {"$setOnInsert": doc}, upsert=True, session=session
        )

    async def titles(
        self, subject_ids: Iterable[str], kinds: Iterable[NoticeKind] = LISTING_KINDS
    ) -> dict[str, str]:
        """Public titles of these subjects' notices of these kinds (the latest wins): published
        listings by default, or an announced event."""
        ids = list(subject_ids)
        query = {"subject_id": {"$in": ids}, "kind": {"$in": [kind.value for kind in kinds]}}
        cursor = self._notices.find(query, {"subject_id": 1, "title": 1}).sort("occurred_at", 1)
        return {doc["subject_id"]: doc["title"] async for doc in cursor}

    async def between(self, start: datetime, end: datetime) -> list[Notice]:
        query = {"occurred_at": {"$gte": start, "$lt": end}}
        return [_notice(doc) async for doc in self._notices.find(query).sort("occurred_at", 1)]

    async def latest(
        self,
        limit: int,
        sector: Sector | None = None,
        kind: NoticeKind | None = None,
        after: FeedCursor | None = None,
    ) -> list[Notice]:
        """In feed order (newest first, ties by id), starting after `after`."""
        query: dict[str, Any] = {}
        if sector is not None:
            query["sector"] = sector.value
        if kind is not None:
            query["kind"] = kind.value
        if after is not None:
            query["$or"] = [
                {"occurred_at": {"$lt": after.published}},
                {"occurred_at": after.published, "_id": {"$lt": after.notice_id}},
            ]
        cursor = self._notices.find(query).sort(FEED_ORDER).limit(limit)
        return [_notice(doc) async for doc in cursor]

    async def get(self, event_id: str) -> Notice | None:
        doc = await self._notices.find_one({"_id": event_id})
        return _notice(doc) if doc else None

    async def announcement(self, subject_id: str) -> Notice | None:
        """The latest notice of what a connection event is (its announcement, or a change
        since): its title, time and place."""
        described = [ConnectionEventAnnounced.ce_type, ConnectionEventUpdated.ce_type]
        query = {"subject_id": subject_id, "event_type": {"$in": described}}
        doc = await self._notices.find_one(query, sort=[("occurred_at", -1)])
        return _notice(doc) if doc else None

    async def laureates(self, programme_id: str) -> list[Notice]:
        """The award notices of one programme, in the order they were announced."""
        query = {"event_type": AwardGranted.ce_type, "facts.programme_id": programme_id}
        cursor = self._notices.find(query).sort("occurred_at", 1).limit(MOST_LAUREATES)
        return [_notice(doc) async for doc in cursor]

"""Transactional outbox (DESIGN.md §5.1).

A use case changes state and emits events in one MongoDB transaction: the events are
written to the service's `outbox` collection next to the state, numbered by a sequence taken
in that transaction. `OutboxRelay` publishes pending records in sequence order with the
idempotent producer and marks them sent. A crash between publish and mark re-publishes on
restart; consumers de-duplicate on `ce_id`.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Final, TypeVar

from bson import ObjectId
from pymongo import ASCENDING, AsyncMongoClient, IndexModel, ReturnDocument
from pymongo.asynchronous.client_session import AsyncClientSession
from pymongo.asynchronous.database import AsyncDatabase

from shared.events.base import Event
from shared.events.envelope import OutgoingRecord, to_record
from shared.logging import current_correlation_id
from shared.mongo import Document, in_transaction

OUTBOX: Final = "outbox"
LEASES: Final = "outbox_lease"
SEQUENCE: Final = "outbox_sequence"
SENT_RETENTION: Final = timedelta(days=7)
BACKLOG_REFRESH_SECONDS: Final = 5.0
T = TypeVar("T")

OUTBOX_INDEXES: Final = {
    OUTBOX: [
        IndexModel(
            [("pending", ASCENDING), ("seq", ASCENDING), ("_id", ASCENDING)],
            name="pending_in_sequence",
        ),
        IndexModel(
            [("sent_at", ASCENDING)],
            name="sent_ttl",
            expireAfterSeconds=int(SENT_RETENTION.total_seconds()),
        ),
    ],
}


@dataclass
class Tx:
    """What a unit of work sees: the session to write state with, and where to emit events."""

    session: AsyncClientSession
    correlation_id: str | None
    causation_id: str | None
    emitted: list[Event] = field(default_factory=list)

    def emit(self, *events: Event) -> None:
        self.emitted.extend(events)


class Outbox:
    """Writes state and its events atomically; wakes the relay after each commit."""

    def __init__(
        self, client: AsyncMongoClient[Document], db: AsyncDatabase[Document], source: str
    ):
        self._client = client
        self._db = db
        self._source = source
        self._committed = asyncio.Event()

    @property
    def committed(self) -> asyncio.Event:
        """Set after a transaction with events commits (the relay waits on it)."""
        return self._committed

    async def unit_of_work(
        self,
        work: Callable[[Tx], Awaitable[T]],
        *,
        correlation_id: str | None = None,
        causation_id: str | None = None,
    ) -> T:
        """Run `work` and insert the events it emitted, all in one transaction."""
        correlation = correlation_id or current_correlation_id()
        emitted_any = False

        async def attempt(session: AsyncClientSession) -> T:
            nonlocal emitted_any
            tx = Tx(session, correlation, causation_id)
            result = await work(tx)
            await self._insert(tx)
            emitted_any = bool(tx.emitted)
            return result

        result = await in_transaction(self._client, attempt)
        if emitted_any:
            self._committed.set()
        return result

    async def last_sequence(self) -> int:
        """The sequence number of the latest record written (0 before any): it changes with
        every committed transaction that emitted an event."""
        counter = await self._db[SEQUENCE].find_one({"_id": OUTBOX})
        return 0 if counter is None else int(counter["next"])

    async def _insert(self, tx: Tx) -> None:
        if not tx.emitted:
            return
        now = datetime.now(UTC)
        first = await self._reserve(len(tx.emitted), tx.session)
        docs = []
        for seq, event in enumerate(tx.emitted, start=first):
            record = to_record(
                event,
                source=self._source,
                correlation_id=tx.correlation_id,
                causation_id=tx.causation_id,
                time=now,
            )
            docs.append(_document(record, now, seq))
        await self._db[OUTBOX].insert_many(docs, session=tx.session, ordered=True)

    async def _reserve(self, count: int, session: AsyncClientSession) -> int:
        """The first of `count` sequence numbers, taken in the transaction.

        ObjectIds order by second and then by a per-process random value, so two replicas
        writing the same aggregate within a second could be published out of commit order.
        Concurrent transactions conflict on this one document instead, and the later retries
        after the earlier commits: the sequence is the commit order.
        """
        counter = await self._db[SEQUENCE].find_one_and_update(
            {"_id": OUTBOX},
            {"$inc": {"next": count}},
            upsert=True,
            return_document=ReturnDocument.AFTER,
            session=session,
        )
        assert counter is not None  # an upsert returning the document after the update
        return int(counter["next"]) - count + 1


def _document(record: OutgoingRecord, now: datetime, seq: int) -> Document:
    return {
        "_id": ObjectId(),
        "seq": seq,
        "event_id": record.event_id,
        "event_type": record.headers["ce_type"],
        "topic": record.topic,
        "key": record.key,
        "value": record.value,
        "headers": record.headers,
        "created_at": now,
        "pending": True,
    }

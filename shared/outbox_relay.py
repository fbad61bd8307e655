"""The outbox relay: publishes pending outbox records in sequence order, then marks them sent.

One relay per service holds the lease at a time, so records leave in the order they were
committed (`shared.outbox` numbers them in their transaction).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import socket
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Final, Protocol

from aiokafka.errors import InvalidTopicError, MessageSizeTooLargeError, RecordTooLargeError
from pymongo import ASCENDING, ReturnDocument
from pymongo.asynchronous.database import AsyncDatabase
from pymongo.errors import DuplicateKeyError

from shared.events.envelope import OutgoingRecord
from shared.logging import get_logger
from shared.metrics import OUTBOX_BACKLOG, OUTBOX_PARKED, OUTBOX_PUBLISHED
from shared.mongo import Document
from shared.outbox import BACKLOG_REFRESH_SECONDS, LEASES, OUTBOX

log = get_logger(__name__)
UNPUBLISHABLE: Final = (MessageSizeTooLargeError, InvalidTopicError, RecordTooLargeError)
"""Refusals that no retry can change: the record is parked, with an alert."""


def _record(doc: Document) -> OutgoingRecord:
    return OutgoingRecord(
        topic=doc["topic"], key=doc["key"], value=bytes(doc["value"]), headers=dict(doc["headers"])
    )


class RecordSender(Protocol):
    async def send(self, records: Sequence[OutgoingRecord]) -> None:
        """Publish in order and return once every record is acknowledged (acks=all)."""


class Lease:
    """Only one relay per service publishes at a time (several replicas may run)."""

    def __init__(self, db: AsyncDatabase[Document], ttl: timedelta = timedelta(seconds=15)):
        self._leases = db[LEASES]
        self._ttl = ttl
        self.owner = f"{socket.gethostname()}:{os.getpid()}:{id(self):x}"

    async def acquire(self) -> bool:
        now = datetime.now(UTC)
        try:
            doc = await self._leases.find_one_and_update(
                {"_id": "relay", "$or": [{"owner": self.owner}, {"expires_at": {"$lt": now}}]},
                {"$set": {"owner": self.owner, "expires_at": now + self._ttl}},
                upsert=True,
                return_document=ReturnDocument.AFTER,
            )
        except DuplicateKeyError:
            return False  # another live relay holds it
        return doc is not None and doc.get("owner") == self.owner

    async def release(self) -> None:
        await self._leases.delete_one({"_id": "relay", "owner": self.owner})


class OutboxRelay:
    """Publishes pending outbox records in order and marks them sent."""

    def __init__(
        self,
        service: str,
        db: AsyncDatabase[Document],
        sender: RecordSender,
        committed: asyncio.Event,
        *,
        batch_size: int = 200,
        poll_seconds: float = 0.2,
    ):
        self._service = service
        self._outbox = db[OUTBOX]
        self._sender = sender
        self._committed = committed
        self._batch_size = batch_size
        self._poll_seconds = poll_seconds
        self._lease = Lease(db)
        self._stopping = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._backlog_measured_at = 0.0

    def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name=f"outbox-relay-{self._service}")

    async def stop(self) -> None:
        """Stop after the batch in flight, then publish what is left once (graceful drain)."""
        self._stopping.set()
        if self._task is not None:
            await self._task
        try:
            if await self._lease.acquire():
                await self.drain()
                await self._lease.release()
        except Exception:  # a store or broker outage at shutdown: the next start publishes it
            log.warning("outbox_drain_failed", exc_info=True)

    async def drain(self) -> int:
        total = 0
        while published := await self.publish_pending():
            total += published
        return total

    async def publish_pending(self) -> int:
        """One pass: publish up to one batch of pending records. Returns how many."""
        docs = (
            await self._outbox.find({"pending": True})
            # Records written before sequences existed have none: they sort first.
            .sort([("seq", ASCENDING), ("_id", ASCENDING)])
            .to_list(self._batch_size)
        )
        if not docs:
            return 0
        records = [_record(doc) for doc in docs]
        try:
            await self._sender.send(records)
        except UNPUBLISHABLE:
            return await self._one_by_one(docs)
        await self._mark_sent(docs)
        return len(docs)

    async def _one_by_one(self, docs: list[Document]) -> int:
        """A batch holds a record the broker will never take: send each alone and park the
        ones refused for good, so they cannot hold back every record after them. Other
        failures (broker down) still stop the pass: those records are retried."""
        for doc in docs:
            record = _record(doc)
            try:
                await self._sender.send([record])
            except UNPUBLISHABLE as exc:
                await self._park(doc, exc)
                continue
            await self._mark_sent([doc])
        return len(docs)

    async def _park(self, doc: Document, exc: Exception) -> None:
        reason = f"{type(exc).__name__}: {exc}"[:500]
        await self._outbox.update_one(
            {"_id": doc["_id"]},
            {"$set": {"parked_at": datetime.now(UTC), "park_reason": reason},
             "$unset": {"pending": ""}},
        )  # fmt: skip
        OUTBOX_PARKED.labels(self._service, doc["topic"]).inc()
        log.error(
            "outbox_record_parked",
            event_id=doc["event_id"],
            event_type=doc["event_type"],
            topic=doc["topic"],
            reason=reason,
        )

    async def _mark_sent(self, docs: list[Document]) -> None:
        await self._outbox.update_many(
            {"_id": {"$in": [doc["_id"] for doc in docs]}},
            {"$set": {"sent_at": datetime.now(UTC)}, "$unset": {"pending": ""}},
        )
        for doc in docs:
            OUTBOX_PUBLISHED.labels(self._service, doc["topic"]).inc()

    async def backlog(self) -> int:
        count = await self._outbox.count_documents({"pending": True})
        OUTBOX_BACKLOG.labels(self._service).set(count)
        return count

    async def _run(self) -> None:
        failures = 0
        while not self._stopping.is_set():
            self._committed.clear()  # before the pass: a commit during it wakes the next one
            try:
                full_batch = await self._pass()
                failures = 0
            except Exception:
                failures += 1
                log.warning("outbox_relay_retrying", attempt=failures, exc_info=True)
                full_batch = False
                await self._sleep(min(0.5 * 2**failures, 15.0))
            if not full_batch:
                await self._idle()

    async def _pass(self) -> bool:
        if not await self._lease.acquire():
            return False
        published = await self.publish_pending()
        now = asyncio.get_running_loop().time()
        if now - self._backlog_measured_at > BACKLOG_REFRESH_SECONDS:
            self._backlog_measured_at = now
            await self.backlog()
        return published == self._batch_size

    async def _idle(self) -> None:
        waiter = asyncio.ensure_future(self._committed.wait())
        stopper = asyncio.ensure_future(self._stopping.wait())
        await asyncio.wait(
            {waiter, stopper}, timeout=self._poll_seconds, return_when="FIRST_COMPLETED"
        )
        waiter.cancel()
        stopper.cancel()

    async def _sleep(self, seconds: float) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._stopping.wait(), seconds)

"""Produces the benchmark's records (timestamping each send) and watches the output topics
with a raw aiokafka consumer, keeping the producer's CreateTime of every output record."""

from __future__ import annotations

import asyncio
import json
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from aiokafka.admin import AIOKafkaAdminClient

from shared.events.envelope import OutgoingRecord


@dataclass
class Seen:
    # match ce_id → (causing listing event id, CreateTime seconds)
    proposals: dict[str, tuple[str, float]] = field(default_factory=dict)
    # delivery id → (source match event id, delivered_at seconds)
    delivered: dict[str, tuple[str, float]] = field(default_factory=dict)
    failed: int = 0
    # how often each effect appeared on the topics: a count above 1 is a duplicated effect
    proposed_pairs: Counter[tuple[str, str]] = field(default_factory=Counter)
    delivery_events: Counter[str] = field(default_factory=Counter)
    # organisations to be mailed about a proposal (an org owning both listings is mailed once)
    recipients: int = 0


class Probe:
    def __init__(self, bootstrap: str, topics: Sequence[str]) -> None:
        self.seen = Seen()
        self._consumer = AIOKafkaConsumer(
            *topics, bootstrap_servers=bootstrap, group_id=None, auto_offset_reset="earliest"
        )
        self._task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        await self._consumer.start()
        self._task = asyncio.create_task(self._run())

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with __import__("contextlib").suppress(asyncio.CancelledError):
                await self._task
        await self._consumer.stop()

    async def _run(self) -> None:
        async for rec in self._consumer:
            headers = {k: (v or b"").decode() for k, v in rec.headers}
            kind = headers.get("ce_type", "")
            if kind == "stx.match.proposed":
                key = headers.get("ce_id") or f"{rec.topic}/{rec.partition}/{rec.offset}"
                self.seen.proposals[key] = (headers.get("ce_causationid", ""), rec.timestamp / 1000)
                self._proposed(json.loads(rec.value))
            elif kind == "stx.notification.delivered":
                data = json.loads(rec.value)
                at = datetime.fromisoformat(data["delivered_at"]).timestamp()
                self.seen.delivered[data["delivery_id"]] = (data["source_event_id"], at)
                self.seen.delivery_events[data["delivery_id"]] += 1
            elif kind == "stx.notification.failed":
                self.seen.failed += 1

    def _proposed(self, data: dict[str, str | None]) -> None:
        self.seen.proposed_pairs[(str(data["demand_id"]), str(data["offer_id"]))] += 1
        owners = {data["offer_owner_organization_id"], data.get("demand_owner_organization_id")}
        self.seen.recipients += len(owners - {None})


async def produce(
    bootstrap: str,
    records: Sequence[OutgoingRecord],
    topic: str | None = None,
    interval: float = 0.0,
) -> dict[str, float]:
    """Send the records (to `topic` instead of theirs when given); ce_id → send time."""
    producer = AIOKafkaProducer(
        bootstrap_servers=bootstrap, acks="all", enable_idempotence=True, linger_ms=5
    )
    await producer.start()
    sent: dict[str, float] = {}
    futures = []
    try:
        for record in records:
            sent[record.event_id] = time.time()
            futures.append(
                await producer.send(
                    topic or record.topic,
                    record.value,
                    key=record.key.encode(),
                    headers=[(k, v.encode()) for k, v in record.headers.items()],
                )
            )
            if interval:
                await asyncio.sleep(interval)
        await asyncio.gather(*futures)
    finally:
        await producer.stop()
    return sent


async def committed_at(
    bootstrap: str, group: str, topic: str, target: int, timeout: float
) -> float:
    """Wall time (polled every 0.2 s) when `group` has committed `target` records of `topic`;
    NaN on timeout. Both the service and the ceiling commit only after processing a record."""
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
    await admin.start()
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            offsets = await admin.list_consumer_group_offsets(group)
            total = sum(o.offset for tp, o in offsets.items() if tp.topic == topic and o.offset > 0)
            if total >= target:
                return time.time()
            await asyncio.sleep(0.2)
    finally:
        await admin.close()
    return float("nan")


async def group_stable(bootstrap: str, group: str, members: int, timeout: float) -> bool:
    """Wait until `group` is Stable with `members` members (every replica has its partitions), so
    a run does not start in the middle of a rebalance; False on timeout."""
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
    await admin.start()
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            for response in await admin.describe_consumer_groups([group]):
                for described in response.to_object()["groups"]:
                    if described["state"] == "Stable" and len(described["members"]) == members:
                        return True
            await asyncio.sleep(0.5)
    finally:
        await admin.close()
    return False

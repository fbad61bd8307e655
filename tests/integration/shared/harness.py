"""A producing and a consuming side built from shared/ pieces, on the real broker and store."""

from __future__ import annotations

import asyncio
import itertools
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, ClassVar

from aiokafka import AIOKafkaConsumer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from faststream.kafka import KafkaBroker
from pydantic import Field
from pymongo import AsyncMongoClient

from shared.consuming import EventConsumer, Handling, RetryPolicy, TransientError
from shared.dlq import DeadLetters
from shared.events.base import Event
from shared.events.registry import register
from shared.idempotency import ProcessedEvents
from shared.kafka import BrokerSender, subscribe
from shared.mongo import ensure_indexes
from shared.outbox import OUTBOX_INDEXES, Outbox
from shared.outbox_relay import OutboxRelay
from shared.topics import topic as topic_spec

_serial = itertools.count(1)


class ItemRecordedBase(Event):
    subject_field: ClassVar[str] = "item_id"
    item_id: str = Field(description="Item id")
    quantity: int = Field(ge=0, description="How many")


def item_event_type(topic: str) -> type[ItemRecordedBase]:
    """A fresh event type on a fresh topic, so tests never see each other's records."""
    n = next(_serial)
    model = type(
        f"ItemRecorded{n}",
        (ItemRecordedBase,),
        {"ce_type": f"stx.test_item_{n}.recorded", "topic": topic, "__module__": __name__},
    )
    return register(model)


async def create_topic(bootstrap: str, name: str, partitions: int = 3) -> None:
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
    await admin.start()
    try:
        await admin.create_topics([NewTopic(name, partitions, 1)])
    finally:
        await admin.close()


def new_broker(bootstrap: str) -> KafkaBroker:
    return KafkaBroker(bootstrap, acks="all", enable_idempotence=True, graceful_timeout=5.0)


@dataclass
class ProducingSide:
    client: AsyncMongoClient[Any]
    db_name: str
    broker: KafkaBroker
    outbox: Outbox = field(init=False)
    relay: OutboxRelay = field(init=False)

    def __post_init__(self) -> None:
        db = self.client[self.db_name]
        self.outbox = Outbox(self.client, db, source="/stx/test/producer")
        self.relay = OutboxRelay(
            "producer", db, BrokerSender(self.broker), self.outbox.committed, poll_seconds=0.05
        )

    async def start(self) -> None:
        await ensure_indexes(self.client[self.db_name], OUTBOX_INDEXES)
        await self.broker.start()
        self.relay.start()

    async def stop(self) -> None:
        await self.relay.stop()
        await self.broker.stop()

    async def emit(self, *events: Event) -> None:
        async def work(tx: Any) -> None:
            await tx.session.client[self.db_name].state.insert_one(
                {"n": len(events)}, session=tx.session
            )
            tx.emit(*events)

        await self.outbox.unit_of_work(work, correlation_id="corr-test")


@dataclass
class ConsumingSide:
    """A consumer group that counts how often each item was applied."""

    client: AsyncMongoClient[Any]
    db_name: str
    broker: KafkaBroker
    model: type[ItemRecordedBase]
    group_id: str
    service: str = "tester"
    failing: dict[str, int] = field(default_factory=dict)
    """Item id → how many more times applying it fails as if the store were down."""
    consumer: EventConsumer = field(init=False)

    def __post_init__(self) -> None:
        db = self.client[self.db_name]
        outbox = Outbox(self.client, db, source="/stx/test/consumer")
        self.consumer = EventConsumer(
            self.service,
            outbox,
            ProcessedEvents(db),
            DeadLetters(self.service, BrokerSender(self.broker)),
            RetryPolicy(max_attempts=3, backoff_seconds=0.05, backoff_max_seconds=0.2),
        )

        @self.consumer.on(self.model)
        async def on_item(h: Handling[ItemRecordedBase]) -> None:
            if self.failing.get(h.event.item_id, 0) > 0:
                self.failing[h.event.item_id] -= 1
                raise TransientError("the store is down (simulated)")
            await h.tx.session.client[self.db_name].applied.update_one(
                {"_id": h.event.item_id},
                {"$inc": {"times": 1}, "$set": {"quantity": h.event.quantity}},
                upsert=True,
                session=h.tx.session,
            )

        subscribe(self.broker, self.consumer, self.group_id)

    async def start(self) -> None:
        await self.broker.start()

    async def stop(self) -> None:
        await self.broker.stop()

    async def applied(self) -> dict[str, int]:
        docs = await self.client[self.db_name].applied.find().to_list(None)
        return {d["_id"]: d["times"] for d in docs}


async def eventually(
    check: Callable[[], Awaitable[bool]], timeout: float = 30.0, interval: float = 0.1
) -> None:
    deadline = time.monotonic() + timeout
    while True:
        if await check():
            return
        if time.monotonic() > deadline:
            raise AssertionError(f"condition not met within {timeout}s: {check.__qualname__}")
        await asyncio.sleep(interval)


async def read_all(bootstrap: str, topic: str, expected: int, timeout: float = 20.0) -> list[Any]:
    """Every record of a topic from the start up to its end at the time of the call — and at
    least `expected` records, waiting up to `timeout` for them to arrive."""
    consumer = AIOKafkaConsumer(
        topic, bootstrap_servers=bootstrap, auto_offset_reset="earliest", enable_auto_commit=False
    )
    await consumer.start()
    records: list[Any] = []
    end: dict[TopicPartition, int] = {}
    try:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            batch = await consumer.getmany(timeout_ms=500)
            for messages in batch.values():
                records.extend(messages)
            if not end and consumer.assignment():
                end = await consumer.end_offsets(list(consumer.assignment()))
            if end and len(records) >= expected and await _reached(consumer, end):
                break
    finally:
        await consumer.stop()
    return records


async def _reached(consumer: AIOKafkaConsumer, end: dict[TopicPartition, int]) -> bool:
    return all([await consumer.position(tp) >= offset for tp, offset in end.items()])


async def start_group_at_end(bootstrap: str, group_id: str, topics: list[str]) -> None:
    """Commit a fresh consumer group at the current end of `topics`, so a service under test
    does not first replay every record the earlier tests of the session left there."""
    consumer = AIOKafkaConsumer(
        bootstrap_servers=bootstrap, group_id=group_id, enable_auto_commit=False
    )
    await consumer.start()
    try:
        partitions = [
            TopicPartition(name, p) for name in topics for p in range(topic_spec(name).partitions)
        ]
        consumer.assign(partitions)
        await consumer.commit(await consumer.end_offsets(partitions))
    finally:
        await consumer.stop()

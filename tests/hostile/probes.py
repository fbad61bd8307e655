"""Raw Kafka and MongoDB probes of the hostile tests: produce byte for byte, read dead letters,
read a consumer group's committed offsets, and look into a service's database."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any, Final

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient
from bson import json_util

from tests.hostile.corpus import BadRecord

Position = tuple[str, int, int]
"""(topic, partition, offset) of a record: how a dead letter names its original."""


@dataclass(frozen=True)
class Sent:
    record: BadRecord
    topic: str
    partition: int
    offset: int

    @property
    def position(self) -> Position:
        return (self.topic, self.partition, self.offset)


@dataclass(frozen=True)
class DeadLetter:
    key: bytes | None
    value: bytes | None
    headers: dict[str, bytes]

    def header(self, name: str) -> str:
        return self.headers.get(name, b"").decode()

    @property
    def original(self) -> Position:
        return (
            self.header("x-original-topic"),
            int(self.header("x-original-partition") or -1),
            int(self.header("x-original-offset") or -1),
        )


@asynccontextmanager
async def raw_producer(bootstrap: str) -> AsyncIterator[AIOKafkaProducer]:
    """A plain aiokafka producer: no envelope, no validation, headers as raw bytes."""
    producer = AIOKafkaProducer(
        bootstrap_servers=bootstrap,
        acks="all",
        enable_idempotence=True,
        max_request_size=1_048_576,
        linger_ms=5,
    )
    await producer.start()
    try:
        yield producer
    finally:
        await producer.stop()


async def produce(producer: AIOKafkaProducer, records: Sequence[BadRecord]) -> list[Sent]:
    """Send in order (per partition) and return where each record landed."""
    futures = [
        await producer.send(r.topic, r.value, key=r.key, headers=list(r.headers)) for r in records
    ]
    metadata = await asyncio.gather(*futures)
    return [Sent(r, m.topic, m.partition, m.offset) for r, m in zip(records, metadata, strict=True)]


async def end_offset(bootstrap: str, topic: str, partition: int = 0) -> int:
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, enable_auto_commit=False)
    await consumer.start()
    try:
        tp = TopicPartition(topic, partition)
        return int((await consumer.end_offsets([tp]))[tp])
    finally:
        await consumer.stop()


async def dead_letters(
    bootstrap: str,
    dlq: str,
    start: int,
    wanted: set[Position],
    timeout: float,
    settle: float = 1.0,
) -> dict[Position, list[DeadLetter]]:
    """Dead letters from offset `start` on, by original position: waits until every `wanted`
    one arrived, then `settle` seconds more and to the end of the topic (to see duplicates and
    letters that should not be there)."""
    consumer = AIOKafkaConsumer(
        bootstrap_servers=bootstrap, enable_auto_commit=False, max_partition_fetch_bytes=4 << 20
    )
    await consumer.start()
    found: dict[Position, list[DeadLetter]] = {}
    tp = TopicPartition(dlq, 0)
    try:
        consumer.assign([tp])
        consumer.seek(tp, start)
        deadline = time.monotonic() + timeout
        settled_at: float | None = None
        while True:
            batch = await consumer.getmany(tp, timeout_ms=300)
            for message in batch.get(tp, []):
                letter = DeadLetter(message.key, message.value, dict(message.headers))
                found.setdefault(letter.original, []).append(letter)
            if settled_at is None and wanted <= found.keys():
                settled_at = time.monotonic() + settle
            settled = settled_at is not None and time.monotonic() >= settled_at
            at_end = await consumer.position(tp) >= (await consumer.end_offsets([tp]))[tp]
            if (settled and at_end) or time.monotonic() > deadline:
                break
    finally:
        await consumer.stop()
    return found


async def committed(bootstrap: str, group_id: str) -> dict[tuple[str, int], int]:
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
    await admin.start()
    try:
        offsets = await admin.list_consumer_group_offsets(group_id)
    finally:
        await admin.close()
    return {(tp.topic, tp.partition): meta.offset for tp, meta in offsets.items()}


def high_water(sent: Iterable[Sent]) -> dict[tuple[str, int], int]:
    """Per partition, the offset a consumer group commits once it is past every sent record."""
    marks: dict[tuple[str, int], int] = {}
    for s in sent:
        marks[(s.topic, s.partition)] = max(marks.get((s.topic, s.partition), 0), s.offset + 1)
    return marks


async def wait_until_committed(
    bootstrap: str, group_id: str, sent: Iterable[Sent], timeout: float
) -> dict[tuple[str, int], int]:
    """Until the group committed past every sent record; returns what is still behind."""
    marks = high_water(sent)
    deadline = time.monotonic() + timeout
    while True:
        offsets = await committed(bootstrap, group_id)
        behind = {tp: mark for tp, mark in marks.items() if offsets.get(tp, -1) < mark}
        if not behind or time.monotonic() > deadline:
            return {tp: offsets.get(tp, -1) for tp in behind}
        await asyncio.sleep(0.2)


async def eventually(
    check: Callable[[], Awaitable[bool]], what: str, timeout: float = 30.0
) -> None:
    deadline = time.monotonic() + timeout
    while not await check():
        if time.monotonic() > deadline:
            raise AssertionError(f"not within {timeout:g} s: {what}")
        await asyncio.sleep(0.1)


# --- the database ----------------------------------------------------------------------------


def canonical(document: Any) -> str:
    return json_util.dumps(document, sort_keys=True, json_options=json_util.CANONICAL_JSON_OPTIONS)


VOLATILE: Final = {"outbox_lease": frozenset({"expires_at"})}
"""Fields that change with time alone: the outbox relay renews its lease while it runs."""


async def snapshot(db: Any) -> dict[str, dict[str, str]]:
    """Every document of every collection, canonical JSON by `_id` (volatile fields left out)."""
    state: dict[str, dict[str, str]] = {}
    for name in sorted(await db.list_collection_names()):
        documents = await db[name].find().to_list(None)
        dropped = VOLATILE.get(name, frozenset())
        state[name] = {
            canonical(d["_id"]): canonical({k: v for k, v in d.items() if k not in dropped})
            for d in documents
        }
    return state


def diff(before: dict[str, dict[str, str]], after: dict[str, dict[str, str]]) -> list[str]:
    changes: list[str] = []
    for name in sorted(before.keys() | after.keys()):
        old, new = before.get(name, {}), after.get(name, {})
        changes += [f"{name}: new {new[k][:300]}" for k in new.keys() - old.keys()]
        changes += [f"{name}: gone {old[k][:300]}" for k in old.keys() - new.keys()]
        changes += [
            f"{name}: changed {old[k][:200]} -> {new[k][:200]}"
            for k in old.keys() & new.keys()
            if old[k] != new[k]
        ]
    return changes


async def containing(db: Any, text: str) -> list[str]:
    """`collection/_id` of every document whose canonical JSON contains `text`."""
    state = await snapshot(db)
    return [f"{name}/{key}" for name, docs in state.items() for key, doc in docs.items()
            if text in doc]  # fmt: skip


async def data_keys(db: Any) -> list[str]:
    """Field names that start with `$` or hold a `.`: event data used as a field name, which
    MongoDB reads as an operator or a path (the ids of the corpus carry both)."""
    found: list[str] = []

    def walk(node: Any, where: str) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if isinstance(key, str) and (key.startswith("$") or "." in key):
                    found.append(f"{where}.{key}")
                walk(value, f"{where}.{key}")
        elif isinstance(node, list):
            for item in node:
                walk(item, where)

    for name in await db.list_collection_names():
        for document in await db[name].find().to_list(None):
            walk(document, f"{name}/{document.get('_id')}")
    return found

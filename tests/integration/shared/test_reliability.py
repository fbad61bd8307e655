"""The reliability rules of DESIGN.md §5, proven on the real Kafka broker and MongoDB-wire store."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from typing import Any

import pytest
from aiokafka import AIOKafkaProducer
from bson import ObjectId
from pymongo import AsyncMongoClient

from shared.dlq import restore_original_headers
from shared.events.envelope import to_record
from shared.outbox import OUTBOX, Outbox
from shared.topics import dlq_topic
from tests.integration.shared.harness import (
    ConsumingSide,
    ProducingSide,
    create_topic,
    eventually,
    item_event_type,
    new_broker,
    read_all,
)

pytestmark = pytest.mark.integration


@pytest.fixture
async def mongo(stack: Any) -> AsyncIterator[AsyncMongoClient[Any]]:
    client: AsyncMongoClient[Any] = AsyncMongoClient(stack.mongodb_url, tz_aware=True)
    yield client
    await client.close()


@pytest.fixture
async def pipeline(
    stack: Any, mongo: AsyncMongoClient[Any], unique_name: str
) -> AsyncIterator[Any]:
    topic = f"stx.test.items.{unique_name}"
    await create_topic(stack.bootstrap_servers, topic)
    model = item_event_type(topic)
    producer = ProducingSide(mongo, f"p_{unique_name}", new_broker(stack.bootstrap_servers))
    consumer = ConsumingSide(
        mongo,
        f"c_{unique_name}",
        new_broker(stack.bootstrap_servers),
        model,
        group_id=f"g.{unique_name}",
        service=f"tester-{unique_name}",
    )
    await create_topic(stack.bootstrap_servers, dlq_topic(consumer.service), partitions=1)
    await producer.start()
    await consumer.start()
    yield producer, consumer, model, topic
    await consumer.stop()
    await producer.stop()


async def raw_send(
    bootstrap: str,
    topic: str,
    value: bytes | None,
    headers: list[tuple[str, bytes]],
    key: bytes = b"k",
) -> None:
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap)
    await producer.start()
    try:
        await producer.send_and_wait(topic, value, key=key, headers=headers)
    finally:
        await producer.stop()


def record_headers(event: Any) -> list[tuple[str, bytes]]:
    record = to_record(event, source="/stx/test/raw")
    return [(k, v.encode()) for k, v in record.headers.items()]


async def test_outbox_events_reach_the_consumer_and_apply_once(pipeline: Any) -> None:
    producer, consumer, model, _ = pipeline
    await producer.emit(*(model(item_id=f"item-{i}", quantity=i) for i in range(5)))

    async def all_applied() -> bool:
        return len(await consumer.applied()) == 5

    await eventually(all_applied)
    assert await consumer.applied() == {f"item-{i}": 1 for i in range(5)}
    pending = await producer.client[producer.db_name][OUTBOX].count_documents({"pending": True})
    assert pending == 0


async def test_relay_crash_between_publish_and_mark_republishes_and_consumer_dedupes(
    pipeline: Any, stack: Any
) -> None:
    producer, consumer, model, topic = pipeline
    await producer.relay.stop()  # drive the relay by hand
    await producer.emit(model(item_id="a", quantity=1), model(item_id="b", quantity=2))

    original_mark = producer.relay._mark_sent

    async def crash(_: Any) -> None:
        raise RuntimeError("process killed after publish, before mark")

    producer.relay._mark_sent = crash
    with pytest.raises(RuntimeError):
        await producer.relay.publish_pending()
    producer.relay._mark_sent = original_mark
    assert await producer.relay.publish_pending() == 2  # the restart publishes them again

    assert len(await read_all(stack.bootstrap_servers, topic, expected=4)) == 4

    async def both_seen_twice() -> bool:
        processed = consumer.client[consumer.db_name].processed_events
        return len(await consumer.applied()) == 2 and await processed.count_documents({}) == 2

    await eventually(both_seen_twice)
    await asyncio.sleep(1.0)  # leave time for the duplicates to arrive and be skipped
    assert await consumer.applied() == {"a": 1, "b": 1}


async def test_malformed_and_invalid_records_land_in_the_dlq_and_the_next_is_applied(
    pipeline: Any, stack: Any
) -> None:
    producer, consumer, model, topic = pipeline
    valid = model(item_id="ok", quantity=3)
    headers = record_headers(valid)
    await raw_send(stack.bootstrap_servers, topic, b"{not json", headers)
    invalid_payload = json.dumps({"item_id": "neg", "quantity": -5}).encode()
    await raw_send(
        stack.bootstrap_servers,
        topic,
        invalid_payload,
        record_headers(model(item_id="neg", quantity=0)),
    )
    bad_utf8_header = [*record_headers(model(item_id="x", quantity=1)), ("x-note", b"\xff\xfe")]
    await raw_send(stack.bootstrap_servers, topic, b"\xff not utf-8", bad_utf8_header)
    await producer.emit(valid)

    async def valid_applied() -> bool:
        return "ok" in await consumer.applied()

    await eventually(valid_applied)
    dead = await read_all(stack.bootstrap_servers, dlq_topic(consumer.service), expected=3)
    assert len(dead) == 3
    reasons = {r.value: dict(r.headers) for r in dead}
    not_json = reasons[b"{not json"]
    assert not_json["x-error-class"] == b"InvalidEventError"
    assert b"not JSON" in not_json["x-error-message"]
    assert not_json["x-original-topic"] == topic.encode()
    assert not_json["x-service"] == consumer.service.encode()
    assert {"x-original-partition", "x-original-offset", "x-failed-at"} <= set(not_json)
    assert b"quantity" in reasons[invalid_payload]["x-error-message"]
    assert reasons[b"\xff not utf-8"]["x-original-header-b64.x-note"] == b"//4="
    replayable = next(r for r in dead if r.value == b"\xff not utf-8")
    assert restore_original_headers(dict(replayable.headers)) == bad_utf8_header
    assert await consumer.applied() == {"ok": 1}


async def test_unknown_event_type_is_skipped_and_committed(
    pipeline: Any, stack: Any, mongo: AsyncMongoClient[Any]
) -> None:
    producer, consumer, model, topic = pipeline
    headers = [
        (k, v) if k != "ce_type" else (k, b"stx.something_new.happened")
        for k, v in record_headers(model(item_id="u", quantity=1))
    ]
    await raw_send(stack.bootstrap_servers, topic, b'{"item_id": "u", "quantity": 1}', headers)
    await producer.emit(model(item_id="after", quantity=1))

    async def after_applied() -> bool:
        return "after" in await consumer.applied()

    await eventually(after_applied)
    assert "u" not in await consumer.applied()
    assert await read_all(stack.bootstrap_servers, dlq_topic(consumer.service), 1, timeout=2) == []
    await consumer.stop()
    # A restarted member of the same group starts after the skipped record: it was committed.
    again = ConsumingSide(
        mongo,
        consumer.db_name,
        new_broker(stack.bootstrap_servers),
        model,
        group_id=consumer.group_id,
        service=consumer.service,
    )
    await again.start()
    await asyncio.sleep(3)
    await again.stop()
    assert await consumer.applied() == {"after": 1}
    await consumer.start()


async def test_broker_restart_mid_stream_loses_nothing(pipeline: Any, stack: Any) -> None:
    producer, consumer, model, _ = pipeline
    total = 60

    async def feed() -> None:
        for i in range(total):
            await producer.emit(model(item_id=f"s-{i}", quantity=i))
            await asyncio.sleep(0.05)

    feeding = asyncio.create_task(feed())
    await asyncio.sleep(0.8)
    stack.stop_kafka()
    await asyncio.sleep(4)
    stack.start_kafka()
    await feeding

    async def everything_applied() -> bool:
        return len(await consumer.applied()) == total

    await eventually(everything_applied, timeout=90)
    assert set((await consumer.applied()).values()) == {1}


async def test_same_event_id_with_a_different_payload_goes_to_the_dlq(
    pipeline: Any, stack: Any
) -> None:
    _, consumer, model, topic = pipeline
    event = model(item_id="dup", quantity=1)
    headers = record_headers(event)
    await raw_send(stack.bootstrap_servers, topic, event.model_dump_json().encode(), headers)
    forged = json.dumps({"item_id": "dup", "quantity": 999}).encode()
    await raw_send(stack.bootstrap_servers, topic, forged, headers)

    dead = await read_all(stack.bootstrap_servers, dlq_topic(consumer.service), expected=1)
    assert [d.value for d in dead] == [forged]
    assert dict(dead[0].headers)["x-error-class"] == b"ConflictingDuplicateError"
    applied = await consumer.client[consumer.db_name].applied.find_one({"_id": "dup"})
    assert applied["quantity"] == 1


async def test_two_replicas_writing_one_aggregate_publish_in_commit_order(
    pipeline: Any, stack: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ObjectIds order by second, then by a per-process random value: the outbox of a replica
    whose random value is lower would publish its later write first. The sequence taken in
    each transaction keeps commit order whatever the ids."""
    producer, _, model, topic = pipeline
    await producer.relay.stop()  # publish by hand once both replicas have written
    replica_b = Outbox(producer.client, producer.client[producer.db_name], "/stx/test/replica-b")
    for attempt in range(5):
        key = f"aggregate-{attempt}"
        monkeypatch.setattr(ObjectId, "_random", classmethod(lambda cls: b"\xff" * 5))
        await producer.emit(model(item_id=key, quantity=1))  # replica A commits first
        monkeypatch.setattr(ObjectId, "_random", classmethod(lambda cls: b"\x00" * 5))
        await replica_b.unit_of_work(_emitting(model(item_id=key, quantity=2)))  # then replica B
        docs = await producer.client[producer.db_name][OUTBOX].find({"key": key}).to_list(None)
        if len({doc["_id"].generation_time for doc in docs}) == 1:
            break  # both ids fell in the same second: the case that went wrong
    await producer.relay.drain()

    records = [
        r for r in await read_all(stack.bootstrap_servers, topic, 2) if r.key == key.encode()
    ]
    assert [json.loads(r.value)["quantity"] for r in records] == [1, 2]


def _emitting(event: Any) -> Any:
    async def work(tx: Any) -> None:
        tx.emit(event)

    return work


async def test_a_record_the_broker_can_never_take_is_parked_and_the_next_ones_go_out(
    pipeline: Any,
) -> None:
    producer, consumer, model, _ = pipeline
    too_large = "x" * 1_100_000  # over the producer's max request size (1 MiB)
    await producer.emit(model(item_id="before", quantity=1), model(item_id=too_large, quantity=2))
    await producer.emit(model(item_id="after", quantity=3))

    async def others_applied() -> bool:
        return {"before", "after"} <= set(await consumer.applied())

    await eventually(others_applied)
    outbox = producer.client[producer.db_name][OUTBOX]
    parked = await outbox.find_one({"key": too_large})
    assert parked is not None
    assert "pending" not in parked
    assert parked["park_reason"].startswith("MessageSizeTooLargeError")
    assert await outbox.count_documents({"pending": True}) == 0

"""Consuming in batches on the real broker and store: a record that keeps failing stops its
batch without reading again what was applied or dead-lettered before it."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest
from pymongo import AsyncMongoClient

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
from tests.integration.shared.test_reliability import raw_send, record_headers

pytestmark = pytest.mark.integration


@pytest.fixture
async def mongo(stack: Any) -> AsyncIterator[AsyncMongoClient[Any]]:
    client: AsyncMongoClient[Any] = AsyncMongoClient(stack.mongodb_url, tz_aware=True)
    yield client
    await client.close()


async def test_a_failing_record_rewinds_to_itself_and_nothing_before_it_is_read_again(
    stack: Any, mongo: AsyncMongoClient[Any], unique_name: str
) -> None:
    topic = f"stx.test.batches.{unique_name}"
    await create_topic(stack.bootstrap_servers, topic, partitions=1)
    model = item_event_type(topic)
    producer = ProducingSide(mongo, f"p_{unique_name}", new_broker(stack.bootstrap_servers))
    await producer.start()
    # All of it waits on the topic before the consumer starts: it comes in one batch.
    await raw_send(
        stack.bootstrap_servers, topic, b"{not json", record_headers(model(item_id="x", quantity=1))
    )
    await producer.emit(*(model(item_id=f"item-{n}", quantity=n) for n in range(6)))
    consumer = ConsumingSide(
        mongo,
        f"c_{unique_name}",
        new_broker(stack.bootstrap_servers),
        model,
        group_id=f"g.{unique_name}",
        service=f"tester-{unique_name}",
        failing={"item-3": 4},  # more than the 3 attempts in process: the batch stops there
    )
    await create_topic(stack.bootstrap_servers, dlq_topic(consumer.service), partitions=1)
    await consumer.start()
    try:

        async def all_applied() -> bool:
            return len(await consumer.applied()) == 6

        await eventually(all_applied)
        assert await consumer.applied() == {f"item-{n}": 1 for n in range(6)}
        assert consumer.failing == {"item-3": 0}
        dead = await read_all(stack.bootstrap_servers, dlq_topic(consumer.service), expected=1)
        assert [record.value for record in dead] == [b"{not json"]
    finally:
        await consumer.stop()
        await producer.stop()

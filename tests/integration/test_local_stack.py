"""The local stack is real: records and documents survive restarts, topics match the registry.

Every other integration test relies on these guarantees of the `stack` fixture.
"""

from __future__ import annotations

import asyncio
import json
from typing import TYPE_CHECKING

import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient
from aiokafka.admin.config_resource import ConfigResource, ConfigResourceType
from aiokafka.structs import RecordMetadata
from pymongo import AsyncMongoClient

from shared.topics import LISTINGS, TOPICS

if TYPE_CHECKING:
    from tests.conftest import InfraStack

pytestmark = pytest.mark.integration


async def _produce(bootstrap_servers: str, key: bytes, value: bytes) -> RecordMetadata:
    producer = AIOKafkaProducer(
        bootstrap_servers=bootstrap_servers, acks="all", enable_idempotence=True
    )
    await producer.start()
    try:
        return await producer.send_and_wait(LISTINGS, value, key=key)
    finally:
        await producer.stop()


async def _read_at(bootstrap_servers: str, where: RecordMetadata) -> tuple[bytes, bytes]:
    """The key and value stored at one partition/offset (no consumer group involved)."""
    partition = TopicPartition(where.topic, where.partition)
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap_servers, enable_auto_commit=False)
    await consumer.start()
    try:
        consumer.assign([partition])
        consumer.seek(partition, where.offset)
        record = await asyncio.wait_for(consumer.getone(), timeout=30)
    finally:
        await consumer.stop()
    assert record.key is not None
    assert record.value is not None
    return record.key, record.value


async def test_a_record_round_trips_and_survives_a_broker_restart(
    stack: InfraStack, unique_name: str
) -> None:
    key = f"listing-{unique_name}".encode()
    value = json.dumps({"title": "Nhân giống sâm Ngọc Linh", "id": unique_name}).encode()

    where = await _produce(stack.bootstrap_servers, key, value)
    assert await _read_at(stack.bootstrap_servers, where) == (key, value)

    stack.stop_kafka()
    stack.start_kafka()

    assert await _read_at(stack.bootstrap_servers, where) == (key, value)


async def _insert_then_fail(client: AsyncMongoClient[dict[str, object]], database: str) -> None:
    async with client.start_session() as session, await session.start_transaction():
        await client[database].listings.insert_one({"_id": "l2"}, session=session)
        raise RuntimeError("abort: nothing of this transaction may remain")


async def test_a_mongo_transaction_commits_atomically_and_survives_a_restart(
    stack: InfraStack, unique_name: str
) -> None:
    database = f"it_stack_{unique_name}"
    client: AsyncMongoClient[dict[str, object]] = AsyncMongoClient(stack.mongodb_url)
    db = client[database]
    async with client.start_session() as session, await session.start_transaction():
        await db.listings.insert_one({"_id": "l1", "title": "Sâm"}, session=session)
        await db.outbox.insert_one({"_id": "e1", "type": "stx.listing.published"}, session=session)
    with pytest.raises(RuntimeError, match="abort"):
        await _insert_then_fail(client, database)
    await client.close()

    stack.stop_mongo()
    stack.start_mongo()

    client = AsyncMongoClient(stack.mongodb_url)
    try:
        db = client[database]
        assert await db.listings.distinct("_id") == ["l1"]
        assert await db.outbox.count_documents({}) == 1
    finally:
        await client.drop_database(database)
        await client.close()


async def test_the_broker_has_exactly_the_registry_topics(stack: InfraStack) -> None:
    """Partitions from the registry, and ``min.insync.replicas`` lowered to the single replica.

    Kafka's own ``__*`` topics and other tests' scratch topics (``test`` in the name, e.g.
    ``stx.test.<unique>`` or the DLQ of a ``tester-<unique>`` service) are left out.
    """
    admin = AIOKafkaAdminClient(bootstrap_servers=stack.bootstrap_servers)
    await admin.start()
    try:
        described = await admin.describe_topics()
        resources = [ConfigResource(ConfigResourceType.TOPIC, t.name) for t in TOPICS]
        responses = await admin.describe_configs(resources)
    finally:
        await admin.close()

    partitions = {t["topic"]: len(t["partitions"]) for t in described}
    ours = {n: p for n, p in partitions.items() if not n.startswith("__") and "test" not in n}
    assert ours == {t.name: t.partitions for t in TOPICS}
    min_isr = {
        resource["resource_name"]: entry["config_value"]
        for response in responses
        for resource in response.to_object()["resources"]
        for entry in resource["config_entries"]
        if entry["config_names"] == "min.insync.replicas"
    }
    assert min_isr == {t.name: "1" for t in TOPICS}

"""Kafka clients of the ops CLI: admin, a group-less reader, the idempotent producer."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable
from contextlib import asynccontextmanager
from typing import Any, Final, TypeVar

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, ConsumerRecord, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient
from aiokafka.admin.config_resource import ConfigResource, ConfigResourceType
from aiokafka.errors import (
    CoordinatorLoadInProgressError,
    CoordinatorNotAvailableError,
    NotCoordinatorError,
)

from shared.settings import ServiceSettings

CLIENT_ID: Final = "stx-ops"
_FETCH_TIMEOUT_MS: Final = 1000
_COORDINATOR_ATTEMPTS: Final = 20
_COORDINATOR_ERRORS: Final = (
    CoordinatorNotAvailableError,
    CoordinatorLoadInProgressError,
    NotCoordinatorError,
)
T = TypeVar("T")
Ranges = dict[TopicPartition, tuple[int, int]]
"""Per partition: first offset to read, offset to stop before."""


def _common(settings: ServiceSettings) -> dict[str, Any]:
    return {
        "bootstrap_servers": settings.kafka_bootstrap_servers,
        "client_id": CLIENT_ID,
        **settings.kafka_connection_args(),
    }


@asynccontextmanager
async def admin_client(settings: ServiceSettings) -> AsyncIterator[Any]:
    admin = AIOKafkaAdminClient(**_common(settings))
    await admin.start()
    try:
        yield admin
    finally:
        await admin.close()


@asynccontextmanager
async def consumer(settings: ServiceSettings, group_id: str | None = None) -> AsyncIterator[Any]:
    """A consumer that subscribes to nothing: callers `assign` and `seek`; it never auto-commits."""
    client = AIOKafkaConsumer(
        **_common(settings),
        group_id=group_id,
        enable_auto_commit=False,
        auto_offset_reset="earliest",
    )
    await client.start()
    try:
        yield client
    finally:
        await client.stop()


@asynccontextmanager
async def idempotent_producer(settings: ServiceSettings) -> AsyncIterator[Any]:
    """`acks=all` + idempotence (DESIGN.md §5.3); raw bytes headers, unlike faststream's publish."""
    producer = AIOKafkaProducer(**_common(settings), acks="all", enable_idempotence=True)
    await producer.start()
    try:
        yield producer
    finally:
        await producer.stop()


async def partitions_of(admin: Any, topics: Iterable[str]) -> dict[str, list[int] | None]:
    """Each topic's partition numbers, or None for a topic the cluster does not have."""
    found: dict[str, list[int] | None] = {}
    for entry in await admin.describe_topics(list(topics)):
        exists = entry["error_code"] == 0
        found[entry["topic"]] = (
            sorted(p["partition"] for p in entry["partitions"]) if exists else None
        )
    return found


def topic_partitions(partitions: dict[str, list[int] | None]) -> list[TopicPartition]:
    return [TopicPartition(t, p) for t, numbers in partitions.items() for p in numbers or ()]


async def topic_configs(
    admin: Any, topics: Iterable[str], names: Iterable[str]
) -> dict[str, dict[str, str]]:
    """Selected topic configuration values as the cluster has them (topics it lacks: absent)."""
    wanted = {name: None for name in names}
    resources = [ConfigResource(ConfigResourceType.TOPIC, t, dict(wanted)) for t in topics]
    if not resources:
        return {}
    configs: dict[str, dict[str, str]] = {}
    for response in await admin.describe_configs(resources):
        for resource in response.to_object()["resources"]:
            if resource["error_code"] == 0:
                entries = resource["config_entries"]
                configs[resource["resource_name"]] = {
                    e["config_names"]: e["config_value"] for e in entries
                }
    return configs


async def read_ranges(
    client: Any, ranges: Ranges, on_fetched: Callable[[int], None] | None = None
) -> AsyncIterator[ConsumerRecord[bytes, bytes]]:
    """Every record in `ranges`, partition order kept; stops at each range's end offset."""
    todo = {tp: bounds for tp, bounds in ranges.items() if bounds[0] < bounds[1]}
    client.assign(list(ranges))
    for tp, (start, _) in todo.items():
        client.seek(tp, start)
    while todo:
        fetched = await client.getmany(*todo, timeout_ms=_FETCH_TIMEOUT_MS)
        for tp, records in fetched.items():
            wanted = [r for r in records if r.offset < todo[tp][1]]
            if on_fetched is not None:
                on_fetched(len(wanted))
            for record in wanted:
                yield record
        for tp in list(todo):
            if await client.position(tp) >= todo[tp][1]:
                del todo[tp]


async def with_coordinator(call: Callable[[], Awaitable[T]]) -> T:
    """Group requests fail while the group coordinator is elected or loaded (e.g. on a fresh
    cluster, whose first group request creates `__consumer_offsets`): retry for a while."""
    for attempt in range(_COORDINATOR_ATTEMPTS):
        try:
            return await call()
        except _COORDINATOR_ERRORS:
            if attempt == _COORDINATOR_ATTEMPTS - 1:
                raise
            await asyncio.sleep(min(0.1 * 2**attempt, 1.0))
    raise AssertionError("unreachable")

"""Running `stx` in-process against the session's stack, and the raw Kafka moves around it."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Sequence
from typing import Any

import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient, NewTopic

from shared.cli import main
from shared.dlq import ConsumedRecord, dead_letter_headers

Headers = list[tuple[str, bytes]]


def stx(capsys: pytest.CaptureFixture[str], stack: Any, *argv: str) -> tuple[int, Any]:
    """`stx ARGV --bootstrap … --mongodb-url …`: exit status and output (parsed with --json)."""
    capsys.readouterr()
    status = main(
        [*argv, "--bootstrap", stack.bootstrap_servers, "--mongodb-url", stack.mongodb_url]
    )
    out, err = capsys.readouterr()
    if "--json" in argv and status == 0:
        assert out, f"stx {' '.join(argv)} printed nothing; stderr: {err}"
        return status, json.loads(out)
    return status, out + err


def create_topic(bootstrap: str, name: str, partitions: int = 1) -> None:
    async def create() -> None:
        admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
        await admin.start()
        try:
            await admin.create_topics([NewTopic(name, partitions, 1)])
        finally:
            await admin.close()

    asyncio.run(create())


def produce(
    bootstrap: str,
    topic: str,
    records: Sequence[tuple[bytes | None, bytes, Headers]],
    partition: int = 0,
) -> None:
    async def send() -> None:
        producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all")
        await producer.start()
        try:
            for key, value, headers in records:
                await producer.send_and_wait(
                    topic, value, key=key, headers=headers, partition=partition
                )
        finally:
            await producer.stop()

    asyncio.run(send())


def dead_letter_to(
    bootstrap: str, service: str, original: ConsumedRecord, error_class: str
) -> None:
    """What `shared.dlq.DeadLetters` writes: original key and value, headers naming the error."""
    headers = dead_letter_headers(
        original, service, error_class, f"{error_class}: rejected in a test"
    )
    encoded = [(name, value.encode()) for name, value in headers.items()]
    produce(bootstrap, f"stx.dlq.{service}", [(original.key, original.value or b"", encoded)])


def read_topic(bootstrap: str, topic: str) -> list[Any]:
    """Every record of `topic`, up to its end offsets now."""

    async def partitions() -> list[TopicPartition]:
        admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
        await admin.start()
        try:
            [described] = await admin.describe_topics([topic])
        finally:
            await admin.close()
        return [TopicPartition(topic, p["partition"]) for p in described["partitions"]]

    async def read() -> list[Any]:
        tps = await partitions()
        consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, enable_auto_commit=False)
        await consumer.start()
        try:
            ends = await consumer.end_offsets(tps)
            consumer.assign(tps)
            await consumer.seek_to_beginning(*tps)
            records: list[Any] = []
            while [tp for tp in tps if await consumer.position(tp) < ends[tp]]:
                for tp, batch in (await consumer.getmany(timeout_ms=500)).items():
                    records.extend(r for r in batch if r.offset < ends[tp])
            return records
        finally:
            await consumer.stop()

    return asyncio.run(read())


def commit(bootstrap: str, group: str, offsets: dict[TopicPartition, int]) -> None:
    async def run() -> None:
        consumer = AIOKafkaConsumer(
            bootstrap_servers=bootstrap, group_id=group, enable_auto_commit=False
        )
        await consumer.start()
        try:
            consumer.assign(list(offsets))
            await consumer.commit(offsets)
        finally:
            await consumer.stop()

    asyncio.run(run())

"""faststream's Kafka broker, configured the way DESIGN.md §5 demands.

Producer: `acks=all` + idempotence. Consumers: commit after processing (never faststream's
at-most-once ack-on-receipt default), rewind on transient failure, a parser that survives
headers that are not UTF-8 so the record can still reach the dead-letter topic byte for byte.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from typing import Any

from aiokafka import ConsumerRecord, TopicPartition
from faststream import AckPolicy
from faststream.kafka import KafkaBroker
from faststream.kafka.fastapi import KafkaRouter
from faststream.security import (
    BaseSecurity,
    SASLPlaintext,
    SASLScram256,
    SASLScram512,
)

from shared.consuming import BatchInterruptedError, EventConsumer, failed_record_of
from shared.dlq import ConsumedRecord
from shared.events.envelope import OutgoingRecord
from shared.logging import get_logger
from shared.settings import ServiceSettings

log = get_logger(__name__)


def create_router(settings: ServiceSettings, **router_kwargs: Any) -> KafkaRouter:
    """The FastAPI-integrated broker of one service (it starts and stops with the HTTP app)."""
    return KafkaRouter(
        settings.kafka_bootstrap_servers,
        client_id=f"stx-{settings.service_name}",
        acks="all",
        enable_idempotence=True,
        linger_ms=5,
        graceful_timeout=settings.graceful_timeout_seconds,
        security=_security(settings),
        schema_url=None,
        include_in_schema=False,
        # faststream's own lines go through our JSON renderer; its per-record
        # "Received"/"Processed" lines are DEBUG (our wrapper logs `event_applied` with context).
        logger=logging.getLogger("faststream.stx"),
        log_level=logging.DEBUG,
        **router_kwargs,
    )


def _security(settings: ServiceSettings) -> BaseSecurity | None:
    protocol = settings.kafka_security_protocol
    if protocol == "PLAINTEXT":
        return None
    ssl_context = settings.kafka_connection_args().get("ssl_context")
    if protocol == "SSL":
        return BaseSecurity(ssl_context=ssl_context, use_ssl=True)
    password = settings.kafka_sasl_password
    schemes: dict[str, type[SASLPlaintext] | type[SASLScram256] | type[SASLScram512]] = {
        "SCRAM-SHA-512": SASLScram512,
        "SCRAM-SHA-256": SASLScram256,
        "PLAIN": SASLPlaintext,
    }
    return schemes[settings.kafka_sasl_mechanism](
        username=settings.kafka_sasl_username or "",
        password=password.get_secret_value() if password else "",
        ssl_context=ssl_context,
        use_ssl=protocol == "SASL_SSL",
    )


class BrokerSender:
    """Publishes through the broker's idempotent producer (used by the relay and the DLQ)."""

    def __init__(self, broker: KafkaBroker):
        self._broker = broker

    async def send(self, records: Sequence[OutgoingRecord]) -> None:
        futures = []
        for record in records:
            # no_confirm: enqueue every record in order first, then wait for all acks together.
            future = await self._broker.publish(
                record.value,
                record.topic,
                key=record.key.encode(),
                headers=record.headers,
                correlation_id=record.headers.get("ce_correlationid"),
                no_confirm=True,
            )
            futures.append(future)
        await asyncio.gather(*futures)

    async def send_raw(
        self, topic: str, key: bytes | None, value: bytes | None, headers: dict[str, str]
    ) -> None:
        # A tombstone (value None) stays a tombstone: faststream sends a keyed None as such.
        await self._broker.publish(value, topic, key=key, headers=headers)


async def _tolerant_parser(batch: tuple[ConsumerRecord[Any, Any], ...], original: Any) -> Any:
    """faststream decodes headers strictly; keep each record's raw bytes and hand it a
    decodable copy."""
    for record in batch:
        raw_headers = tuple(record.headers)
        record.stx_raw_headers = raw_headers  # type: ignore[attr-defined,unused-ignore]
        record.headers = tuple(
            (name, (value or b"").decode("utf-8", "replace").encode())
            for name, value in raw_headers
        )
    return await original(batch)


async def _raw_decoder(message: Any, _original: Any) -> Any:
    """Never let faststream JSON-decode the body: a malformed value must reach our wrapper."""
    return message.body


def _rewind(kafka_consumer: Any, remaining: Sequence[ConsumedRecord]) -> None:
    """Set each partition's position to its first record not applied."""
    first: dict[TopicPartition, int] = {}
    for record in remaining:
        partition = TopicPartition(record.topic, record.partition)
        first[partition] = min(record.offset, first.get(partition, record.offset))
    for partition, offset in first.items():
        kafka_consumer.seek(partition, offset)
    log.warning(
        "batch_rewound", partitions={f"{p.topic}/{p.partition}": o for p, o in first.items()}
    )


def subscribe(
    broker: KafkaBroker,
    consumer: EventConsumer,
    group_id: str,
    max_records: int = 32,
    wait_ms: int = 50,
) -> Any:
    """Register the service's one subscriber over every topic its handlers need.

    Records come in batches of at most `max_records` (what the broker has ready; an idle
    consumer polls every `wait_ms`): the consumer prepares a batch at once (matching embeds its
    listings in one model call) and handles its records one by one, in partition order, each
    in its own transaction; the offsets are committed once, after the last. A record still
    failing after its retries stops the batch: each partition is rewound to its first record
    not applied, and the offsets committed are those of the records applied (never past one
    that was not), so nothing applied or dead-lettered is read again.
    """

    @broker.subscriber(
        *consumer.topics,
        group_id=group_id,
        ack_policy=AckPolicy.NACK_ON_ERROR,
        auto_offset_reset="earliest",
        batch=True,
        max_records=max_records,
        batch_timeout_ms=wait_ms,
        parser=_tolerant_parser,
        decoder=_raw_decoder,
        title=f"{consumer.service}-consumer",
        include_in_schema=False,
    )
    async def consume(_: Any = None) -> None:
        # The parameter only absorbs what faststream passes (the decoded bodies on a plain
        # broker, the message itself on a FastAPI-integrated one, whose DI rejects faststream's
        # `KafkaMessage` annotation); the records are read from the context both flavours fill.
        message = broker.context.get_local("message")
        try:
            await consumer.process_batch([failed_record_of(raw) for raw in message.raw_message])
        except BatchInterruptedError as stopped:
            _rewind(message.consumer, stopped.remaining)
            # returning acknowledges the batch: faststream commits the positions just set

    return consume

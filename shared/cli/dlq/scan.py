"""Reading dead-letter topics, and the replay ledgers kept beside them in Kafka."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from aiokafka import TopicPartition

from shared.cli import kafka
from shared.cli.dlq.ledger import Ledger
from shared.cli.dlq.records import DeadLetter
from shared.cli.output import Steps
from shared.settings import ServiceSettings
from shared.topics import dlq_topic


def ledger_group(settings: ServiceSettings, service: str) -> str:
    """The consumer group whose commits record what was replayed from `stx.dlq.<service>`."""
    return f"{settings.kafka_group_prefix}.ops.dlq-replay.{service}"


@dataclass
class Scanned:
    """What was read of one service's dead-letter topic."""

    service: str
    topic: str
    exists: bool
    ends: dict[TopicPartition, int] = field(default_factory=dict)
    records: list[DeadLetter] = field(default_factory=list)
    ledgers: dict[TopicPartition, Ledger] = field(default_factory=dict)

    def ledger(self, partition: int) -> Ledger:
        return self.ledgers.get(TopicPartition(self.topic, partition), Ledger())


async def scan(
    settings: ServiceSettings,
    services: Iterable[str],
    steps: Steps,
    since: datetime | None = None,
) -> list[Scanned]:
    """Each service's dead letters, with their replay ledgers.

    Dead-letter topics are small (30 days of failures): they are read from the start, or from
    `since` (by record timestamp), so counts of what was replayed before are exact.
    """
    async with kafka.admin_client(settings) as admin, kafka.consumer(settings) as client:
        scans = [await _prepare(settings, admin, client, service) for service in services]
        ranges: kafka.Ranges = {}
        for scanned in scans:
            ranges |= await _ranges(client, scanned.ends, since)
        await _read(client, scans, ranges, steps)
    return scans


async def _read(client: Any, scans: list[Scanned], ranges: kafka.Ranges, steps: Steps) -> None:
    """One pass over every partition (assigning one topic after another stalls on metadata)."""
    by_topic = {scanned.topic: scanned for scanned in scans}
    task = steps.task("reading dead letters", total=_size(ranges))

    def fetched(count: int) -> None:
        steps.advance(task, count)

    async for record in kafka.read_ranges(client, ranges, fetched):
        scanned = by_topic[record.topic]
        scanned.records.append(DeadLetter.from_record(scanned.service, record))


async def _prepare(settings: ServiceSettings, admin: Any, client: Any, service: str) -> Scanned:
    topic = dlq_topic(service)
    partitions = (await kafka.partitions_of(admin, [topic])).get(topic)
    if partitions is None:
        return Scanned(service, topic, exists=False)
    tps = [TopicPartition(topic, p) for p in partitions]
    ends = await client.end_offsets(tps)
    ledgers = await load_ledgers(admin, ledger_group(settings, service), ends)
    return Scanned(service, topic, exists=True, ends=ends, ledgers=ledgers)


async def load_ledgers(
    admin: Any, group: str, ends: Mapping[TopicPartition, int]
) -> dict[TopicPartition, Ledger]:
    committed = await kafka.with_coordinator(
        lambda: admin.list_consumer_group_offsets(group, partitions=list(ends))
    )
    ledgers = {}
    for tp, end in ends.items():
        meta = committed.get(tp)
        ledger = Ledger.parse(meta.offset, meta.metadata) if meta is not None else Ledger()
        # A watermark past the end: the topic was re-created; its old ledger means nothing.
        ledgers[tp] = ledger if ledger.watermark <= end else Ledger()
    return ledgers


async def _ranges(
    client: Any,
    ends: Mapping[TopicPartition, int],
    since: datetime | None,
) -> kafka.Ranges:
    if not ends:
        return {}
    starts = await client.beginning_offsets(list(ends))
    if since is not None:
        found = await client.offsets_for_times({tp: int(since.timestamp() * 1000) for tp in ends})
        starts = {tp: found[tp].offset if found.get(tp) else ends[tp] for tp in ends}
    return {tp: (starts[tp], end) for tp, end in ends.items()}


def _size(ranges: kafka.Ranges) -> int:
    return sum(max(0, end - start) for start, end in ranges.values())

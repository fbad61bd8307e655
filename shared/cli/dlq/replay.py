"""`stx dlq replay`: re-publish dead letters' original records to their original topics, once.

Each record goes out as it first arrived — key, value and headers byte for byte (base64-kept
headers decoded) — plus `x-stx-replayed-from: stx.dlq.<service>/<partition>/<offset>`, through
an idempotent producer (acks=all). What was replayed is recorded in the replay ledger
(`ledger.py`) after the broker acknowledged it, so a second replay sends nothing again.
"""

from __future__ import annotations

import argparse
import asyncio
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Final

from aiokafka import TopicPartition
from pydantic import BaseModel, computed_field
from rich.console import Group, RenderableType
from rich.markup import escape
from rich.table import Table

from shared.cli import kafka, output
from shared.cli.dlq.ledger import Ledger, LedgerFullError
from shared.cli.dlq.records import DeadLetter, Selection, replay_of
from shared.cli.dlq.scan import Scanned, ledger_group, scan
from shared.cli.output import Steps
from shared.cli.settings import OpsSettings

BATCH: Final = 100
"""Records sent before waiting for acknowledgements and recording them in the ledger."""


@dataclass
class PartitionPlan:
    tp: TopicPartition
    ledger: Ledger
    read_until: int
    to_replay: list[DeadLetter] = field(default_factory=list)
    passed_over: list[int] = field(default_factory=list)
    """Dead letters not replayed yet that the selection leaves for later."""
    already_replayed: int = 0
    not_dead_letters: int = 0

    def final_ledger(self) -> Ledger:
        """The ledger if every selected record is acknowledged."""
        replayed = [d.offset for d in self.to_replay]
        return self.ledger.after(replayed, self.passed_over, self.read_until)


def plan(scanned: Scanned, selection: Selection) -> list[PartitionPlan]:
    plans = {
        tp: PartitionPlan(tp, scanned.ledgers.get(tp, Ledger()), end)
        for tp, end in scanned.ends.items()
    }
    for dead in scanned.records:
        item = plans[TopicPartition(dead.topic, dead.partition)]
        if not dead.is_dead_letter:
            item.not_dead_letters += 1
        elif item.ledger.done(dead.offset):
            item.already_replayed += 1
        elif selection.matches(dead):
            item.to_replay.append(dead)
        else:
            item.passed_over.append(dead.offset)
    return list(plans.values())


class ReplayedRecord(BaseModel):
    partition: int
    offset: int
    error_class: str
    original_topic: str | None
    event_type: str | None
    event_id: str | None
    published_partition: int | None = None
    published_offset: int | None = None
    error: str | None = None


class ReplayReport(BaseModel):
    service: str
    topic: str
    ledger_group: str
    dry_run: bool
    records: list[ReplayedRecord]
    already_replayed: int
    not_selected: int
    not_dead_letters: int

    @computed_field  # type: ignore[prop-decorator]
    @property
    def replayed(self) -> int:
        return sum(1 for r in self.records if r.published_offset is not None)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def failed(self) -> int:
        return sum(1 for r in self.records if r.error is not None)


async def run(args: argparse.Namespace, settings: OpsSettings) -> int:
    [service] = args.services
    with output.progress(quiet=args.json) as steps:
        [scanned] = await scan(settings, [service], steps)
        if not scanned.exists:
            output.stderr().print(f"[red]{scanned.topic} does not exist on the cluster[/]")
            return 1
        plans = plan(scanned, args.selection)
        try:
            for item in plans:
                item.final_ledger().metadata()
        except LedgerFullError as exc:
            output.stderr().print(f"[red]{escape(str(exc))}[/]")
            return 1
        records = [_row(d) for item in plans for d in item.to_replay]
        if not args.dry_run:
            records = await _replay(settings, service, plans, steps)
    report = ReplayReport(
        service=service,
        topic=scanned.topic,
        ledger_group=ledger_group(settings, service),
        dry_run=args.dry_run,
        records=records,
        already_replayed=sum(p.already_replayed for p in plans),
        not_selected=sum(len(p.passed_over) for p in plans),
        not_dead_letters=sum(p.not_dead_letters for p in plans),
    )
    output.emit(report, render, args.json)
    return 1 if report.failed else 0


async def _replay(
    settings: OpsSettings, service: str, plans: list[PartitionPlan], steps: Steps
) -> list[ReplayedRecord]:
    task = steps.task("replaying", total=sum(len(p.to_replay) for p in plans))
    targets = {d.original_topic or "" for p in plans for d in p.to_replay}
    async with kafka.admin_client(settings) as admin:
        existing = {t for t, parts in (await kafka.partitions_of(admin, targets)).items() if parts}
    group = ledger_group(settings, service)
    rows: list[ReplayedRecord] = []
    async with (
        kafka.consumer(settings, group) as ledger_client,
        kafka.idempotent_producer(settings) as producer,
    ):
        ledger_client.assign([p.tp for p in plans])
        for item in plans:
            publisher = _PartitionReplay(item, producer, ledger_client, existing)
            for batch in _chunks(item.to_replay, BATCH):
                rows += await publisher.send(batch)
                steps.advance(task, len(batch))
            await publisher.settle()
    return rows


class _PartitionReplay:
    """Sends one partition's selection and records each acknowledged batch in the ledger."""

    def __init__(self, item: PartitionPlan, producer: Any, ledger_client: Any, topics: set[str]):
        self._item = item
        self._producer = producer
        self._ledger_client = ledger_client
        self._topics = topics
        self._ledger = item.ledger
        self._waiting = {d.offset for d in item.to_replay}

    async def send(self, batch: Sequence[DeadLetter]) -> list[ReplayedRecord]:
        outcomes = await self._publish([d for d in batch if d.original_topic in self._topics])
        rows = [self._outcome(dead, outcomes.get(dead.offset)) for dead in batch]
        acked = [r.offset for r in rows if r.error is None]
        self._waiting.difference_update(acked)
        await self._commit(self._ledger.after(acked, self._pending(), self._item.read_until))
        return rows

    async def _publish(self, sendable: Sequence[DeadLetter]) -> dict[int, Any]:
        """Enqueue all in order, then wait for every acknowledgement: offset → metadata or error."""
        outcomes: dict[int, Any] = {}
        futures: dict[int, Any] = {}
        for dead in sendable:
            outgoing = replay_of(dead)
            try:
                futures[dead.offset] = await self._producer.send(
                    outgoing.topic, outgoing.value, key=outgoing.key, headers=outgoing.headers
                )
            except Exception as exc:  # e.g. too large for the topic: report it, go on
                outcomes[dead.offset] = exc
        acks = await asyncio.gather(*futures.values(), return_exceptions=True)
        outcomes.update(zip(futures, acks, strict=True))
        return outcomes

    async def settle(self) -> None:
        """Record what needs no replay (a record that is no dead letter) after the last batch."""
        await self._commit(self._ledger.after([], self._pending(), self._item.read_until))

    def _outcome(self, dead: DeadLetter, outcome: Any) -> ReplayedRecord:
        row = _row(dead)
        if outcome is None:
            row.error = f"topic {dead.original_topic} does not exist"
        elif isinstance(outcome, BaseException):
            row.error = f"{type(outcome).__name__}: {outcome}"
        else:
            row.published_partition, row.published_offset = outcome.partition, outcome.offset
        return row

    def _pending(self) -> list[int]:
        return [*self._item.passed_over, *self._waiting]

    async def _commit(self, ledger: Ledger) -> None:
        if ledger != self._ledger:
            await self._ledger_client.commit({self._item.tp: (ledger.watermark, ledger.metadata())})
            self._ledger = ledger


def _row(dead: DeadLetter) -> ReplayedRecord:
    return ReplayedRecord(
        partition=dead.partition,
        offset=dead.offset,
        error_class=dead.error_class,
        original_topic=dead.original_topic,
        event_type=dead.original_header("ce_type"),
        event_id=dead.original_header("ce_id"),
    )


def _chunks(items: Sequence[DeadLetter], size: int) -> Iterator[Sequence[DeadLetter]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def render(report: ReplayReport) -> RenderableType:
    verb = "would replay" if report.dry_run else "replayed"
    title = (
        f"{report.topic}: {verb} {len(report.records) if report.dry_run else report.replayed}"
        f" · already replayed {report.already_replayed} · not selected {report.not_selected}"
        f" · not dead letters {report.not_dead_letters} · failed {report.failed}"
    )
    table = Table(title=title, title_justify="left")
    for column in ("p:offset", "error class", "event", "to", "result"):
        table.add_column(column, overflow="fold")
    for r in report.records:
        table.add_row(
            f"{r.partition}:{r.offset}",
            escape(r.error_class),
            f"{escape(r.event_type or '—')}\n[dim]{escape(r.event_id or '')}[/]",
            escape(r.original_topic or "—"),
            _result(r, report.dry_run),
        )
    return Group(table, f"[dim]ledger: consumer group {report.ledger_group}[/]")


def _result(r: ReplayedRecord, dry_run: bool) -> str:
    if r.error:
        return f"[red]{escape(r.error)}[/]"
    if dry_run:
        return "[dim]dry run[/]"
    return f"[green]→ [{r.published_partition}] @ {r.published_offset}[/]"

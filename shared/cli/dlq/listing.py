"""`stx dlq list` and `stx dlq show`: what is in the dead-letter topics, and why."""

from __future__ import annotations

import argparse
from datetime import datetime
from typing import Literal

from pydantic import BaseModel
from rich.console import Group, RenderableType
from rich.markup import escape
from rich.table import Table

from shared.cli import output
from shared.cli.dlq import present
from shared.cli.dlq.records import DeadLetter, newest
from shared.cli.dlq.scan import Scanned, scan
from shared.cli.settings import OpsSettings

Status = Literal["pending", "replayed", "invalid"]


class DeadLetterRow(BaseModel):
    service: str
    partition: int
    offset: int
    failed_at: datetime
    error_class: str
    error_message: str
    original_topic: str | None
    original_partition: int | None
    original_offset: int | None
    event_type: str | None
    event_id: str | None
    status: Status


class ErrorSummary(BaseModel):
    service: str
    error_class: str
    count: int
    pending: int
    oldest: datetime
    newest: datetime


class DeadLetterList(BaseModel):
    missing_topics: list[str]
    summary: list[ErrorSummary]
    matched: int
    records: list[DeadLetterRow]


def status(dead: DeadLetter, scanned: Scanned) -> Status:
    if not dead.is_dead_letter:
        return "invalid"
    return "replayed" if scanned.ledger(dead.partition).done(dead.offset) else "pending"


def row(dead: DeadLetter, scanned: Scanned) -> DeadLetterRow:
    return DeadLetterRow(
        service=dead.service,
        partition=dead.partition,
        offset=dead.offset,
        failed_at=dead.failed_at,
        error_class=dead.error_class,
        error_message=dead.error_message,
        original_topic=dead.original_topic,
        original_partition=dead.original_partition,
        original_offset=dead.original_offset,
        event_type=dead.original_header("ce_type"),
        event_id=dead.original_header("ce_id"),
        status=status(dead, scanned),
    )


def summarise(rows: list[DeadLetterRow]) -> list[ErrorSummary]:
    groups: dict[tuple[str, str], list[DeadLetterRow]] = {}
    for item in rows:
        groups.setdefault((item.service, item.error_class), []).append(item)
    return [
        ErrorSummary(
            service=service,
            error_class=error_class,
            count=len(items),
            pending=sum(1 for i in items if i.status == "pending"),
            oldest=min(i.failed_at for i in items),
            newest=max(i.failed_at for i in items),
        )
        for (service, error_class), items in sorted(groups.items())
    ]


async def run_list(args: argparse.Namespace, settings: OpsSettings) -> int:
    selection = args.selection
    with output.progress(quiet=args.json) as steps:
        scans = await scan(settings, args.services, steps, since=selection.since)
    found = [(d, s) for s in scans for d in s.records if selection.matches(d)]
    rows = {id(d): row(d, s) for d, s in found}
    shown = newest([d for d, _ in found], args.limit)
    report = DeadLetterList(
        missing_topics=[s.topic for s in scans if not s.exists],
        summary=summarise(list(rows.values())),
        matched=len(found),
        records=[rows[id(d)] for d in shown],
    )
    output.emit(report, render_list, args.json)
    return 0


async def run_show(args: argparse.Namespace, settings: OpsSettings) -> int:
    selection = args.selection
    with output.progress(quiet=args.json) as steps:
        scans = await scan(settings, args.services, steps, since=selection.since)
    found = [(d, s) for s in scans for d in s.records if selection.matches(d)]
    if args.coordinate is not None and not found:
        partition, offset = args.coordinate
        output.stderr().print(f"[red]no record at {args.services[0]} {partition}:{offset}[/]")
        return 1
    by_record = {id(d): s for d, s in found}
    shown = newest([d for d, _ in found], args.limit)
    details = [present.detail(d, status(d, by_record[id(d)]) == "replayed") for d in shown]
    report = DeadLetterDetails(matched=len(found), records=details)
    output.emit(report, render_details, args.json)
    return 0


class DeadLetterDetails(BaseModel):
    matched: int
    records: list[present.DeadLetterDetail]


def render_details(report: DeadLetterDetails) -> RenderableType:
    if not report.records:
        return "[dim]no dead letters match[/]"
    footer = f"[dim]showing {len(report.records)} of {report.matched}[/]"
    return Group(*(present.render_detail(r) for r in report.records), footer)


def render_list(report: DeadLetterList) -> RenderableType:
    parts: list[RenderableType] = [
        f"[red]missing topic: {topic}[/]" for topic in report.missing_topics
    ]
    if not report.matched:
        parts.append("[green]no dead letters match[/]")
    else:
        parts += [_summary_table(report), _records_table(report)]
    return Group(*parts)


def _summary_table(report: DeadLetterList) -> Table:
    table = Table(title="Dead letters by error class", title_justify="left")
    for column in ("service", "error class", "count", "pending", "oldest", "newest"):
        table.add_column(column, justify="right" if column in {"count", "pending"} else "left")
    for item in report.summary:
        table.add_row(
            escape(item.service),
            escape(item.error_class),
            f"{item.count:,}",
            f"{item.pending:,}",
            output.local_time(item.oldest),
            output.local_time(item.newest),
        )
    return table


def _records_table(report: DeadLetterList) -> Table:
    title = f"Newest {len(report.records)} of {report.matched} (oldest first)"
    table = Table(title=title, title_justify="left")
    for column in ("service", "p:offset", "failed at", "error", "original", "event", "status"):
        table.add_column(column, overflow="fold")
    for item in report.records:
        origin = f"{item.original_topic} [{item.original_partition}] @ {item.original_offset}"
        table.add_row(
            escape(item.service),
            f"{item.partition}:{item.offset}",
            output.local_time(item.failed_at),
            f"[red]{escape(item.error_class)}[/] {escape(_short(item.error_message))}",
            escape(origin) if item.original_topic else "—",
            f"{escape(item.event_type or '—')}\n[dim]{escape(item.event_id or '')}[/]",
            _STATUS_STYLE[item.status],
        )
    return table


_STATUS_STYLE = {
    "pending": "[yellow]pending[/]",
    "replayed": "[green]replayed[/]",
    "invalid": "[red]not a dead letter[/]",
}


def _short(text: str, width: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"

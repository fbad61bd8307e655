"""`stx proposals`: how the engine's proposals fared with brokers and parties, month by month.

Reads the public match topic from its start (what retention keeps) to its current end and
tallies it with `proposal_tally`: the precision of proposals is what interest and declines say,
not what an offline labelled set says.
"""

from __future__ import annotations

import argparse
from typing import Any

from aiokafka import TopicPartition
from rich.console import RenderableType
from rich.table import Table

from shared.cli import kafka, output
from shared.cli.proposal_tally import ProposalReport, tally
from shared.cli.settings import OpsSettings
from shared.events.envelope import InvalidEventError, UnknownEventTypeError, parse_record
from shared.topics import MATCHES


def register(commands: Any, parents: list[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "proposals",
        parents=parents,
        help="engine proposals vs the parties' answers: precision per month and engine version",
        description="Every proposal on the match topic with what became of it: answered, "
        "interested, accepted, declined (by reason), expired, retracted; precision = proposals "
        "someone was interested in / proposals answered. Broker proposals are pairs the engine "
        "did not propose.",
    )
    parser.add_argument("--topic", default=MATCHES, help=f"topic to read (default {MATCHES})")
    parser.set_defaults(run=run)


async def run(args: argparse.Namespace, settings: OpsSettings) -> int:
    report = await collect(settings, args.topic)
    output.emit(report, render, args.json)
    return 0


async def collect(settings: OpsSettings, topic: str) -> ProposalReport:
    async with kafka.admin_client(settings) as admin, kafka.consumer(settings) as client:
        partitions = (await kafka.partitions_of(admin, [topic])).get(topic) or []
        tps = [TopicPartition(topic, p) for p in partitions]
        if not tps:
            return tally([])
        starts, ends = await client.beginning_offsets(tps), await client.end_offsets(tps)
        ranges = {tp: (starts[tp], ends[tp]) for tp in tps}
        events = []
        async for record in kafka.read_ranges(client, ranges):
            try:
                envelope = parse_record(record.headers, record.value)
            except (UnknownEventTypeError, InvalidEventError):
                continue  # not a match event this version knows: nothing to count
            events.append((envelope.data, envelope.time))
    # Partitions are keyed by match id, so each match's events stay in order across the merge.
    return tally(events)


def render(report: ProposalReport) -> RenderableType:
    table = Table(title=f"Proposals ({report.events:,} match events)", title_justify="left")
    columns = ("month", "by", "engine", "proposed", "answered", "interested", "accepted")
    for column in (*columns, "expired", "retracted", "precision", "mean score", "declines"):
        table.add_column(column, justify="left" if column in {"month", "by", "engine"} else "right")
    for row in report.rows:
        reasons = ", ".join(f"{reason} {n}" for reason, n in row.decline_reasons.items())
        table.add_row(
            row.month,
            row.proposed_by,
            row.engine_version,
            str(row.proposed),
            str(row.answered),
            str(row.interested),
            str(row.accepted),
            str(row.expired),
            str(row.retracted),
            "—" if row.precision is None else f"{row.precision:.2f}",
            f"{row.mean_score:.2f}",
            reasons or "—",
        )
    return table

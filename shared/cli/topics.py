"""`stx topics`: the registry's topics as the cluster has them."""

from __future__ import annotations

import argparse
from typing import Any

from pydantic import BaseModel, Field
from rich.console import RenderableType
from rich.table import Table

from shared.cli import kafka, output
from shared.cli.settings import OpsSettings
from shared.topics import TOPICS, TopicSpec


class PartitionOffsets(BaseModel):
    partition: int
    start_offset: int
    end_offset: int


class TopicReport(BaseModel):
    name: str
    visibility: str
    exists: bool
    partitions: int | None = Field(description="On the cluster; None when the topic is missing.")
    registry_partitions: int
    retention_ms: int | None = Field(description="`retention.ms` on the cluster.")
    registry_retention_ms: int
    end_offset_total: int = 0
    offsets: list[PartitionOffsets] = []
    problems: list[str] = []


class TopicsReport(BaseModel):
    bootstrap_servers: str
    topics: list[TopicReport]

    @property
    def healthy(self) -> bool:
        return not any(t.problems for t in self.topics)


def register(commands: Any, parents: list[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "topics",
        parents=parents,
        help="registry topics: partitions, end offsets, retention, visibility",
        description="Every topic of shared/topics.py as the cluster has it. Exit status 1 when a "
        "topic is missing or differs from the registry.",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="offsets per partition")
    parser.set_defaults(run=run)


async def run(args: argparse.Namespace, settings: OpsSettings) -> int:
    report = await collect(settings)
    output.emit(report, lambda r: render(r, verbose=args.verbose), args.json)
    return 0 if report.healthy else 1


async def collect(settings: OpsSettings) -> TopicsReport:
    names = [spec.name for spec in TOPICS]
    async with kafka.admin_client(settings) as admin:
        partitions = await kafka.partitions_of(admin, names)
        present = [name for name in names if partitions.get(name) is not None]
        configs = await kafka.topic_configs(admin, present, ["retention.ms"])
    tps = kafka.topic_partitions(partitions)
    async with kafka.consumer(settings) as client:
        starts = await client.beginning_offsets(tps) if tps else {}
        ends = await client.end_offsets(tps) if tps else {}
    topics = []
    for spec in TOPICS:
        offsets = [
            PartitionOffsets(partition=tp.partition, start_offset=starts[tp], end_offset=ends[tp])
            for tp in tps
            if tp.topic == spec.name
        ]
        retention = configs.get(spec.name, {}).get("retention.ms")
        topics.append(_report(spec, partitions.get(spec.name), retention, offsets))
    return TopicsReport(bootstrap_servers=settings.kafka_bootstrap_servers, topics=topics)


def _report(
    spec: TopicSpec,
    partitions: list[int] | None,
    retention: str | None,
    offsets: list[PartitionOffsets],
) -> TopicReport:
    report = TopicReport(
        name=spec.name,
        visibility=spec.visibility.value,
        exists=partitions is not None,
        partitions=len(partitions) if partitions is not None else None,
        registry_partitions=spec.partitions,
        retention_ms=int(retention) if retention is not None else None,
        registry_retention_ms=spec.retention_ms,
        end_offset_total=sum(o.end_offset for o in offsets),
        offsets=offsets,
    )
    report.problems = problems(report)
    return report


def problems(topic: TopicReport) -> list[str]:
    """What differs from the registry, in words an operator can act on."""
    if not topic.exists:
        return ["missing on the cluster"]
    found = []
    if topic.partitions != topic.registry_partitions:
        found.append(f"{topic.partitions} partitions, registry says {topic.registry_partitions}")
    if topic.retention_ms is not None and topic.retention_ms != topic.registry_retention_ms:
        wanted = output.retention(topic.registry_retention_ms)
        found.append(f"retention {output.retention(topic.retention_ms)}, registry says {wanted}")
    return found


def render(report: TopicsReport, verbose: bool = False) -> RenderableType:
    table = Table(title=f"Topics on {report.bootstrap_servers}", title_justify="left")
    for column in ("topic", "visibility", "partitions", "end offsets", "retention", "status"):
        right = column in {"partitions", "end offsets"}
        table.add_column(column, justify="right" if right else "left", overflow="fold")
    for topic in report.topics:
        status = "[red]" + "; ".join(topic.problems) + "[/]" if topic.problems else "[green]ok[/]"
        table.add_row(
            topic.name,
            topic.visibility,
            str(topic.partitions) if topic.exists else "—",
            _offsets(topic, verbose),
            output.retention(topic.retention_ms if topic.exists else topic.registry_retention_ms),
            status,
        )
    return table


def _offsets(topic: TopicReport, verbose: bool) -> str:
    if not topic.exists:
        return "—"
    total = f"{topic.end_offset_total:,}"
    if not verbose:
        return total
    lines = [f"p{o.partition}: {o.start_offset:,}…{o.end_offset:,}" for o in topic.offsets]
    return "\n".join([total, *lines])

"""`stx lag`: per consumer group and partition, committed offset, end offset and lag."""

from __future__ import annotations

import argparse
from typing import Any

from aiokafka import TopicPartition
from aiokafka.coordinator.protocol import ConsumerProtocolMemberAssignment
from aiokafka.errors import for_code
from pydantic import BaseModel, Field, computed_field
from rich.console import Group, RenderableType
from rich.markup import escape
from rich.table import Table

from shared.cli import kafka, output
from shared.cli.settings import OpsSettings
from shared.topics import SERVICES


class PartitionLag(BaseModel):
    topic: str
    partition: int
    committed: int | None = Field(description="None: assigned, nothing committed yet.")
    end_offset: int
    lag: int = Field(description="Records not yet processed (from the start when uncommitted).")
    member: str | None = Field(default=None, description="client id@host reading it, if any.")


class GroupLag(BaseModel):
    group: str
    state: str = Field(description="Stable, Empty, Dead (unknown), PreparingRebalance, …")
    members: int
    partitions: list[PartitionLag]

    @computed_field  # type: ignore[prop-decorator]
    @property
    def total_lag(self) -> int:
        return sum(p.lag for p in self.partitions)


class LagReport(BaseModel):
    groups: list[GroupLag]


def register(commands: Any, parents: list[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "lag",
        parents=parents,
        help="consumer lag per group and partition",
        description="Committed offset, end offset and lag of each partition a group reads. "
        "Default groups: the services' `<prefix>.<service>` ($STX_KAFKA_GROUP_PREFIX, `stx`).",
    )
    parser.add_argument("--group", action="append", metavar="G", help="consumer group (repeatable)")
    parser.set_defaults(run=run)


def default_groups(settings: OpsSettings) -> list[str]:
    return [f"{settings.kafka_group_prefix}.{service}" for service in SERVICES]


async def run(args: argparse.Namespace, settings: OpsSettings) -> int:
    groups = args.group or default_groups(settings)
    with output.progress(quiet=args.json) as steps:
        task = steps.task("reading group offsets", total=len(groups))
        reports = []
        async with kafka.admin_client(settings) as admin, kafka.consumer(settings) as client:
            for group in groups:
                reports.append(await group_lag(admin, client, group))
                steps.advance(task)
    output.emit(LagReport(groups=reports), render, args.json)
    return 0


async def group_lag(admin: Any, client: Any, group: str) -> GroupLag:
    state, owners = await _describe(admin, group)
    committed = {
        tp: meta.offset
        for tp, meta in (
            await kafka.with_coordinator(lambda: admin.list_consumer_group_offsets(group))
        ).items()
        if meta.offset >= 0
    }
    tps = sorted(set(committed) | set(owners))
    ends = await client.end_offsets(tps) if tps else {}
    uncommitted = [tp for tp in tps if tp not in committed]
    starts = await client.beginning_offsets(uncommitted) if uncommitted else {}
    partitions = [
        PartitionLag(
            topic=tp.topic,
            partition=tp.partition,
            committed=committed.get(tp),
            end_offset=ends[tp],
            lag=max(0, ends[tp] - committed.get(tp, starts.get(tp, 0))),
            member=owners.get(tp),
        )
        for tp in tps
    ]
    return GroupLag(
        group=group, state=state, members=len(set(owners.values())), partitions=partitions
    )


async def _describe(admin: Any, group: str) -> tuple[str, dict[TopicPartition, str]]:
    """The group's state and which member holds each partition (one request per group)."""
    described = await kafka.with_coordinator(lambda: _describe_once(admin, group))
    owners: dict[TopicPartition, str] = {}
    for member in described["members"]:
        name = f"{member['client_id']}@{member['client_host'].lstrip('/')}"
        for tp in _assigned(member["member_assignment"]):
            owners[tp] = name
    return described["state"] or "Dead", owners


async def _describe_once(admin: Any, group: str) -> dict[str, Any]:
    [response] = await admin.describe_consumer_groups([group])
    [described] = response.to_object()["groups"]
    if described["error_code"]:
        raise for_code(described["error_code"])(f"describing group {group}")
    return dict(described)


def _assigned(raw: bytes) -> list[TopicPartition]:
    if not raw:
        return []
    try:
        return list(ConsumerProtocolMemberAssignment.decode(raw).partitions())
    except Exception:  # another protocol than `consumer` (e.g. Connect): no partitions to show
        return []


def render(report: LagReport) -> RenderableType:
    return Group(*(_group_table(group) for group in report.groups))


def _group_table(group: GroupLag) -> Table:
    title = (
        f"[bold]{escape(group.group)}[/] · {group.state} · {group.members} member(s) · "
        f"lag {group.total_lag:,}"
    )
    table = Table(title=title, title_justify="left")
    table.add_column("topic")
    table.add_column("partition", justify="right")
    table.add_column("committed", justify="right")
    table.add_column("end offset", justify="right")
    table.add_column("lag", justify="right")
    table.add_column("member")
    for p in group.partitions:
        lag = f"[yellow]{p.lag:,}[/]" if p.lag else "0"
        committed = f"{p.committed:,}" if p.committed is not None else "—"
        table.add_row(
            escape(p.topic),
            str(p.partition),
            committed,
            f"{p.end_offset:,}",
            lag,
            escape(p.member or "—"),
        )
    if not group.partitions:
        table.add_row("[dim]no committed offsets and no members[/]", "", "", "", "", "")
    return table

"""`stx topics`, `stx lag` and `stx outbox status` against the real broker and store."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from aiokafka import AIOKafkaConsumer, TopicPartition
from pymongo import MongoClient

from shared.topics import TOPICS
from tests.integration.cli.helpers import commit, create_topic, produce, stx

pytestmark = pytest.mark.integration


def test_topics_lists_the_registry_as_the_cluster_has_it(
    stack: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    status, report = stx(capsys, stack, "topics", "--json")

    assert status == 0
    assert [t["name"] for t in report["topics"]] == [spec.name for spec in TOPICS]
    for shown, spec in zip(report["topics"], TOPICS, strict=True):
        assert shown["exists"]
        assert shown["partitions"] == spec.partitions
        assert shown["retention_ms"] == spec.retention_ms
        assert shown["problems"] == []
        assert len(shown["offsets"]) == spec.partitions


def test_lag_shows_what_a_group_has_not_processed(
    stack: Any, unique_name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    topic, group = f"stx.test.lag.{unique_name}", f"test-{unique_name}.lag"
    create_topic(stack.bootstrap_servers, topic, partitions=2)
    records = [(f"lst-{n}".encode(), b"{}", []) for n in range(5)]
    produce(stack.bootstrap_servers, topic, records, partition=0)
    commit(stack.bootstrap_servers, group, {TopicPartition(topic, 0): 2})

    status, report = stx(capsys, stack, "lag", "--group", group, "--json")
    _, human = stx(capsys, stack, "lag", "--group", group)

    assert status == 0
    [shown] = report["groups"]
    assert shown["partitions"] == [
        {
            "topic": topic,
            "partition": 0,
            "committed": 2,
            "end_offset": 5,
            "lag": 3,
            "member": None,
        }
    ]
    assert shown["total_lag"] == 3
    assert f"{group} · Empty · 0 member(s) · lag 3" in " ".join(human.split())


def test_lag_defaults_to_the_service_groups(stack: Any, capsys: pytest.CaptureFixture[str]) -> None:
    _, report = stx(capsys, stack, "lag", "--json")

    assert [g["group"] for g in report["groups"]] == [
        "stx.listings",
        "stx.matching",
        "stx.notifications",
        "stx.awards",
    ]


def test_outbox_status_counts_pending_records(
    stack: Any, unique_name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    prefix = f"t{unique_name}"
    waited = datetime.now(UTC) - timedelta(minutes=10)
    with MongoClient(stack.mongodb_url, tz_aware=True) as client:
        outbox = client[f"{prefix}_listings"]["outbox"]
        outbox.insert_many(
            [
                {"event_id": f"e-{n}", "created_at": waited + timedelta(seconds=n), "pending": True}
                for n in range(3)
            ]
            + [{"event_id": "e-sent", "created_at": waited, "sent_at": waited}]
        )

    status, report = stx(
        capsys, stack, "outbox", "status", "--service", "listings", "--service", "awards",
        "--database-prefix", prefix, "--json",
    )  # fmt: skip

    assert status == 0
    listings, awards = report["services"]
    assert (listings["database"], listings["pending"]) == (f"{prefix}_listings", 3)
    assert listings["oldest_pending_age_seconds"] >= 600
    assert (awards["pending"], awards["oldest_pending_at"]) == (0, None)


async def test_lag_names_the_member_holding_each_partition(
    stack: Any, unique_name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    topic, group = f"stx.test.members.{unique_name}", f"test-{unique_name}.members"
    await asyncio.to_thread(create_topic, stack.bootstrap_servers, topic, 1)
    await asyncio.to_thread(
        produce, stack.bootstrap_servers, topic, [(b"lst-1", b"{}", []), (b"lst-2", b"{}", [])]
    )
    member = AIOKafkaConsumer(
        topic,
        bootstrap_servers=stack.bootstrap_servers,
        group_id=group,
        client_id="matching-7f9c",
        enable_auto_commit=False,
    )
    await member.start()
    try:
        while not member.assignment():  # joined: fetching drives the group protocol
            await member.getmany(timeout_ms=100)
        _, report = await asyncio.to_thread(stx, capsys, stack, "lag", "--group", group, "--json")
    finally:
        await member.stop()

    [shown] = report["groups"]
    assert (shown["state"], shown["members"]) == ("Stable", 1)
    [partition] = shown["partitions"]
    assert partition["committed"] is None  # assigned, nothing committed: counted from the start
    assert partition["lag"] == 2
    assert partition["member"].startswith("matching-7f9c@")

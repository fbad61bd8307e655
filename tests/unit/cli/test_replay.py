"""Planning a replay, and sending it: acknowledged records are recorded, failed ones are not."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Any

from aiokafka import TopicPartition

from shared.cli.dlq.ledger import Ledger
from shared.cli.dlq.records import DeadLetter, Selection
from shared.cli.dlq.replay import PartitionPlan, _PartitionReplay, plan
from shared.cli.dlq.scan import Scanned
from shared.dlq import REPLAY_HEADER
from tests.unit.cli.fakes import consumer_record, dead_letter

TP = TopicPartition("stx.dlq.matching", 0)


def scanned(records: list[DeadLetter], ledger: Ledger | None = None) -> Scanned:
    ledger = ledger or Ledger()
    end = max((d.offset for d in records), default=-1) + 1
    return Scanned("matching", TP.topic, True, {TP: end}, records, {TP: ledger})


def junk(offset: int) -> DeadLetter:
    record = consumer_record(TP.topic, offset, None, b"\x00", [])
    return DeadLetter.from_record("matching", record)


def test_plan_sorts_records_into_replay_passed_over_done_and_junk() -> None:
    records = [
        dead_letter(error_class="KeyError", offset=0),
        dead_letter(error_class="ValidationError", offset=1),
        junk(2),
        dead_letter(error_class="KeyError", offset=3),
        dead_letter(error_class="KeyError", offset=4),
    ]

    [item] = plan(scanned(records, Ledger(0, frozenset({4}))), Selection(frozenset({"KeyError"})))

    assert [d.offset for d in item.to_replay] == [0, 3]
    assert item.passed_over == [1]
    assert (item.already_replayed, item.not_dead_letters) == (1, 1)
    assert item.final_ledger() == Ledger(1, frozenset({3, 4}))


@dataclass
class Sent:
    topic: str
    value: bytes | None
    key: bytes | None
    headers: list[tuple[str, bytes]]


@dataclass
class FakeMetadata:
    partition: int
    offset: int


@dataclass
class FakeProducer:
    """Acknowledges every record, except the replays of the dead letters it is told to refuse."""

    refuse: set[str] = field(default_factory=set)
    sent: list[Sent] = field(default_factory=list)

    async def send(self, topic: str, value: bytes | None, key: bytes | None, headers: Any) -> Any:
        future: asyncio.Future[FakeMetadata] = asyncio.get_running_loop().create_future()
        if dict(headers)[REPLAY_HEADER].decode() in self.refuse:
            future.set_exception(TimeoutError("no acknowledgement"))
        else:
            self.sent.append(Sent(topic, value, key, headers))
            future.set_result(FakeMetadata(1, len(self.sent) - 1))
        return future


@dataclass
class FakeLedgerClient:
    commits: list[dict[TopicPartition, tuple[int, str]]] = field(default_factory=list)

    async def commit(self, offsets: dict[TopicPartition, tuple[int, str]]) -> None:
        self.commits.append(offsets)


def test_acknowledged_records_are_committed_to_the_ledger() -> None:
    records = [dead_letter(offset=n) for n in range(3)]
    [item] = plan(scanned(records), Selection())
    producer, ledger = FakeProducer(), FakeLedgerClient()

    rows = asyncio.run(_send(item, producer, ledger, {"stx.listings.v1"}))

    assert [r.published_offset for r in rows] == [0, 1, 2]
    assert [s.headers[-1] for s in producer.sent] == [
        (REPLAY_HEADER, f"stx.dlq.matching/0/{n}".encode()) for n in range(3)
    ]
    assert ledger.commits[-1] == {TP: (3, "stx-replay-ledger/1:")}


def test_a_record_without_acknowledgement_stays_pending_in_the_ledger() -> None:
    records = [dead_letter(offset=n) for n in range(3)]
    [item] = plan(scanned(records), Selection())
    producer = FakeProducer(refuse={records[1].replay_id})
    ledger = FakeLedgerClient()

    rows = asyncio.run(_send(item, producer, ledger, {"stx.listings.v1"}))

    assert [r.error is None for r in rows] == [True, False, True]
    assert ledger.commits[-1] == {TP: (1, "stx-replay-ledger/1:2")}


def test_a_record_whose_topic_is_gone_is_not_sent_and_stays_pending() -> None:
    records = [dead_letter(offset=0)]
    [item] = plan(scanned(records), Selection())
    producer, ledger = FakeProducer(), FakeLedgerClient()

    [row] = asyncio.run(_send(item, producer, ledger, set()))

    assert producer.sent == []
    assert row.error == "topic stx.listings.v1 does not exist"
    assert ledger.commits == []


def test_nothing_to_replay_commits_nothing_new() -> None:
    records = [dead_letter(offset=0)]
    [item] = plan(scanned(records, Ledger(1)), Selection())
    ledger = FakeLedgerClient()

    asyncio.run(_send(item, FakeProducer(), ledger, {"stx.listings.v1"}))

    assert ledger.commits == []


async def _send(
    item: PartitionPlan, producer: FakeProducer, ledger: FakeLedgerClient, topics: set[str]
) -> list[Any]:
    replay = _PartitionReplay(item, producer, ledger, topics)
    rows = await replay.send(item.to_replay) if item.to_replay else []
    await replay.settle()
    return rows

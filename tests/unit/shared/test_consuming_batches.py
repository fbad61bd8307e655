"""A consumed batch: prepared at once, then handled record by record in order (fakes for the
store; the real broker and store run the same path in tests/integration/shared)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest

from shared.consuming import (
    BatchInterruptedError,
    EventConsumer,
    Handling,
    RetryPolicy,
    TransientError,
)
from shared.dlq import ConsumedRecord
from shared.events.envelope import to_record
from shared.events.organizations import OrganizationRegistered, OrganizationVerified
from shared.outbox import Tx


class _Outbox:
    async def unit_of_work(
        self, work: Callable[[Tx], Awaitable[Any]], **_: Any
    ) -> Any:  # one "transaction" per record, as the real outbox
        return await work(Tx(session=None, correlation_id=None, causation_id=None))  # type: ignore[arg-type]


class _Processed:
    async def record(self, *_: Any) -> None:
        return None


class _DeadLetters:
    def __init__(self) -> None:
        self.published: list[tuple[int, str]] = []

    async def publish(self, record: ConsumedRecord, exc: BaseException) -> None:
        self.published.append((record.offset, type(exc).__name__))


def _profile(organization_id: str) -> dict[str, Any]:
    return {
        "organization_id": organization_id,
        "kind": "cooperative",
        "name": f"HTX {organization_id}",
        "province": {"code": "51", "name": "Quảng Ngãi", "level": "province"},
        "current_province": {"code": "51", "name": "Quảng Ngãi", "level": "province"},
        "verified": False,
        "registered_at": "2026-12-01T03:04:05Z",
    }


def _registered(organization_id: str, offset: int) -> ConsumedRecord:
    event = OrganizationRegistered.model_validate(
        {"organization_id": organization_id, "organization": _profile(organization_id)}
    )
    return _consumed(event, offset)


def _verified(organization_id: str, offset: int) -> ConsumedRecord:
    event = OrganizationVerified.model_validate(
        {
            "organization_id": organization_id,
            "verified_by": "broker-01",
            "organization": _profile(organization_id) | {"verified": True},
        }
    )
    return _consumed(event, offset)


def _consumed(event: Any, offset: int) -> ConsumedRecord:
    record = to_record(event, source="/stx/test/listings")
    return ConsumedRecord(
        topic=record.topic,
        partition=0,
        offset=offset,
        key=record.key.encode() if record.key else None,
        value=record.value,
        headers=tuple((name, value.encode()) for name, value in record.headers.items()),
    )


def _broken(offset: int) -> ConsumedRecord:
    good = _registered("org_x", offset)
    return ConsumedRecord(good.topic, 0, offset, good.key, b"{not json", good.headers)


@pytest.fixture
def journal() -> list[str]:
    return []


@pytest.fixture
def dead_letters() -> _DeadLetters:
    return _DeadLetters()


@pytest.fixture
def consumer(journal: list[str], dead_letters: _DeadLetters) -> EventConsumer:
    consumer = EventConsumer(
        "test",
        _Outbox(),  # type: ignore[arg-type]
        _Processed(),  # type: ignore[arg-type]
        dead_letters,  # type: ignore[arg-type]
        RetryPolicy(max_attempts=2, backoff_seconds=0.001),
    )

    @consumer.on(OrganizationRegistered, OrganizationVerified)
    async def handle(h: Handling[Any]) -> None:
        if h.event.organization_id == "org_down":
            raise TransientError("store unavailable")
        journal.append(f"{h.envelope.type.rsplit('.', 1)[1]} {h.event.organization_id}")

    return consumer


async def test_a_batch_is_prepared_once_then_handled_record_by_record_in_order(
    consumer: EventConsumer, journal: list[str]
) -> None:
    @consumer.prepare(OrganizationRegistered)
    async def ahead(events: list[OrganizationRegistered]) -> None:
        journal.append("prepared " + ",".join(e.organization_id for e in events))

    batch = [_registered("org_a", 1), _verified("org_a", 2), _registered("org_b", 3)]
    await consumer.process_batch(batch)
    assert journal == [
        "prepared org_a,org_b",
        "registered org_a",
        "verified org_a",
        "registered org_b",
    ]


async def test_a_preparer_that_fails_changes_nothing_but_speed(
    consumer: EventConsumer, journal: list[str]
) -> None:
    @consumer.prepare(OrganizationRegistered)
    async def ahead(events: list[OrganizationRegistered]) -> None:
        raise RuntimeError("model not loaded")

    await consumer.process_batch([_registered("org_a", 1), _registered("org_b", 2)])
    assert journal == ["registered org_a", "registered org_b"]


async def test_a_record_that_does_not_parse_is_not_prepared_and_goes_to_the_dlq(
    consumer: EventConsumer, journal: list[str], dead_letters: _DeadLetters
) -> None:
    prepared: list[str] = []

    @consumer.prepare(OrganizationRegistered)
    async def ahead(events: list[OrganizationRegistered]) -> None:
        prepared.extend(e.organization_id for e in events)

    await consumer.process_batch([_broken(1), _registered("org_b", 2)])
    assert prepared == ["org_b"]
    assert dead_letters.published == [(1, "InvalidEventError")]
    assert journal == ["registered org_b"]


async def test_a_record_still_failing_stops_the_batch_and_names_the_records_not_applied(
    consumer: EventConsumer, journal: list[str]
) -> None:
    batch = [_registered("org_a", 1), _registered("org_down", 2), _registered("org_c", 3)]
    with pytest.raises(BatchInterruptedError) as stopped:
        await consumer.process_batch(batch)
    assert journal == ["registered org_a"]
    # the subscriber rewinds to org_down and commits org_a: nothing applied is read again
    assert [record.offset for record in stopped.value.remaining] == [2, 3]

"""Dead-letter records as the ops tools see them, which of them a command selects, and the
original record a replay re-publishes. Pure: no I/O."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cached_property
from typing import Any, Final

from shared.clock import PROVINCE_ZONE
from shared.dlq import REPLAY_HEADER, restore_original_headers

_RELATIVE: Final = re.compile(r"^(\d+)\s*([smhdw])$")
_UNITS: Final = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days", "w": "weeks"}
_OFFSETS: Final = re.compile(r"^(?:(\d+):)?(\d+)(?:-(\d+))?$")


@dataclass(frozen=True)
class DeadLetter:
    """One record of `stx.dlq.<service>`: the original record plus why it failed (headers)."""

    service: str
    topic: str
    partition: int
    offset: int
    timestamp: datetime
    key: bytes | None
    value: bytes | None
    headers: tuple[tuple[str, bytes], ...]

    @classmethod
    def from_record(cls, service: str, record: Any) -> DeadLetter:
        """From an aiokafka `ConsumerRecord`."""
        return cls(
            service=service,
            topic=record.topic,
            partition=record.partition,
            offset=record.offset,
            timestamp=datetime.fromtimestamp(record.timestamp / 1000, UTC),
            key=record.key,
            value=record.value,
            headers=tuple((name, value or b"") for name, value in record.headers),
        )

    @property
    def coordinate(self) -> str:
        return f"{self.partition}:{self.offset}"

    @property
    def replay_id(self) -> str:
        """`stx.dlq.<service>/<partition>/<offset>`: the replay marker's value."""
        return f"{self.topic}/{self.partition}/{self.offset}"

    def header(self, name: str) -> str | None:
        for header, value in reversed(self.headers):
            if header == name:
                return value.decode("utf-8", "replace")
        return None

    @property
    def error_class(self) -> str:
        return self.header("x-error-class") or "?"

    @property
    def error_message(self) -> str:
        return self.header("x-error-message") or ""

    @property
    def original_topic(self) -> str | None:
        return self.header("x-original-topic") or None

    @property
    def is_dead_letter(self) -> bool:
        """False for a record someone wrote to the DLQ by hand: it names no original topic."""
        return self.original_topic is not None

    @property
    def original_partition(self) -> int | None:
        return _int(self.header("x-original-partition"))

    @property
    def original_offset(self) -> int | None:
        return _int(self.header("x-original-offset"))

    @property
    def failed_at(self) -> datetime:
        """`x-failed-at`, else the record's timestamp."""
        return _datetime(self.header("x-failed-at")) or self.timestamp

    @cached_property
    def original_headers(self) -> list[tuple[str, bytes]]:
        """The original record's headers, non-UTF-8 values restored byte for byte."""
        return restore_original_headers(dict(self.headers))

    def original_header(self, name: str) -> str | None:
        found = [value for header, value in self.original_headers if header == name]
        return found[-1].decode("utf-8", "replace") if found else None


@dataclass(frozen=True)
class OutgoingReplay:
    topic: str
    key: bytes | None
    value: bytes | None
    headers: list[tuple[str, bytes]]


def replay_of(dead: DeadLetter) -> OutgoingReplay:
    """The original record, its headers restored, plus the replay marker (one, the newest)."""
    if dead.original_topic is None:
        raise ValueError(f"{dead.replay_id} is not a dead letter: no x-original-topic header")
    headers = [(name, value) for name, value in dead.original_headers if name != REPLAY_HEADER]
    headers.append((REPLAY_HEADER, dead.replay_id.encode()))
    return OutgoingReplay(dead.original_topic, dead.key, dead.value, headers)


@dataclass(frozen=True)
class OffsetRange:
    partition: int
    first: int
    last: int

    def __contains__(self, dead: object) -> bool:
        return (
            isinstance(dead, DeadLetter)
            and dead.partition == self.partition
            and self.first <= dead.offset <= self.last
        )


@dataclass(frozen=True)
class Selection:
    """Which dead letters a command acts on; empty criteria select everything."""

    error_classes: frozenset[str] = frozenset()
    since: datetime | None = None
    offsets: tuple[OffsetRange, ...] = ()

    def matches(self, dead: DeadLetter) -> bool:
        if self.error_classes and dead.error_class not in self.error_classes:
            return False
        if self.since is not None and dead.failed_at < self.since:
            return False
        return not self.offsets or any(dead in r for r in self.offsets)


def parse_since(text: str, now: datetime | None = None) -> datetime:
    """`2h`, `30m`, `1d`, `2w` ago, or an ISO 8601 time (without a zone: Asia/Ho_Chi_Minh)."""
    relative = _RELATIVE.match(text.strip())
    if relative:
        amount, unit = relative.groups()
        return (now or datetime.now(UTC)) - timedelta(**{_UNITS[unit]: int(amount)})
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(
            f"{text!r} is neither a duration (30m, 2h, 1d, 1w) nor an ISO 8601 time"
        ) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=PROVINCE_ZONE)


def parse_offsets(text: str) -> OffsetRange:
    """`42` (partition 0), `1:42`, `1:40-49`."""
    found = _OFFSETS.match(text.strip())
    if not found:
        raise ValueError(f"{text!r}: expected OFFSET, PARTITION:OFFSET or PARTITION:FIRST-LAST")
    partition, first, last = found.groups()
    low, high = int(first), int(last if last is not None else first)
    if high < low:
        raise ValueError(f"{text!r}: the range ends before it starts")
    return OffsetRange(int(partition or 0), low, high)


def parse_coordinate(text: str) -> tuple[int, int]:
    """`PARTITION:OFFSET` (or a bare offset in partition 0) of one record."""
    found = parse_offsets(text)
    if found.first != found.last:
        raise ValueError(f"{text!r}: name one record, PARTITION:OFFSET")
    return found.partition, found.first


def newest(records: Sequence[DeadLetter], limit: int | None) -> list[DeadLetter]:
    """The `limit` most recent records, oldest first."""
    ordered = sorted(records, key=lambda d: (d.failed_at, d.service, d.partition, d.offset))
    return ordered[-limit:] if limit else ordered


def _int(text: str | None) -> int | None:
    try:
        return int(text) if text is not None else None
    except ValueError:
        return None


def _datetime(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)

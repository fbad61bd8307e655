"""What `stx dlq` reads from a dead letter, selects, and re-publishes on replay."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from shared.cli.dlq.records import (
    DeadLetter,
    OffsetRange,
    Selection,
    newest,
    parse_coordinate,
    parse_offsets,
    parse_since,
    replay_of,
)
from shared.clock import PROVINCE_ZONE
from shared.dlq import REPLAY_HEADER
from tests.unit.cli.fakes import NOT_UTF8, consumer_record, dead_letter, original_record


def test_replay_restores_the_original_record_byte_for_byte_plus_the_marker() -> None:
    original = original_record()
    dead = dead_letter("matching", offset=7, original=original)

    outgoing = replay_of(dead)

    assert outgoing.topic == "stx.listings.v1"
    assert outgoing.key == original.key
    assert outgoing.value == original.value
    assert outgoing.headers == [
        *original.headers,
        (REPLAY_HEADER, b"stx.dlq.matching/0/7"),
    ]
    assert ("x-vendor-trace", NOT_UTF8) in outgoing.headers


def test_a_record_replayed_before_carries_only_the_newest_marker() -> None:
    first = original_record()
    replayed_once = type(first)(
        first.topic,
        first.partition,
        first.offset,
        first.key,
        first.value,
        [*first.headers, (REPLAY_HEADER, b"stx.dlq.matching/0/1")],
    )
    dead = dead_letter("matching", offset=9, original=replayed_once)

    markers = [v for n, v in replay_of(dead).headers if n == REPLAY_HEADER]

    assert markers == [b"stx.dlq.matching/0/9"]


def test_dead_letter_exposes_why_and_where_it_failed() -> None:
    original = original_record(ce_type="stx.organization.registered")
    dead = dead_letter("awards", "InvalidEventError", offset=3, original=original)

    assert dead.error_class == "InvalidEventError"
    assert dead.error_message == "title: field required"
    assert (dead.original_topic, dead.original_partition, dead.original_offset) == (
        "stx.listings.v1",
        3,
        1207,
    )
    assert dead.original_header("ce_type") == "stx.organization.registered"
    assert dead.coordinate == "0:3"
    assert dead.failed_at.tzinfo is not None


def test_a_record_without_original_topic_is_not_a_dead_letter_and_is_never_replayed() -> None:
    junk = DeadLetter.from_record(
        "listings", consumer_record("stx.dlq.listings", 0, None, b"\x00junk", [])
    )

    assert not junk.is_dead_letter
    with pytest.raises(ValueError, match="not a dead letter"):
        replay_of(junk)


def test_selection_filters_by_error_class_time_and_offsets() -> None:
    dead = dead_letter("matching", "KeyError", offset=42)

    assert Selection().matches(dead)
    assert Selection(error_classes=frozenset({"KeyError"})).matches(dead)
    assert not Selection(error_classes=frozenset({"ValidationError"})).matches(dead)
    assert Selection(since=dead.failed_at - timedelta(minutes=1)).matches(dead)
    assert not Selection(since=dead.failed_at + timedelta(minutes=1)).matches(dead)
    assert Selection(offsets=(OffsetRange(0, 40, 49),)).matches(dead)
    assert not Selection(offsets=(OffsetRange(1, 40, 49),)).matches(dead)


def test_since_accepts_durations_and_local_iso_times() -> None:
    now = datetime(2025, 7, 1, 12, 0, tzinfo=UTC)

    assert parse_since("2h", now) == now - timedelta(hours=2)
    assert parse_since("1d", now) == now - timedelta(days=1)
    assert parse_since("30m", now) == now - timedelta(minutes=30)
    assert parse_since("2025-07-01T08:00:00+00:00") == datetime(2025, 7, 1, 8, tzinfo=UTC)
    assert parse_since("2025-07-01T15:00") == datetime(2025, 7, 1, 15, tzinfo=PROVINCE_ZONE)
    with pytest.raises(ValueError, match="neither a duration"):
        parse_since("yesterday")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("42", OffsetRange(0, 42, 42)),
        ("1:42", OffsetRange(1, 42, 42)),
        ("2:40-49", OffsetRange(2, 40, 49)),
    ],
)
def test_offsets_name_records_or_ranges(text: str, expected: OffsetRange) -> None:
    assert parse_offsets(text) == expected


@pytest.mark.parametrize("text", ["", "a:1", "1:9-3", "1:2:3"])
def test_malformed_offsets_are_refused(text: str) -> None:
    with pytest.raises(ValueError, match=r"expected|ends before"):
        parse_offsets(text)


def test_a_coordinate_names_exactly_one_record() -> None:
    assert parse_coordinate("0:17") == (0, 17)
    with pytest.raises(ValueError, match="one record"):
        parse_coordinate("0:1-5")


def test_newest_keeps_the_most_recent_in_chronological_order() -> None:
    records = [dead_letter(offset=n) for n in range(5)]

    assert [d.offset for d in newest(records, 2)] == [3, 4]
    assert [d.offset for d in newest(records, 0)] == [0, 1, 2, 3, 4]

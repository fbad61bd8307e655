"""`stx dlq list|show|replay` on the real broker: the original record comes back byte for byte,
once."""

from __future__ import annotations

import base64
import json
import uuid
from typing import Any

import pytest

from shared.dlq import REPLAY_HEADER, ConsumedRecord
from tests.integration.cli.helpers import create_topic, dead_letter_to, produce, read_topic, stx

pytestmark = pytest.mark.integration

NOT_UTF8 = b"\xff\xfe\x00\x80vendor-trace"


def listing_published(topic: str, listing_id: str) -> ConsumedRecord:
    """A record as a producer sent it: CloudEvents headers, and one header that is not UTF-8."""
    value = json.dumps(
        {"listing_id": listing_id, "title": "Quy trình nhân giống Sâm Ngọc Linh", "trl": 12},
        ensure_ascii=False,
    ).encode()
    headers = [
        ("ce_specversion", b"1.0"),
        ("ce_id", str(uuid.uuid4()).encode()),
        ("ce_source", b"/stx/quang-ngai/listings"),
        ("ce_type", b"stx.listing.published"),
        ("ce_subject", listing_id.encode()),
        ("x-vendor-trace", NOT_UTF8),
        ("content-type", b"application/json"),
    ]
    return ConsumedRecord(topic, 1, 41, listing_id.encode(), value, headers)


@pytest.fixture
def dlq(stack: Any, unique_name: str) -> dict[str, Any]:
    """A service's DLQ of its own: two dead letters around a record that is no dead letter."""
    service = f"test-{unique_name}"
    original_topic = f"stx.test.orig.{unique_name}"
    create_topic(stack.bootstrap_servers, f"stx.dlq.{service}")
    create_topic(stack.bootstrap_servers, original_topic, partitions=3)
    first = listing_published(original_topic, f"lst-{unique_name}-1")
    second = listing_published(original_topic, f"lst-{unique_name}-2")
    dead_letter_to(stack.bootstrap_servers, service, first, "ValidationError")
    produce(stack.bootstrap_servers, f"stx.dlq.{service}", [(None, b"\x00not a dead letter", [])])
    dead_letter_to(stack.bootstrap_servers, service, second, "KeyError")
    return {"service": service, "topic": original_topic, "records": {0: first, 2: second}}


def test_list_counts_dead_letters_and_filters_by_error_class(
    stack: Any, dlq: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    service = dlq["service"]

    status, listed = stx(capsys, stack, "dlq", "list", "--service", service, "--json")
    _, key_errors = stx(
        capsys, stack, "dlq", "list", "--service", service, "--error-class", "KeyError", "--json"
    )

    assert status == 0, listed
    assert listed["matched"] == 3
    assert [r["status"] for r in listed["records"]] == ["pending", "invalid", "pending"]
    assert {(s["error_class"], s["count"]) for s in listed["summary"]} >= {
        ("ValidationError", 1),
        ("KeyError", 1),
    }
    assert [r["offset"] for r in key_errors["records"]] == [2]
    assert key_errors["records"][0]["event_type"] == "stx.listing.published"


def test_show_decodes_the_original_headers_and_the_value(
    stack: Any, dlq: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    status, shown = stx(capsys, stack, "dlq", "show", dlq["service"], "0:0", "--json")
    _, human = stx(capsys, stack, "dlq", "show", dlq["service"], "0:0")

    assert status == 0
    [record] = shown["records"]
    assert record["error_class"] == "ValidationError"
    assert record["original_topic"] == dlq["topic"]
    assert record["value"]["parsed"]["title"] == "Quy trình nhân giống Sâm Ngọc Linh"
    restored = {h["name"]: h["value"] for h in record["original_headers"]}
    assert base64.b64decode(restored["x-vendor-trace"]["base64"]) == NOT_UTF8
    assert "Sâm Ngọc Linh" in human
    assert "ff fe 00 80" in human


def test_show_of_a_missing_record_fails(
    stack: Any, dlq: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    status, _ = stx(capsys, stack, "dlq", "show", dlq["service"], "0:99")

    assert status == 1


def test_replay_republishes_the_original_records_once(
    stack: Any, dlq: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    service, topic = dlq["service"], dlq["topic"]

    _, dry = stx(capsys, stack, "dlq", "replay", service, "--dry-run", "--json")
    assert [r["offset"] for r in dry["records"]] == [0, 2]
    assert read_topic(stack.bootstrap_servers, topic) == []

    status, replayed = stx(capsys, stack, "dlq", "replay", service, "--json")
    assert status == 0
    assert (replayed["replayed"], replayed["failed"], replayed["not_dead_letters"]) == (2, 0, 1)
    published = read_topic(stack.bootstrap_servers, topic)
    assert len(published) == 2
    by_marker = {dict(r.headers)[REPLAY_HEADER].decode(): r for r in published}
    for offset, original in dlq["records"].items():
        record = by_marker[f"stx.dlq.{service}/0/{offset}"]
        assert record.key == original.key
        assert record.value == original.value
        assert list(record.headers) == [
            *original.headers,
            (REPLAY_HEADER, f"stx.dlq.{service}/0/{offset}".encode()),
        ]

    status, again = stx(capsys, stack, "dlq", "replay", service, "--json")
    assert status == 0
    assert (again["replayed"], again["already_replayed"]) == (0, 2)
    assert len(read_topic(stack.bootstrap_servers, topic)) == 2

    _, listed = stx(capsys, stack, "dlq", "list", "--service", service, "--json")
    assert [r["status"] for r in listed["records"]] == ["replayed", "invalid", "replayed"]
    _, lag = stx(capsys, stack, "lag", "--group", f"stx.ops.dlq-replay.{service}", "--json")
    assert lag["groups"][0]["total_lag"] == 0


def test_a_filtered_replay_leaves_the_rest_for_later(
    stack: Any, unique_name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # On the registry's own DLQ topic, shared with other tests: filters keep to our records.
    topic = f"stx.test.orig.{unique_name}"
    create_topic(stack.bootstrap_servers, topic, partitions=3)
    first, second = f"FirstError{unique_name}", f"SecondError{unique_name}"
    dead_letter_to(stack.bootstrap_servers, "listings", listing_published(topic, "lst-a"), first)
    dead_letter_to(stack.bootstrap_servers, "listings", listing_published(topic, "lst-b"), second)

    def replay(*classes: str) -> int:
        filters = [arg for c in classes for arg in ("--error-class", c)]
        status, report = stx(capsys, stack, "dlq", "replay", "listings", *filters, "--json")
        assert status == 0
        return int(report["replayed"])

    assert replay(first) == 1
    assert replay(first) == 0
    assert replay(first, second) == 1
    assert replay(first, second) == 0
    assert sorted(r.key for r in read_topic(stack.bootstrap_servers, topic)) == [b"lst-a", b"lst-b"]

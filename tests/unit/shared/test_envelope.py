"""The CloudEvents binary-mode envelope: round trip and precise errors."""

from __future__ import annotations

import json
import unicodedata
from datetime import UTC, datetime

import pytest

from shared.events.envelope import (
    InvalidEventError,
    UnknownEventTypeError,
    parse_record,
    to_record,
)
from shared.events.organizations import OrganizationVerified


def _verified() -> OrganizationVerified:
    return OrganizationVerified.model_validate(
        {
            "organization_id": "org_1",
            "verified_by": "broker-01",
            "organization": {
                "organization_id": "org_1",
                "kind": "research_institute",
                "name": "Viện Dược liệu",
                "province": {"code": "62", "name": "Kon Tum", "level": "province"},
                "current_province": {"code": "51", "name": "Quảng Ngãi", "level": "province"},
                "verified": True,
                "registered_at": "2026-01-02T03:04:05Z",
            },
        }
    )


def _headers(record_headers: dict[str, str]) -> list[tuple[str, bytes]]:
    return [(k, v.encode()) for k, v in record_headers.items()]


def test_a_record_carries_the_cloudevents_attributes_as_headers() -> None:
    record = to_record(
        _verified(),
        source="/stx/quang-ngai/listings",
        correlation_id="req-1",
        causation_id="evt-0",
        time=datetime(2026, 11, 26, 1, 2, 3, tzinfo=UTC),
    )
    assert record.topic == "stx.organizations.v1"
    assert record.key == "org_1"
    assert record.headers["ce_specversion"] == "1.0"
    assert record.headers["ce_type"] == "stx.organization.verified"
    assert record.headers["ce_subject"] == "org_1"
    assert record.headers["ce_time"] == "2026-11-26T01:02:03.000Z"
    assert record.headers["ce_dataschema"] == "urn:stx:schema:organization.verified:1"
    assert record.headers["ce_correlationid"] == "req-1"
    assert record.headers["ce_causationid"] == "evt-0"
    assert record.headers["content-type"] == "application/json"
    assert json.loads(record.value)["organization"]["name"] == "Viện Dược liệu"


def test_round_trip_gives_back_the_typed_event() -> None:
    record = to_record(_verified(), source="/stx/quang-ngai/listings")
    envelope = parse_record(_headers(record.headers), record.value)
    assert envelope.data == _verified()
    assert envelope.id == record.event_id
    assert envelope.subject == "org_1"


def test_decomposed_vietnamese_arrives_composed() -> None:
    record = to_record(_verified(), source="/s")
    decomposed = unicodedata.normalize("NFD", record.value.decode()).encode()
    envelope = parse_record(_headers(record.headers), decomposed)
    assert isinstance(envelope.data, OrganizationVerified)
    assert envelope.data.organization.name == "Viện Dược liệu"


def test_unknown_type_is_reported_as_unknown_not_invalid() -> None:
    record = to_record(_verified(), source="/s")
    headers = {**record.headers, "ce_type": "stx.organization.teleported"}
    with pytest.raises(UnknownEventTypeError):
        parse_record(_headers(headers), record.value)


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"ce_specversion": "0.3"}, "ce_specversion"),
        ({"ce_id": "not-a-uuid"}, "ce_id"),
        ({"ce_time": "yesterday"}, "ce_time"),
        ({"ce_time": "2026-01-01T00:00:00"}, "time zone"),
        ({"content-type": "text/plain"}, "content-type"),
        ({"ce_subject": "org_2"}, "ce_subject"),
    ],
)
def test_wrong_attributes_are_rejected_with_the_reason(change: dict[str, str], reason: str) -> None:
    record = to_record(_verified(), source="/s")
    with pytest.raises(InvalidEventError, match=reason):
        parse_record(_headers({**record.headers, **change}), record.value)


def test_missing_headers_are_named() -> None:
    record = to_record(_verified(), source="/s")
    headers = {k: v for k, v in record.headers.items() if k not in {"ce_id", "ce_source"}}
    with pytest.raises(InvalidEventError, match="ce_id, ce_source"):
        parse_record(_headers(headers), record.value)


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        (b"", "empty"),
        (b"\xff\xfe", "UTF-8"),
        (b"{oops", "not JSON"),
        (b"[1, 2]", "JSON object"),
        (b'{"a":' * 100 + b"1" + b"}" * 100, "nests"),
        (b'{"organization_id": "org_1"}', "organization"),
        (b'{"organization_id": NaN}', "NaN is not a JSON number"),
        (b'{"a": [-Infinity]}', "-Infinity is not a JSON number"),
    ],
)
def test_bad_payloads_are_rejected_with_the_reason(value: bytes, reason: str) -> None:
    record = to_record(_verified(), source="/s")
    with pytest.raises(InvalidEventError, match=reason):
        parse_record(_headers(record.headers), value)


def test_a_known_type_on_a_foreign_topic_is_invalid() -> None:
    record = to_record(_verified(), source="/s")
    with pytest.raises(InvalidEventError, match=r"belongs on stx\.organizations\.v1"):
        parse_record(_headers(record.headers), record.value, topic="stx.connections.v1")
    assert parse_record(_headers(record.headers), record.value, topic=record.topic).data


def test_a_header_that_is_not_utf8_is_invalid() -> None:
    record = to_record(_verified(), source="/s")
    headers = [*_headers(record.headers), ("x-bad", b"\xff")]
    with pytest.raises(InvalidEventError, match="x-bad"):
        parse_record(headers, record.value)

"""CloudEvents 1.0 in Kafka binary mode (DESIGN.md §4).

The record value is the event's `data` as plain JSON; the attributes travel as `ce_*`
headers; the record key is the aggregate id so one aggregate's events stay ordered.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Final

from pydantic import ValidationError

from shared.events.base import Event
from shared.events.registry import model_for

SPECVERSION: Final = "1.0"
CONTENT_TYPE: Final = "application/json"
REQUIRED_HEADERS: Final = ("ce_specversion", "ce_id", "ce_source", "ce_type", "ce_time")
MAX_JSON_DEPTH: Final = 64


class InvalidEventError(ValueError):
    """A record that is not a valid STX CloudEvent: it belongs in the dead-letter topic."""


class UnknownEventTypeError(LookupError):
    """A well-formed CloudEvent of a type this release does not know: skipped by rule."""


@dataclass(frozen=True)
class OutgoingRecord:
    """What a producer sends: topic, key, value and string headers."""

    topic: str
    key: str
    value: bytes
    headers: dict[str, str]

    @property
    def event_id(self) -> str:
        return self.headers["ce_id"]


@dataclass(frozen=True)
class Envelope:
    """A parsed CloudEvent with its typed payload."""

    id: str
    type: str
    source: str
    subject: str
    time: datetime
    data: Event
    correlation_id: str | None = None
    causation_id: str | None = None
    extra_headers: Mapping[str, str] = field(default_factory=dict)


def rfc3339(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def source_of(deployment: str, service: str) -> str:
    return f"/stx/{deployment}/{service}"


def to_record(
    event: Event,
    *,
    source: str,
    correlation_id: str | None = None,
    causation_id: str | None = None,
    event_id: str | None = None,
    time: datetime | None = None,
    traceparent: str | None = None,
) -> OutgoingRecord:
    """Serialise a typed event into a binary-mode Kafka record."""
    ce_id = event_id or str(uuid.uuid4())
    headers = {
        "ce_specversion": SPECVERSION,
        "ce_id": ce_id,
        "ce_source": source,
        "ce_type": event.ce_type,
        "ce_subject": event.subject,
        "ce_time": rfc3339(time or datetime.now(UTC)),
        "ce_dataschema": event.dataschema(),
        "ce_correlationid": correlation_id or ce_id,
        "content-type": CONTENT_TYPE,
    }
    if causation_id:
        headers["ce_causationid"] = causation_id
    if traceparent:
        headers["traceparent"] = traceparent
    value = event.model_dump_json().encode()
    return OutgoingRecord(topic=event.topic, key=event.subject, value=value, headers=headers)


def decode_headers(raw: Iterable[tuple[str, bytes | None]]) -> dict[str, str]:
    headers: dict[str, str] = {}
    for name, value in raw:
        try:
            headers[name] = (value or b"").decode("utf-8")
        except UnicodeDecodeError as exc:
            raise InvalidEventError(f"header {name!r} is not valid UTF-8") from exc
    return headers


def parse_record(
    raw_headers: Iterable[tuple[str, bytes | None]],
    value: bytes | None,
    topic: str | None = None,
) -> Envelope:
    """Parse a Kafka record (read from `topic`, when given) into a typed event.

    Raises `UnknownEventTypeError` for a valid envelope of an unknown type (skip it) and
    `InvalidEventError` with a precise reason for anything else that is wrong (DLQ it) —
    including a known type on a topic it does not belong to: whoever may write a public topic
    must not be able to inject, say, internal contact records through it.
    """
    headers = decode_headers(raw_headers)
    _check_attributes(headers)
    model = model_for(headers["ce_type"])
    if model is None:
        raise UnknownEventTypeError(headers["ce_type"])
    if topic is not None and model.topic != topic:
        raise InvalidEventError(f"{model.ce_type} belongs on {model.topic}, not on {topic}")
    data = _load_json(value)
    try:
        event = model.model_validate(data)
    except ValidationError as exc:
        raise InvalidEventError(f"{headers['ce_type']} payload: {_first_errors(exc)}") from exc
    subject = headers.get("ce_subject", event.subject)
    if subject != event.subject:
        raise InvalidEventError(
            f"ce_subject {subject!r} differs from payload {model.subject_field} {event.subject!r}"
        )
    return Envelope(
        id=headers["ce_id"],
        type=headers["ce_type"],
        source=headers["ce_source"],
        subject=subject,
        time=_parse_time(headers["ce_time"]),
        data=event,
        correlation_id=headers.get("ce_correlationid"),
        causation_id=headers.get("ce_causationid"),
        extra_headers={k: v for k, v in headers.items() if not k.startswith("ce_")},
    )


def _check_attributes(headers: Mapping[str, str]) -> None:
    missing = [name for name in REQUIRED_HEADERS if not headers.get(name)]
    if missing:
        raise InvalidEventError(f"missing CloudEvents header(s): {', '.join(missing)}")
    if headers["ce_specversion"] != SPECVERSION:
        raise InvalidEventError(
            f"ce_specversion {headers['ce_specversion']!r} is not supported (expected 1.0)"
        )
    content_type = headers.get("content-type", CONTENT_TYPE)
    if not content_type.startswith(CONTENT_TYPE):
        raise InvalidEventError(f"content-type {content_type!r} is not {CONTENT_TYPE}")
    try:
        uuid.UUID(headers["ce_id"])
    except ValueError as exc:
        raise InvalidEventError(f"ce_id {headers['ce_id']!r} is not a UUID") from exc
    _parse_time(headers["ce_time"])


def _parse_time(text: str) -> datetime:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError as exc:
        raise InvalidEventError(f"ce_time {text!r} is not RFC 3339") from exc
    if moment.tzinfo is None:
        raise InvalidEventError(f"ce_time {text!r} has no time zone")
    return moment


def _not_a_json_number(literal: str) -> object:
    """`NaN`, `Infinity` and `-Infinity` are not JSON (RFC 8259), though Python reads them: a
    float field would take them as numbers."""
    raise InvalidEventError(f"record value is not JSON: {literal} is not a JSON number")


def _load_json(value: bytes | None) -> object:
    if not value:
        raise InvalidEventError("record value is empty: expected a JSON object")
    try:
        text = value.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InvalidEventError("record value is not valid UTF-8") from exc
    try:
        data = json.loads(text, parse_constant=_not_a_json_number)
    except json.JSONDecodeError as exc:
        raise InvalidEventError(f"record value is not JSON: {exc.msg} at {exc.pos}") from exc
    except RecursionError as exc:
        raise InvalidEventError("record value nests too deeply") from exc
    if not isinstance(data, dict):
        raise InvalidEventError("record value must be a JSON object")
    if _depth(data) > MAX_JSON_DEPTH:
        raise InvalidEventError(f"record value nests deeper than {MAX_JSON_DEPTH} levels")
    return data


def _depth(value: object) -> int:
    depth, frontier = 0, [value]
    while frontier:
        depth += 1
        children: list[object] = []
        for item in frontier:
            if isinstance(item, dict):
                children.extend(item.values())
            elif isinstance(item, list):
                children.extend(item)
        frontier = children
    return depth - 1


def _first_errors(exc: ValidationError, limit: int = 3) -> str:
    parts = []
    for error in exc.errors(include_url=False)[:limit]:
        where = ".".join(str(p) for p in error["loc"]) or "(root)"
        parts.append(f"{where}: {error['msg']}")
    return "; ".join(parts)

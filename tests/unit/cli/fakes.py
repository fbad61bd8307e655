"""Dead-letter records as the broker hands them out, built the way shared/dlq.py writes them."""

from __future__ import annotations

import itertools
import json
import uuid
from collections.abc import Sequence

from aiokafka import ConsumerRecord

from shared.cli.dlq.records import DeadLetter
from shared.dlq import ConsumedRecord, dead_letter_headers

NOT_UTF8 = b"\xff\xfe\x00trace"
_offsets = itertools.count()


def original_record(topic: str = "stx.listings.v1", ce_type: str = "stx.listing.published"):
    """A listing event as a producer sent it, with one header that is not UTF-8."""
    value = json.dumps({"listing_id": "lst-0042", "title": "Sâm Ngọc Linh giống"}).encode()
    headers = [
        ("ce_specversion", b"1.0"),
        ("ce_id", str(uuid.uuid4()).encode()),
        ("ce_type", ce_type.encode()),
        ("x-vendor-trace", NOT_UTF8),
        ("content-type", b"application/json"),
    ]
    return ConsumedRecord(topic, 3, 1207, b"lst-0042", value, headers)


def consumer_record(
    topic: str,
    offset: int,
    key: bytes | None,
    value: bytes | None,
    headers: Sequence[tuple[str, bytes]],
    partition: int = 0,
    timestamp_ms: int = 1_751_328_000_000,
) -> ConsumerRecord[bytes, bytes]:
    return ConsumerRecord(
        topic=topic,
        partition=partition,
        offset=offset,
        timestamp=timestamp_ms,
        timestamp_type=0,
        key=key,
        value=value,
        checksum=None,
        serialized_key_size=len(key or b""),
        serialized_value_size=len(value or b""),
        headers=list(headers),
    )


def dead_letter(
    service: str = "matching",
    error_class: str = "ValidationError",
    offset: int | None = None,
    original: ConsumedRecord | None = None,
    partition: int = 0,
) -> DeadLetter:
    original = original or original_record()
    headers = dead_letter_headers(original, service, error_class, "title: field required")
    record = consumer_record(
        f"stx.dlq.{service}",
        next(_offsets) if offset is None else offset,
        original.key,
        original.value,
        [(name, value.encode()) for name, value in headers.items()],
        partition=partition,
    )
    return DeadLetter.from_record(service, record)

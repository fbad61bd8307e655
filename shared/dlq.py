"""Dead-letter records (DESIGN.md §5.3): the original record, untouched, plus why it failed."""

from __future__ import annotations

import base64
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Final, Protocol

from shared.events.envelope import rfc3339
from shared.topics import dlq_topic

MAX_ERROR_MESSAGE: Final = 1000
ORIGINAL_NAMES_HEADER: Final = "x-original-header-names"
"""The original record's header names, in order (JSON array)."""
B64_PREFIX: Final = "x-original-header-b64."
"""An original header whose value is not UTF-8 travels base64-encoded under this prefix."""
REPLAY_HEADER: Final = "x-stx-replayed-from"


@dataclass(frozen=True)
class ConsumedRecord:
    """A record as the consumer read it (what a handler got, and what a DLQ entry keeps)."""

    topic: str
    partition: int
    offset: int
    key: bytes | None
    value: bytes | None
    headers: Sequence[tuple[str, bytes | None]]


class RawSender(Protocol):
    async def send_raw(
        self, topic: str, key: bytes | None, value: bytes | None, headers: dict[str, str]
    ) -> None: ...


def dead_letter_headers(
    record: ConsumedRecord, service: str, error_class: str, error_message: str
) -> dict[str, str]:
    headers = _original_headers(record.headers)
    headers.update(
        {
            ORIGINAL_NAMES_HEADER: json.dumps([name for name, _ in record.headers]),
            "x-error-class": error_class,
            "x-error-message": error_message[:MAX_ERROR_MESSAGE],
            "x-original-topic": record.topic,
            "x-original-partition": str(record.partition),
            "x-original-offset": str(record.offset),
            "x-failed-at": rfc3339(datetime.now(UTC)),
            "x-service": service,
        }
    )
    return headers


def _original_headers(raw: Sequence[tuple[str, bytes | None]]) -> dict[str, str]:
    headers: dict[str, str] = {}
    for name, value in raw:
        data = value or b""
        try:
            headers[name] = data.decode("utf-8")
        except UnicodeDecodeError:
            headers[B64_PREFIX + name] = base64.b64encode(data).decode("ascii")
    return headers


def restore_original_headers(dead: dict[str, bytes]) -> list[tuple[str, bytes]]:
    """The headers of the original record, in order and byte for byte, from a dead-letter
    record's headers (for replay). The producer may have added headers of its own to the dead
    letter; only the names listed in `x-original-header-names` are the original's."""
    names = dead.get(ORIGINAL_NAMES_HEADER)
    if names is not None:
        return [(name, _original_value(dead, name)) for name in json.loads(names)]
    return _restore_without_names(dead)


def _original_value(dead: dict[str, bytes], name: str) -> bytes:
    encoded = dead.get(B64_PREFIX + name)
    return base64.b64decode(encoded) if encoded is not None else dead.get(name, b"")


def _restore_without_names(dead: dict[str, bytes]) -> list[tuple[str, bytes]]:
    """Dead letters written before the names were recorded: everything but our own headers."""
    restored: list[tuple[str, bytes]] = []
    for name, value in dead.items():
        if name.startswith(B64_PREFIX):
            restored.append((name.removeprefix(B64_PREFIX), base64.b64decode(value)))
        elif (
            not name.startswith("x-error-")
            and not name.startswith("x-original-")
            and name
            not in {
                "x-failed-at",
                "x-service",
            }
        ):
            restored.append((name, value))
    return restored


class DeadLetters:
    def __init__(self, service: str, sender: RawSender):
        self._service = service
        self._sender = sender
        self.topic = dlq_topic(service)

    async def publish(self, record: ConsumedRecord, error: BaseException | str) -> None:
        error_class = type(error).__name__ if isinstance(error, BaseException) else "Rejected"
        message = str(error) or error_class
        headers = dead_letter_headers(record, self._service, error_class, message)
        await self._sender.send_raw(self.topic, record.key, record.value, headers)

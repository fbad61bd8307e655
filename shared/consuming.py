"""The one consuming wrapper every subscriber uses (DESIGN.md §5.2-5.4).

parse → skip unknown types → skip applied `ce_id`s → run the handler and record the `ce_id`
in the same transaction → commit the offset only after success. Transient failures are
retried with bounded exponential backoff and, if they persist, the offset is rewound (never
committed past an unapplied record). Permanent failures go to `stx.dlq.<service>`.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from aiokafka.errors import KafkaError
from pymongo.errors import ConnectionFailure, PyMongoError

from shared.dlq import ConsumedRecord, DeadLetters
from shared.events.base import Event
from shared.events.envelope import (
    Envelope,
    InvalidEventError,
    UnknownEventTypeError,
    parse_record,
)
from shared.events.registry import model_for
from shared.idempotency import (
    AlreadyProcessedError,
    ConflictingDuplicateError,
    ProcessedEvents,
    digest,
)
from shared.logging import bound, get_logger
from shared.metrics import DLQ_RECORDS, EVENT_HANDLER_SECONDS, EVENTS_HANDLED, Outcome
from shared.outbox import Outbox, Tx

E = TypeVar("E", bound=Event)
log = get_logger(__name__)


class RejectedEventError(Exception):
    """A valid event that breaks a business rule of this service: dead-letter it with the reason."""


class TransientError(Exception):
    """A failure worth retrying later (the store or the broker is unavailable)."""


class BatchInterruptedError(TransientError):
    """A record of a batch still failing after its retries: the records before it are applied,
    `remaining` (it and those after it) are not, and must be read again."""

    def __init__(self, remaining: Sequence[ConsumedRecord]) -> None:
        super().__init__(f"{len(remaining)} records of the batch not applied")
        self.remaining = remaining


@dataclass(frozen=True)
class Handling(Generic[E]):
    """What a handler gets: the typed event, its envelope, and the transaction to write in."""

    event: E
    envelope: Envelope
    tx: Tx

    def emit(self, *events: Event) -> None:
        self.tx.emit(*events)


Handler = Callable[[Handling[Any]], Awaitable[None]]
Preparer = Callable[[list[Any]], Awaitable[None]]
"""Gets the events of one batch that it prepares for, in order, before any is handled."""


@dataclass(frozen=True)
class RetryPolicy:
    max_attempts: int = 5
    backoff_seconds: float = 0.2
    backoff_max_seconds: float = 10.0

    def delay(self, attempt: int) -> float:
        return min(self.backoff_seconds * 2.0 ** (attempt - 1), self.backoff_max_seconds)


def is_transient(exc: BaseException) -> bool:
    if isinstance(exc, TransientError | ConnectionFailure | TimeoutError | ConnectionError):
        return True
    if isinstance(exc, PyMongoError):
        # An unknown commit result may have committed: running the handler again is safe, as
        # the ce_id recorded in that same transaction then makes it a no-op.
        labels = (
            "TransientTransactionError",
            "RetryableWriteError",
            "UnknownTransactionCommitResult",
        )
        return any(exc.has_error_label(label) for label in labels)
    if isinstance(exc, KafkaError):
        return bool(getattr(exc, "retriable", False))
    return False


class EventConsumer:
    """Routes the records of one service's consumer group to its typed handlers."""

    def __init__(
        self,
        service: str,
        outbox: Outbox,
        processed: ProcessedEvents,
        dead_letters: DeadLetters,
        retry: RetryPolicy | None = None,
    ):
        self.service = service
        self._outbox = outbox
        self._processed = processed
        self._dead_letters = dead_letters
        self._retry = retry or RetryPolicy()
        self._handlers: dict[str, Handler] = {}
        self._preparers: list[tuple[frozenset[str], Preparer]] = []

    def on(self, *models: type[E]) -> Callable[[Callable[[Handling[E]], Awaitable[None]]], Any]:
        """Decorator: `@consumer.on(ListingPublished) async def on_listing_published(h): …`.

        Several event types may share one handler when they carry the same payload shape.
        """

        def register(handler: Callable[[Handling[E]], Awaitable[None]]) -> Any:
            for model in models:
                if model.ce_type in self._handlers:
                    raise ValueError(f"{model.ce_type} already has a handler in {self.service}")
                self._handlers[model.ce_type] = handler
            return handler

        return register

    def prepare(self, *models: type[E]) -> Callable[[Callable[[list[E]], Awaitable[None]]], Any]:
        """Decorator: `@consumer.prepare(ListingPublished) async def embed_ahead(events): …`
        gets a batch's events of those types at once, before they are handled one by one.

        Preparing is an optimisation, never a condition: it writes nothing, a failure is logged
        and the batch is handled as if nothing had been prepared.
        """

        def register(preparer: Callable[[list[E]], Awaitable[None]]) -> Any:
            self._preparers.append((frozenset(m.ce_type for m in models), preparer))
            return preparer

        return register

    async def process_batch(self, records: Sequence[ConsumedRecord]) -> None:
        """Prepare, then process every record in order. Raises `BatchInterruptedError` at the
        first record still failing, naming the records to read again."""
        await self._prepare(records)
        for n, record in enumerate(records):
            try:
                await self.process(record)
            except TransientError as exc:
                raise BatchInterruptedError(records[n:]) from exc

    async def _prepare(self, records: Sequence[ConsumedRecord]) -> None:
        if not self._preparers:
            return
        envelopes = []
        for record in records:
            try:  # a record that does not parse is left to `process` (the DLQ)
                envelopes.append(parse_record(record.headers, record.value, record.topic))
            except (UnknownEventTypeError, InvalidEventError):
                continue
        for types, preparer in self._preparers:
            events = [e.data for e in envelopes if e.type in types]
            if not events:
                continue
            try:
                await preparer(events)
            except Exception as exc:  # only an optimisation: the records are handled anyway
                log.warning("batch_not_prepared", preparer=preparer.__name__, error=repr(exc))

    @property
    def topics(self) -> list[str]:
        names = {model.topic for t in self._handlers if (model := model_for(t)) is not None}
        return sorted(names)

    async def process(self, record: ConsumedRecord) -> Outcome:
        """Process one record. Raises `TransientError` when the offset must not be committed."""
        with bound(topic=record.topic, partition=record.partition, offset=record.offset):
            try:
                envelope = parse_record(record.headers, record.value, record.topic)
            except UnknownEventTypeError as exc:
                return self._count(str(exc), Outcome.skipped)
            except InvalidEventError as exc:
                return await self._dead_letter(record, "unparsed", exc)
            with bound(
                event_id=envelope.id,
                event_type=envelope.type,
                correlation_id=envelope.correlation_id,
            ):
                return await self._dispatch(record, envelope)

    async def _dispatch(self, record: ConsumedRecord, envelope: Envelope) -> Outcome:
        handler = self._handlers.get(envelope.type)
        if handler is None:
            return self._count(envelope.type, Outcome.skipped)
        payload_digest = digest(record.value)
        for attempt in range(1, self._retry.max_attempts + 1):
            try:
                return await self._apply(envelope, handler, payload_digest)
            except AlreadyProcessedError:
                log.info("event_duplicate_skipped")
                return self._count(envelope.type, Outcome.duplicate)
            except Exception as exc:  # classified below: nothing escapes unexamined
                if not is_transient(exc):
                    return await self._dead_letter(record, envelope.type, exc)
                await self._back_off(envelope.type, attempt, exc)
        raise TransientError(f"{envelope.type} {envelope.id}: still failing, rewinding")

    async def _apply(self, envelope: Envelope, handler: Handler, payload_digest: str) -> Outcome:
        async def work(tx: Tx) -> None:
            # First in the transaction: a duplicate aborts before the handler does any work.
            await self._processed.record(tx.session, envelope.id, envelope.type, payload_digest)
            await handler(Handling(envelope.data, envelope, tx))

        started = time.perf_counter()
        try:
            await self._outbox.unit_of_work(
                work,
                correlation_id=envelope.correlation_id or envelope.id,
                causation_id=envelope.id,
            )
        except AlreadyProcessedError:
            # Only on the duplicate path: tell a redelivery from a reused id with another payload.
            await self._processed.check(envelope.id, payload_digest)
            raise
        EVENT_HANDLER_SECONDS.labels(self.service, envelope.type).observe(
            time.perf_counter() - started
        )
        log.info("event_applied")
        return self._count(envelope.type, Outcome.applied)

    async def _back_off(self, event_type: str, attempt: int, exc: BaseException) -> None:
        EVENTS_HANDLED.labels(self.service, event_type, Outcome.retried.value).inc()
        if attempt < self._retry.max_attempts:
            delay = self._retry.delay(attempt)
            log.warning("event_retrying", attempt=attempt, delay_s=delay, error=repr(exc))
            await asyncio.sleep(delay)

    async def _dead_letter(
        self, record: ConsumedRecord, event_type: str, exc: BaseException
    ) -> Outcome:
        expected = isinstance(
            exc, InvalidEventError | RejectedEventError | ConflictingDuplicateError
        )
        log_method = log.warning if expected else log.error
        log_method(
            "event_dead_lettered",
            error_class=type(exc).__name__,
            error=str(exc)[:500],
            exc_info=not expected,
        )
        await self._dead_letters.publish(record, exc)
        DLQ_RECORDS.labels(self.service, record.topic, type(exc).__name__).inc()
        return self._count(event_type, Outcome.dlq)

    def _count(self, event_type: str, outcome: Outcome) -> Outcome:
        EVENTS_HANDLED.labels(self.service, event_type, outcome.value).inc()
        return outcome


def failed_record_of(raw: Any) -> ConsumedRecord:
    """The fields of an aiokafka `ConsumerRecord` we keep, with its *original* header bytes."""
    headers: Iterable[tuple[str, bytes | None]] = getattr(raw, "stx_raw_headers", raw.headers)
    return ConsumedRecord(
        topic=raw.topic,
        partition=raw.partition,
        offset=raw.offset,
        key=raw.key,
        value=raw.value,
        headers=tuple(headers),
    )

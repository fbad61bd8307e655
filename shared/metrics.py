"""Prometheus metrics every service exposes at `/metrics` (DESIGN.md §6).

Module-level objects on the default registry, so any module can import and update them and
`/metrics` serves them all. Every series carries a `service` label: in Kubernetes each pod is
one service, but a shared dashboard or a test process may hold several.

Labels stay bounded: event types and topics come from the registry, HTTP routes are route
templates (`/listings/{listing_id}`), never raw paths.
"""

from __future__ import annotations

from enum import StrEnum

from prometheus_client import Counter, Gauge, Histogram


class Outcome(StrEnum):
    """What became of one consumed event (`outcome` label of `stx_events_handled_total`)."""

    applied = "applied"
    duplicate = "duplicate"
    skipped = "skipped"
    dlq = "dlq"
    retried = "retried"


EVENTS_HANDLED = Counter(
    "stx_events_handled",
    "Consumed events by type and outcome (applied|duplicate|skipped|dlq|retried).",
    ["service", "event_type", "outcome"],
)
EVENT_HANDLER_SECONDS = Histogram(
    "stx_event_handler_seconds",
    "Time spent handling one event, retries included.",
    ["service", "event_type"],
)
DLQ_RECORDS = Counter(
    "stx_dlq_records",
    "Records sent to the service's dead-letter topic, by source topic and error class.",
    ["service", "topic", "error_class"],
)
OUTBOX_BACKLOG = Gauge(
    "stx_outbox_backlog",
    "Outbox records written but not yet published.",
    ["service"],
)
OUTBOX_PUBLISHED = Counter(
    "stx_outbox_published",
    "Outbox records published to Kafka.",
    ["service", "topic"],
)
OUTBOX_PARKED = Counter(
    "stx_outbox_parked",
    "Outbox records that can never be published (too large, invalid topic), set aside so the "
    "records after them still go out.",
    ["service", "topic"],
)
CONSUMER_LAG = Gauge(
    "stx_consumer_lag",
    "Records between the consumer group's committed offset and the partition end.",
    ["service", "topic", "partition"],
)
HTTP_REQUESTS = Counter(
    "stx_http_requests",
    "HTTP requests by route template and status code.",
    ["service", "method", "route", "status"],
)
HTTP_REQUEST_SECONDS = Histogram(
    "stx_http_request_seconds",
    "HTTP request duration by route template.",
    ["service", "method", "route"],
)


def observe_http_request(
    service: str, method: str, route: str, status: int, seconds: float
) -> None:
    """Count one served request and its duration."""
    HTTP_REQUESTS.labels(service, method, route, str(status)).inc()
    HTTP_REQUEST_SECONDS.labels(service, method, route).observe(seconds)

"""Prometheus counters of the notifications service (served at `/metrics`)."""

from __future__ import annotations

from enum import StrEnum

from prometheus_client import Counter


class DeliveryOutcome(StrEnum):
    SENT = "sent"
    RETRIED = "retried"
    FAILED = "failed"
    DEFERRED = "deferred"
    """Held back: rate limit, quiet hours, or contact details not there yet."""
    CANCELLED = "cancelled"
    """The subscription ended or the recipient unsubscribed before the send."""


DELIVERIES = Counter(
    "stx_notifications_deliveries",
    "Delivery attempts by channel (email|webhook) and outcome "
    "(sent|retried|failed|deferred|cancelled).",
    ["channel", "outcome"],
)
QUEUED = Counter(
    "stx_notifications_queued",
    "Deliveries queued, by channel and purpose (alert|targeted|digest|confirmation).",
    ["channel", "purpose"],
)

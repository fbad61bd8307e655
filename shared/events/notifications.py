"""Events on `stx.notifications.v1`: the outcome of each notification delivery.

Public: a subscriber is named by its id only, never by an e-mail address, a phone or a URL,
and a failure carries an error *category*, never the peer's text (SMTP replies echo addresses).
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import ClassVar

from pydantic import Field

from shared.events.base import Event
from shared.events.registry import register
from shared.topics import NOTIFICATIONS

DELIVERY_ID_EXAMPLE = "dlv_5b0c2f8e9a1d4c3b7e6f0a2b1c9d8e7f"
LISTING_EVENT_ID_EXAMPLE = "0b6f3c1e-8d2a-4f5b-9c7e-1a2b3c4d5e6f"


class NotificationChannel(StrEnum):
    EMAIL = "email"
    WEBHOOK = "webhook"


class NotificationFailure(StrEnum):
    """Why a delivery was given up (a category: the peer's own message stays private)."""

    REJECTED = "rejected"
    """The peer refused permanently (SMTP 5xx, HTTP 4xx other than 408/425/429)."""
    EXHAUSTED = "exhausted"
    """Temporary failures (SMTP 4xx, HTTP 5xx, timeouts) until the last allowed attempt."""
    NO_ADDRESS = "no_address"
    """No contact details ever arrived for the recipient."""
    UNSAFE_TARGET = "unsafe_target"
    """The webhook host resolved to an address the SSRF guard refuses."""
    IN_DOUBT = "in_doubt"
    """The process stopped during the send; not re-sent, so that nobody gets it twice."""


class _NotificationEvent(Event):
    topic: ClassVar[str] = NOTIFICATIONS
    subject_field: ClassVar[str] = "delivery_id"

    delivery_id: str = Field(
        description="Stable id of the delivery: one per (source event, recipient, channel).",
        examples=[DELIVERY_ID_EXAMPLE],
    )
    subscriber_id: str = Field(
        description="The subscription id; for a message targeted at an organisation (a "
        "listing's owner, a party of a match), an opaque id of this delivery (`rcp_…`), never "
        "the organisation's id: joined with the source event it could unveil the owner of an "
        "anonymous demand. Until 2026-12 this carried the organisation id.",
        examples=["sub_7c1e4b2a9f3d", "rcp_3f9a1c7e5b2d4f6a8c0e1b3d"],
    )
    channel: NotificationChannel = Field(description="`email` or `webhook`.", examples=["email"])
    source_event_id: str = Field(
        description="`ce_id` of the event the notification is about (a digest's period key; "
        "a reminder's key, `<kind>:<subject id>@<due instant>`, added 2026-12).",
        examples=[LISTING_EVENT_ID_EXAMPLE],
    )
    source_event_type: str = Field(
        description="`ce_type` of that event, or `stx.digest.daily` / `stx.digest.weekly`, or "
        "(added 2026-12) a reminder's `stx.reminder.meeting_tomorrow` / "
        "`stx.reminder.introduction_idle` / `stx.reminder.nominations_closing` / "
        "`stx.reminder.registration_closing`.",
        examples=["stx.listing.published"],
    )
    attempts: int = Field(ge=1, description="Send attempts made, this one included.", examples=[1])


@register
class NotificationDelivered(_NotificationEvent):
    """The peer accepted the message (SMTP 250 after DATA, or an HTTP 2xx)."""

    ce_type: ClassVar[str] = "stx.notification.delivered"

    delivered_at: datetime = Field(
        description="When the peer accepted it (UTC).", examples=["2026-11-20T01:15:42.120Z"]
    )


@register
class NotificationFailed(_NotificationEvent):
    """The delivery was given up; it will not be retried unless a broker requeues it."""

    ce_type: ClassVar[str] = "stx.notification.failed"

    failure: NotificationFailure = Field(description="Why it was given up.", examples=["exhausted"])
    failed_at: datetime = Field(
        description="When it was given up (UTC).", examples=["2026-11-20T03:40:00.000Z"]
    )

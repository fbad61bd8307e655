"""Deliveries: one per (source event, recipient, channel), queued before anything is sent.

The delivery id *is* the dedupe key, so recording the same intent twice is a no-op. The worker
claims a due delivery, sends it, and records the outcome with the event announcing it.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict

from services.notifications.domain.recipients import RecipientKind, RecipientRef
from shared.events.base import Event
from shared.events.notifications import (
    NotificationChannel,
    NotificationDelivered,
    NotificationFailed,
    NotificationFailure,
)

PUBLIC_RECIPIENT_PREFIX = "rcp_"


class Purpose(StrEnum):
    ALERT = "alert"
    """A public notice for an instant subscriber."""
    TARGETED = "targeted"
    """A message to the parties an event concerns, without subscription."""
    DIGEST = "digest"
    CONFIRMATION = "confirmation"
    """The double opt-in e-mail of a new subscription."""


class DeliveryStatus(StrEnum):
    QUEUED = "queued"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"
    CANCELLED = "cancelled"


@dataclass(frozen=True)
class DeliveryIds:
    """The dedupe key (event, recipient, channel) as a stable id, keyed with a secret.

    The id is public (`stx.notifications.v1`). Unkeyed, anyone holding a public event id and
    the public organisation ids could recompute the id of each candidate recipient and find
    who an anonymous demand's proposal went to; with the key, only this service can.
    """

    key: bytes = field(repr=False)

    def of(
        self, source_event_id: str, recipient: RecipientRef, channel: NotificationChannel
    ) -> str:
        message = "\x1f".join((source_event_id, str(recipient), channel.value)).encode()
        return "dlv_" + hmac.new(self.key, message, hashlib.sha256).hexdigest()[:32]


@dataclass(frozen=True)
class RetryPolicy:
    max_attempts: int
    base_seconds: float
    cap_seconds: float

    def delay(self, attempt: int, jitter: float) -> timedelta:
        """Exponential backoff with jitter: `min(cap, base·2^(n-1))` scaled into [50 %, 100 %)."""
        ceiling = min(self.cap_seconds, self.base_seconds * 2 ** (attempt - 1))
        return timedelta(seconds=ceiling * (0.5 + min(max(jitter, 0.0), 1.0) / 2))


@dataclass(frozen=True)
class SendFailure:
    """What a transport reports. `retryable`: 4xx SMTP, HTTP 5xx/408/425/429, timeouts."""

    message: str
    retryable: bool
    category: NotificationFailure = NotificationFailure.REJECTED


class Delivery(BaseModel):
    model_config = ConfigDict(frozen=True)

    delivery_id: str
    source_event_id: str
    source_event_type: str
    recipient: RecipientRef
    subscriber_id: str
    channel: NotificationChannel
    purpose: Purpose
    template: str
    context: dict[str, Any]
    counterpart: RecipientRef | None = None
    named: RecipientRef | None = None
    """Whose public name the message shows (`counterpart_name`, None when unknown)."""
    send_before: datetime | None = None
    """Pointless from then on (a meeting reminder once the meeting started): cancelled."""
    status: DeliveryStatus = DeliveryStatus.QUEUED
    attempts: int = 0
    next_attempt_at: datetime
    created_at: datetime
    last_error: str | None = None
    failure: NotificationFailure | None = None
    sent_at: datetime | None = None

    @classmethod
    def queued(
        cls,
        ids: DeliveryIds,
        source: tuple[str, str],
        recipient: RecipientRef,
        channel: NotificationChannel,
        purpose: Purpose,
        template: str,
        context: dict[str, Any],
        now: datetime,
    ) -> Delivery:
        """A new delivery of a source event (`(id, type)`), due now, keyed as its dedupe key."""
        source_event_id, source_event_type = source
        return cls(
            delivery_id=ids.of(source_event_id, recipient, channel),
            source_event_id=source_event_id,
            source_event_type=source_event_type,
            recipient=recipient,
            subscriber_id=recipient.id,
            channel=channel,
            purpose=purpose,
            template=template,
            context=context,
            next_attempt_at=now,
            created_at=now,
        )

    def delivered(self, now: datetime) -> tuple[Delivery, list[Event]]:
        done = self.model_copy(
            update={"status": DeliveryStatus.SENT, "attempts": self.attempts + 1, "sent_at": now}
        )
        event = NotificationDelivered(**done._facts(), delivered_at=now)
        return done, [event]

    def attempt_failed(
        self, error: SendFailure, now: datetime, policy: RetryPolicy, jitter: float
    ) -> tuple[Delivery, list[Event]]:
        attempts = self.attempts + 1
        if error.retryable and attempts < policy.max_attempts:
            retry_at = now + policy.delay(attempts, jitter)
            update = {
                "status": DeliveryStatus.QUEUED,
                "attempts": attempts,
                "next_attempt_at": retry_at,
                "last_error": error.message,
            }
            return self.model_copy(update=update), []
        category = NotificationFailure.EXHAUSTED if error.retryable else error.category
        failing = self.model_copy(update={"attempts": attempts})
        return failing.given_up(category, error.message, now)

    def given_up(
        self, category: NotificationFailure, message: str, now: datetime
    ) -> tuple[Delivery, list[Event]]:
        update = {"status": DeliveryStatus.FAILED, "failure": category, "last_error": message}
        failed = self.model_copy(update=update)
        event = NotificationFailed(**failed._facts(), failure=category, failed_at=now)
        return failed, [event]

    def in_doubt(self, now: datetime) -> tuple[Delivery, list[Event]]:
        """Claimed, and its process died before recording an outcome: never re-sent blindly."""
        message = "the process stopped during the send; requeue it if the recipient lacks it"
        claimed = self.model_copy(update={"attempts": self.attempts + 1})
        return claimed.given_up(NotificationFailure.IN_DOUBT, message, now)

    def deferred(self, until: datetime, reason: str) -> Delivery:
        """Not attempted now (rate limit, quiet hours, contact details not there yet)."""
        update = {"status": DeliveryStatus.QUEUED, "next_attempt_at": until, "last_error": reason}
        return self.model_copy(update=update)

    def too_late(self, now: datetime) -> bool:
        return self.send_before is not None and now >= self.send_before

    def cancelled(self, reason: str) -> Delivery:
        return self.model_copy(update={"status": DeliveryStatus.CANCELLED, "last_error": reason})

    def requeued(self, now: datetime) -> Delivery:
        """A broker asks for a failed delivery to be tried again (a fresh set of attempts)."""
        if self.status is not DeliveryStatus.FAILED:
            raise ValueError(f"only failed deliveries can be requeued; this one is {self.status}")
        update = {
            "status": DeliveryStatus.QUEUED,
            "attempts": 0,
            "next_attempt_at": now,
            "failure": None,
        }
        return self.model_copy(update=update)

    def for_subscriber(self, subscriber_id: str) -> Delivery:
        return self.model_copy(update={"subscriber_id": subscriber_id})

    @property
    def public_subscriber_id(self) -> str:
        """Who it was for, as a public record may say it: a subscription by its id; an
        organisation (a listing's owner, a party of a match) by an opaque id of this delivery
        only — its own id, joined with the source event, would unveil an anonymous demand's
        owner, and one stable pseudonym per organisation could be linked across deliveries."""
        if self.recipient.kind is RecipientKind.SUBSCRIPTION:
            return self.subscriber_id
        digest = hashlib.sha256(f"recipient|{self.delivery_id}".encode()).hexdigest()
        return f"{PUBLIC_RECIPIENT_PREFIX}{digest[:24]}"

    def _facts(self) -> dict[str, Any]:
        return {
            "delivery_id": self.delivery_id,
            "subscriber_id": self.public_subscriber_id,
            "channel": self.channel,
            "source_event_id": self.source_event_id,
            "source_event_type": self.source_event_type,
            "attempts": max(self.attempts, 1),
        }


@dataclass(frozen=True)
class RateLimits:
    per_recipient_per_hour: int
    per_domain_per_minute: int

    def wait(self, sent_to_recipient_last_hour: int, sent_to_domain_last_minute: int) -> timedelta:
        """How long to hold the next message back; zero when it may go now."""
        if sent_to_recipient_last_hour >= self.per_recipient_per_hour:
            return timedelta(minutes=10)
        if sent_to_domain_last_minute >= self.per_domain_per_minute:
            return timedelta(seconds=15)
        return timedelta(0)

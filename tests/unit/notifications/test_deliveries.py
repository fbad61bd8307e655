"""Delivery outcomes: dedupe keys, backoff with jitter, retries, giving up, public events."""

from __future__ import annotations

import hashlib
from datetime import timedelta

import pytest

from services.notifications.domain.deliveries import (
    Delivery,
    DeliveryIds,
    DeliveryStatus,
    Purpose,
    RateLimits,
    RetryPolicy,
    SendFailure,
)
from services.notifications.domain.recipients import organization, subscription
from shared.events.notifications import (
    NotificationChannel,
    NotificationDelivered,
    NotificationFailed,
    NotificationFailure,
)
from tests.unit.notifications.samples import NOW

EVENT_ID = "0b6f3c1e-8d2a-4f5b-9c7e-1a2b3c4d5e6f"
POLICY = RetryPolicy(max_attempts=4, base_seconds=30, cap_seconds=600)
IDS = DeliveryIds(b"k" * 32)


def queued() -> Delivery:
    recipient = subscription("sub_bao_quang_ngai")
    return Delivery(
        delivery_id=IDS.of(EVENT_ID, recipient, NotificationChannel.EMAIL),
        source_event_id=EVENT_ID,
        source_event_type="stx.listing.published",
        recipient=recipient,
        subscriber_id="sub_bao_quang_ngai",
        channel=NotificationChannel.EMAIL,
        purpose=Purpose.ALERT,
        template="alert",
        context={"title": "Sâm Ngọc Linh"},
        next_attempt_at=NOW,
        created_at=NOW,
    )


def test_the_dedupe_key_is_stable_per_event_recipient_and_channel() -> None:
    recipient = organization("org_vien_duoc_lieu")
    first = IDS.of(EVENT_ID, recipient, NotificationChannel.EMAIL)
    assert first == IDS.of(EVENT_ID, recipient, NotificationChannel.EMAIL)
    assert first != IDS.of(EVENT_ID, recipient, NotificationChannel.WEBHOOK)
    assert first != IDS.of(EVENT_ID, organization("org_khac"), NotificationChannel.EMAIL)


def test_without_the_key_nobody_recomputes_who_a_delivery_was_for() -> None:
    """An agency holds the source event id and every public organisation id: it must not be
    able to test each organisation against a public delivery id."""
    recipient = organization("org_vien_duoc_lieu")
    public = IDS.of(EVENT_ID, recipient, NotificationChannel.EMAIL)
    guess = "\x1f".join((EVENT_ID, str(recipient), NotificationChannel.EMAIL.value))

    assert public != "dlv_" + hashlib.sha256(guess.encode()).hexdigest()[:32]
    assert public != DeliveryIds(b"x" * 32).of(EVENT_ID, recipient, NotificationChannel.EMAIL)


def test_backoff_doubles_up_to_the_cap() -> None:
    ceilings = [POLICY.delay(n, jitter=1.0) for n in range(1, 8)]
    assert [d.total_seconds() for d in ceilings] == [30, 60, 120, 240, 480, 600, 600]


@pytest.mark.parametrize("jitter", [0.0, 0.37, 0.99])
def test_jitter_keeps_the_delay_between_half_and_all_of_the_ceiling(jitter: float) -> None:
    delay = POLICY.delay(3, jitter).total_seconds()
    assert 60 <= delay <= 120


def test_a_temporary_failure_is_retried_later() -> None:
    after, events = queued().attempt_failed(SendFailure("SMTP 451", True), NOW, POLICY, 0.5)
    assert after.status is DeliveryStatus.QUEUED
    assert after.attempts == 1
    assert after.next_attempt_at == NOW + timedelta(seconds=22.5)
    assert after.last_error == "SMTP 451"
    assert events == []


def test_the_last_allowed_attempt_fails_with_the_last_error() -> None:
    delivery = queued()
    for n in range(POLICY.max_attempts):
        delivery, events = delivery.attempt_failed(
            SendFailure(f"HTTP 500 #{n}", True), NOW, POLICY, 0
        )
    assert delivery.status is DeliveryStatus.FAILED
    assert delivery.last_error == "HTTP 500 #3"
    [failed] = events
    assert isinstance(failed, NotificationFailed)
    assert (failed.failure, failed.attempts) == (NotificationFailure.EXHAUSTED, 4)


def test_a_permanent_refusal_fails_at_once() -> None:
    after, [event] = queued().attempt_failed(SendFailure("SMTP 550", False), NOW, POLICY, 0)
    assert after.status is DeliveryStatus.FAILED
    assert isinstance(event, NotificationFailed)
    assert event.failure is NotificationFailure.REJECTED


def test_delivered_announces_the_subscriber_but_never_the_address() -> None:
    done, [event] = queued().delivered(NOW)
    assert done.status is DeliveryStatus.SENT
    assert isinstance(event, NotificationDelivered)
    assert event.subscriber_id == "sub_bao_quang_ngai"
    assert "@" not in event.model_dump_json()


def test_an_abandoned_claim_is_given_up_in_doubt_not_resent() -> None:
    after, [event] = queued().in_doubt(NOW)
    assert after.status is DeliveryStatus.FAILED
    assert isinstance(event, NotificationFailed)
    assert event.failure is NotificationFailure.IN_DOUBT


def test_only_failed_deliveries_can_be_requeued() -> None:
    failed, _ = queued().in_doubt(NOW)
    assert failed.requeued(NOW).status is DeliveryStatus.QUEUED
    with pytest.raises(ValueError, match="only failed"):
        queued().requeued(NOW)


def test_rate_limits_hold_back_a_busy_recipient_or_domain() -> None:
    limits = RateLimits(per_recipient_per_hour=20, per_domain_per_minute=100)
    assert limits.wait(19, 99) == timedelta(0)
    assert limits.wait(20, 0) > timedelta(0)
    assert limits.wait(0, 100) > timedelta(0)

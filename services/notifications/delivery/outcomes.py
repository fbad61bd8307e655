"""Recording what became of a delivery: state and its public event in one transaction,
plus the counters and log lines ops read."""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from services.notifications.delivery.destinations import Destination
from services.notifications.domain.deliveries import (
    Delivery,
    RateLimits,
    RetryPolicy,
    SendFailure,
)
from services.notifications.metrics import DELIVERIES, DeliveryOutcome
from services.notifications.repository.deliveries import DeliveryRepository, SentTo
from shared.events.base import Event
from shared.events.notifications import NotificationChannel, NotificationFailure
from shared.logging import get_logger
from shared.outbox import Outbox, Tx

log = get_logger(__name__)


def sent_to(where: Destination, channel: NotificationChannel) -> SentTo:
    address = where.address.strip().lower()
    domain = (
        address.rpartition("@")[2]
        if channel is NotificationChannel.EMAIL
        else urlsplit(address).hostname or ""
    )
    return SentTo(hashlib.sha256(address.encode()).hexdigest()[:32], domain)


class Outcomes:
    def __init__(self, deliveries: DeliveryRepository, outbox: Outbox):
        self._deliveries = deliveries
        self._outbox = outbox

    async def claim(self, now: datetime, lease_until: datetime) -> Delivery | None:
        return await self._deliveries.claim_due(now, lease_until)

    async def settle_abandoned(self, now: datetime, limit: int) -> None:
        released = await self._deliveries.release_unstarted(now)
        if released:
            log.warning("notification_claims_released", count=released)
        for delivery in await self._deliveries.abandoned(now, limit):
            failed, events = delivery.in_doubt(now)
            if await self._record(failed, events, claimed_before=now):
                log.error("notification_in_doubt", delivery_id=delivery.delivery_id)
                DELIVERIES.labels(delivery.channel.value, DeliveryOutcome.FAILED.value).inc()

    async def send_started(self, delivery: Delivery, now: datetime) -> None:
        await self._deliveries.mark_send_started(delivery.delivery_id, now)

    async def delivered(self, delivery: Delivery, where: Destination, now: datetime) -> None:
        done, events = delivery.delivered(now)
        await self._record(done, events, sent_to=sent_to(where, delivery.channel))
        log.info("notification_sent", attempts=done.attempts, purpose=delivery.purpose.value)
        DELIVERIES.labels(delivery.channel.value, DeliveryOutcome.SENT.value).inc()

    async def failed(
        self,
        delivery: Delivery,
        failure: SendFailure,
        now: datetime,
        policy: RetryPolicy,
        jitter: float,
    ) -> None:
        after, events = delivery.attempt_failed(failure, now, policy, jitter)
        await self._record(after, events)
        outcome = DeliveryOutcome.FAILED if events else DeliveryOutcome.RETRIED
        log.warning(
            "notification_" + outcome.value,
            attempts=after.attempts,
            error=failure.message,
            next_attempt_at=after.next_attempt_at.isoformat(),
        )
        DELIVERIES.labels(delivery.channel.value, outcome.value).inc()

    async def no_address(self, delivery: Delivery, reason: str, now: datetime) -> None:
        failed, events = delivery.given_up(NotificationFailure.NO_ADDRESS, reason, now)
        await self._record(failed, events)
        log.warning("notification_failed", error=reason)
        DELIVERIES.labels(delivery.channel.value, DeliveryOutcome.FAILED.value).inc()

    async def defer(self, delivery: Delivery, until: datetime, reason: str) -> None:
        await self._deliveries.record(delivery.deferred(until, reason))
        log.info("notification_deferred", reason=reason, until=until.isoformat())
        DELIVERIES.labels(delivery.channel.value, DeliveryOutcome.DEFERRED.value).inc()

    async def cancel(self, delivery: Delivery, reason: str) -> None:
        await self._deliveries.record(delivery.cancelled(reason))
        log.info("notification_cancelled", reason=reason)
        DELIVERIES.labels(delivery.channel.value, DeliveryOutcome.CANCELLED.value).inc()

    async def rate_wait(
        self, delivery: Delivery, where: Destination, now: datetime, limits: RateLimits
    ) -> timedelta:
        keys = sent_to(where, delivery.channel)
        per_recipient = await self._deliveries.sent_since(
            "recipient_key", keys.recipient_key, now - timedelta(hours=1)
        )
        per_domain = await self._deliveries.sent_since(
            "domain", keys.domain, now - timedelta(minutes=1)
        )
        return limits.wait(per_recipient, per_domain)

    async def _record(
        self,
        delivery: Delivery,
        events: list[Event],
        *,
        sent_to: SentTo | None = None,
        claimed_before: datetime | None = None,
    ) -> bool:
        async def work(tx: Tx) -> bool:
            saved = await self._deliveries.record(delivery, tx.session, sent_to, claimed_before)
            if saved:
                tx.emit(*events)
            return saved

        return await self._outbox.unit_of_work(work)

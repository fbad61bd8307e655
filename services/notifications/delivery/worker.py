"""The delivery worker: claim a due delivery → resolve → send → record the outcome.

Exactly one delivery per (event, recipient, channel): the intent is stored (unique id) before
anything is sent; a claim marks it `sending` with a lease, and `send_started_at` is written just
before the peer is contacted; the outcome and its public event are written in one transaction
after the peer answered. An expired claim that never started a send (the store failed first) is
queued again; one that did start (the process died between the peer's acceptance and that
write) is marked `failed` / `in_doubt` instead of being sent again (README: the remaining
window). A graceful stop lets the send in flight finish and be recorded.
"""

from __future__ import annotations

import asyncio
import random
from datetime import timedelta
from typing import Any

from services.notifications.delivery.destinations import Destination, Destinations, Gone, NotYet
from services.notifications.delivery.outcomes import Outcomes
from services.notifications.delivery.senders import Senders
from services.notifications.domain.deliveries import Delivery, Purpose, RateLimits, RetryPolicy
from services.notifications.domain.digests import DigestSchedule
from shared.clock import Clock
from shared.logging import bound


class DeliveryWorker:
    def __init__(
        self,
        destinations: Destinations,
        senders: Senders,
        outcomes: Outcomes,
        *,
        retry: RetryPolicy,
        limits: RateLimits,
        schedule: DigestSchedule,
        lease: timedelta,
        contact_wait: timedelta,
        batch_size: int,
        clock: Clock,
    ):
        self._destinations = destinations
        self._senders = senders
        self._outcomes = outcomes
        self._retry = retry
        self._limits = limits
        self._schedule = schedule
        self._lease = lease
        self._contact_wait = contact_wait
        self._batch_size = batch_size
        self._clock = clock

    async def run_once(self) -> int:
        """One pass: settle abandoned claims, then send up to one batch. Returns how many."""
        await self._outcomes.settle_abandoned(self._clock(), self._batch_size)
        handled = 0
        while handled < self._batch_size:
            now = self._clock()
            delivery = await self._outcomes.claim(now, now + self._lease)
            if delivery is None:
                break
            await _finish_even_if_cancelled(self._handle(delivery))
            handled += 1
        return handled

    async def _handle(self, delivery: Delivery) -> None:
        with bound(delivery_id=delivery.delivery_id, channel=delivery.channel.value):
            where = await self._destinations.resolve(delivery.recipient, delivery.purpose)
            if isinstance(where, Gone):
                await self._outcomes.cancel(delivery, where.reason)
            elif isinstance(where, NotYet):
                await self._wait(delivery, where.reason)
            else:
                await self._deliver(delivery.for_subscriber(where.subscriber_id), where)

    async def _deliver(self, delivery: Delivery, where: Destination) -> None:
        now = self._clock()
        if delivery.too_late(now):
            await self._outcomes.cancel(delivery, "too late: what it reminds of has begun")
            return
        if delivery.purpose is Purpose.DIGEST and self._schedule.in_quiet_hours(now):
            later = self._schedule.out_of_quiet_hours(now)
            await self._outcomes.defer(delivery, later, "quiet hours")
            return
        held = await self._outcomes.rate_wait(delivery, where, now, self._limits)
        if held:
            await self._outcomes.defer(delivery, now + held, "rate limit")
            return
        extra = await self._extra_facts(delivery)
        if isinstance(extra, NotYet):
            await self._wait(delivery, extra.reason)
            return
        await self._outcomes.send_started(delivery, self._clock())
        failure = await self._senders.send(delivery, where, extra)
        if failure is None:
            await self._outcomes.delivered(delivery, where, self._clock())
        else:
            jitter = random.random()  # noqa: S311 - spreads retries, not a secret
            await self._outcomes.failed(delivery, failure, self._clock(), self._retry, jitter)

    async def _extra_facts(self, delivery: Delivery) -> dict[str, Any] | NotYet:
        extra: dict[str, Any] = {}
        if delivery.named is not None:
            extra["counterpart_name"] = await self._destinations.name_of(delivery.named)
        if delivery.counterpart is None:
            return extra
        card = await self._destinations.counterpart(delivery.counterpart)
        return card if isinstance(card, NotYet) else extra | {"counterpart": card}

    async def _wait(self, delivery: Delivery, reason: str) -> None:
        now = self._clock()
        if now - delivery.created_at > self._contact_wait:
            await self._outcomes.no_address(delivery, reason, now)
        else:
            await self._outcomes.defer(delivery, now + self._retry.delay(1, 1.0), reason)


async def _finish_even_if_cancelled(work: Any) -> None:
    """A stop request must not cut a send between the peer's answer and its record."""
    task = asyncio.ensure_future(work)
    try:
        await asyncio.shield(task)
    except asyncio.CancelledError:
        await task
        raise

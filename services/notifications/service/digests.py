"""The digest job: for each subscriber whose digest is due, the period's notices that pass its
filters, as one queued delivery (none when the period was empty), and the next due time."""

from __future__ import annotations

from datetime import datetime

from services.notifications.domain.deliveries import Delivery, DeliveryIds, Purpose
from services.notifications.domain.digests import Digest, DigestSchedule, assemble, digest_key
from services.notifications.domain.recipients import subscription
from services.notifications.domain.subscriptions import Subscription
from services.notifications.metrics import QUEUED
from services.notifications.service.ports import Stores, Transactions
from shared.clock import Clock
from shared.logging import get_logger
from shared.outbox import Tx

log = get_logger(__name__)


class Digests:
    def __init__(
        self,
        repositories: Stores,
        outbox: Transactions,
        schedule: DigestSchedule,
        clock: Clock,
        ids: DeliveryIds,
    ):
        self._repos = repositories
        self._outbox = outbox
        self._schedule = schedule
        self._clock = clock
        self._ids = ids

    async def run_due(self) -> int:
        now = self._clock()
        due = await self._repos.subscriptions.digests_due(now)
        for subscriber in due:
            await self._digest_for(subscriber, now)
        return len(due)

    async def _digest_for(self, subscriber: Subscription, now: datetime) -> None:
        was_due = subscriber.digest_due_at
        assert was_due is not None  # digests_due() only returns scheduled subscriptions
        start, end = self._schedule.period(subscriber.frequency, was_due)
        notices = await self._repos.notices.between(start, end)
        digest = assemble(
            filter(subscriber.filters.admits, notices), subscriber.frequency, start, end
        )
        next_due = self._schedule.next_due(subscriber.frequency, max(now, was_due))

        async def work(tx: Tx) -> None:
            moved = await self._repos.subscriptions.move_digest_due(
                subscriber.subscription_id, was_due, next_due, tx.session
            )
            if moved and not digest.empty:
                await self._repos.deliveries.queue(
                    self._delivery(subscriber, digest, now), tx.session
                )
                QUEUED.labels(subscriber.channel.value, Purpose.DIGEST.value).inc()

        await self._outbox.unit_of_work(work)
        log.info(
            "digest_assembled",
            subscription_id=subscriber.subscription_id,
            empty=digest.empty,
            next_due=next_due.isoformat(),
        )

    def _delivery(self, subscriber: Subscription, digest: Digest, now: datetime) -> Delivery:
        recipient = subscription(subscriber.subscription_id)
        source = digest_key(digest.frequency, digest.period_end, self._schedule.zone)
        queued = Delivery.queued(
            self._ids,
            (source, f"stx.digest.{digest.frequency.value}"),
            recipient,
            subscriber.channel,
            Purpose.DIGEST,
            "digest",
            digest.model_dump(mode="json"),
            now,
        )
        return queued.model_copy(update={"next_attempt_at": self._schedule.out_of_quiet_hours(now)})

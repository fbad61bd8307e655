"""Use case: an organisation that becomes known after a message to its kind went out still
receives it while it is open (an association registered after an award programme opened
hears of it until nominations close). The delivery id is the original's: an organisation
that already received it receives nothing more."""

from __future__ import annotations

from services.notifications.domain.deliveries import Delivery, DeliveryIds, Purpose
from services.notifications.domain.recipients import organization
from services.notifications.metrics import QUEUED
from services.notifications.service.ports import Stores
from shared.clock import Clock
from shared.events.notifications import NotificationChannel
from shared.events.organizations import OrganizationProfile
from shared.outbox import Tx


class Outreach:
    def __init__(self, repositories: Stores, clock: Clock, ids: DeliveryIds):
        self._repos = repositories
        self._clock = clock
        self._ids = ids

    async def joined(self, profile: OrganizationProfile, tx: Tx) -> None:
        now = self._clock()
        recipient = organization(profile.organization_id)
        channel = NotificationChannel.EMAIL
        for message in await self._repos.standing.open_for(profile.kind.value, now):
            delivery = Delivery.queued(
                self._ids,
                (message.source_event_id, message.source_event_type),
                recipient,
                channel,
                Purpose.TARGETED,
                message.template,
                message.facts | {"role": message.audience},
                now,
            )
            await self._repos.deliveries.queue(delivery, tx.session)
            QUEUED.labels(channel.value, Purpose.TARGETED.value).inc()

"""Intake: what each consumed event leaves behind, inside the consumer's transaction.

Public notices (stored for digests and feeds, queued for instant subscribers), targeted
messages for the parties concerned, and the private address book. Only *intents* are written
here; the delivery worker sends them.
"""

from __future__ import annotations

from typing import Any

from services.notifications.domain.cloudevents import cloudevent_of
from services.notifications.domain.deliveries import Delivery, DeliveryIds, Purpose
from services.notifications.domain.messages import Party, StandingMessage, TargetedMessage
from services.notifications.domain.notices import Notice, NoticeKind, notice_of
from services.notifications.domain.recipients import RecipientRef, organization, subscription
from services.notifications.domain.subscriptions import Subscription
from services.notifications.domain.targeted import TARGETED
from services.notifications.metrics import QUEUED
from services.notifications.service.ports import Stores
from services.notifications.service.reminders import Reminders
from services.notifications.service.titles import listing_titles
from shared.clock import Clock
from shared.consuming import Handling
from shared.events.base import Event
from shared.events.notifications import NotificationChannel
from shared.outbox import Tx


class Intake:
    def __init__(self, repositories: Stores, clock: Clock, ids: DeliveryIds, reminders: Reminders):
        self._repos = repositories
        self._clock = clock
        self._ids = ids
        self._reminders = reminders

    async def record(self, h: Handling[Event]) -> None:
        """A public event may make a notice, a targeted message, a reminder, or all three."""
        await self._record_notice(h)
        facts = await self._record_targeted(h)
        await self._reminders.plan(h, facts)

    async def _record_notice(self, h: Handling[Event]) -> None:
        notice = notice_of(h.event, h.envelope.id, h.envelope.time)
        if notice is None:
            return
        notice = await self._with_title(notice)
        await self._repos.notices.add(notice, h.tx.session)
        for subscriber in await self._repos.subscriptions.instant():
            if subscriber.wants_now(notice):
                await self._queue(h.tx, self._alert(h, notice, subscriber))

    async def _record_targeted(self, h: Handling[Event]) -> dict[str, Any] | None:
        """Queue the targeted message of the event, if any; its facts (for reminders)."""
        message = TARGETED.get(h.event.ce_type)
        if message is None:
            return None
        titles = await listing_titles(self._repos.notices, message.listings(h.event))
        facts = message.facts(h.event) | {"listing_titles": titles}
        if message.revised is not None:
            subject = message.revised(h.event)
            facts["sequence"] = await self._repos.revisions.next(subject, h.tx.session)
        for party in [*message.parties(h.event), *await self._audience(message)]:
            await self._queue(h.tx, self._targeted(h, message, party, facts))
        if message.audience is not None and message.open_until is not None:
            standing = StandingMessage(
                source_event_id=h.envelope.id,
                source_event_type=h.envelope.type,
                template=message.template,
                audience=message.audience.value,
                facts=facts,
                until=message.open_until(facts),
            )
            await self._repos.standing.add(standing, h.tx.session)
        return facts

    async def _audience(self, message: TargetedMessage) -> list[Party]:
        """Organisations of the message's audience kind known when the event is consumed."""
        if message.audience is None:
            return []
        members = await self._repos.address_book.of_kind(message.audience.value)
        return [Party(organization(member), message.audience.value) for member in members]

    async def _with_title(self, notice: Notice) -> Notice:
        """A deal is announced under its offer's public title; an event cancelled or closed
        under the title it was announced with."""
        if notice.title or notice.kind not in (NoticeKind.DEAL, NoticeKind.EVENT):
            return notice
        if notice.kind is NoticeKind.DEAL:
            titles = await self._repos.notices.titles(notice.listing_ids[:1])
            return notice.model_copy(update={"title": titles.get(notice.listing_ids[0], "")})
        titles = await self._repos.notices.titles([notice.subject_id], [NoticeKind.EVENT])
        return notice.model_copy(update={"title": titles.get(notice.subject_id, "")})

    def _alert(self, h: Handling[Event], notice: Notice, subscriber: Subscription) -> Delivery:
        recipient = subscription(subscriber.subscription_id)
        context: dict[str, Any] = (
            {"cloudevent": cloudevent_of(h.envelope)}
            if subscriber.channel is NotificationChannel.WEBHOOK
            else notice.context()
        )
        return self._intent(h, recipient, subscriber.channel, Purpose.ALERT, "alert", context)

    def _targeted(
        self, h: Handling[Event], message: TargetedMessage, party: Party, facts: dict[str, Any]
    ) -> Delivery:
        intent = self._intent(
            h,
            party.recipient,
            NotificationChannel.EMAIL,
            Purpose.TARGETED,
            message.template,
            facts | {"role": party.role},
        )
        return intent.model_copy(update={"counterpart": party.counterpart, "named": party.named})

    def _intent(
        self,
        h: Handling[Event],
        recipient: RecipientRef,
        channel: NotificationChannel,
        purpose: Purpose,
        template: str,
        context: dict[str, Any],
    ) -> Delivery:
        source = (h.envelope.id, h.envelope.type)
        return Delivery.queued(
            self._ids, source, recipient, channel, purpose, template, context, self._clock()
        )

    async def _queue(self, tx: Tx, delivery: Delivery) -> None:
        await self._repos.deliveries.queue(delivery, tx.session)
        QUEUED.labels(delivery.channel.value, delivery.purpose.value).inc()

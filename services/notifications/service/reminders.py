"""Use cases of reminders: plan them from consumed events (in the consumer's transaction, so a
redelivered record changes nothing), and the sweep that queues those due.

The sweep runs on every replica (`runtime.every`): for each due reminder it moves the due
instant and queues the deliveries in one transaction, only if the instant is still the one it
read; the delivery ids come from the reminder and that instant, so a second sweep, replica or
restart queues nothing more.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from services.notifications.domain.deliveries import Delivery, DeliveryIds, Purpose
from services.notifications.domain.digests import DigestSchedule
from services.notifications.domain.recipients import organization
from services.notifications.domain.reminder_rules import (
    REMINDER_RULES,
    Closing,
    Exclusion,
    ReminderPolicy,
    SectorKnown,
)
from services.notifications.domain.reminders import Reminder, ReminderParty, revised, sweep_step
from services.notifications.metrics import QUEUED
from services.notifications.service.ports import Session, Stores, Transactions
from services.notifications.service.titles import listing_titles
from shared.clock import Clock
from shared.consuming import Handling
from shared.events.base import Event
from shared.events.notifications import NotificationChannel
from shared.logging import get_logger
from shared.outbox import Tx

log = get_logger(__name__)


class Reminders:
    def __init__(
        self,
        repositories: Stores,
        outbox: Transactions,
        policy: ReminderPolicy,
        quiet: DigestSchedule,
        clock: Clock,
        ids: DeliveryIds,
    ):
        self._repos = repositories
        self._outbox = outbox
        self._policy = policy
        self._quiet = quiet
        self._clock = clock
        self._ids = ids

    async def plan(self, h: Handling[Event], facts: Mapping[str, Any] | None) -> None:
        """What the event does to the reminders; `facts`: those of the message it queued."""
        rule = REMINDER_RULES.get(h.event.ce_type)
        if rule is None:
            return
        plan = rule(h.event, h.envelope.time, facts, self._policy)
        if plan is None:
            return
        session = h.tx.session
        if isinstance(plan, SectorKnown):
            await self._repos.address_book.record_sector(plan.organization_id, plan.sector, session)
        elif isinstance(plan, Exclusion):
            await self._repos.reminders.exclude(plan.reminder_id, plan.organization_id, session)
        elif isinstance(plan, Closing):
            await self._close(plan, session)
        else:
            await self._replace(await self._with_titles(plan), session)

    async def _replace(self, plan: Reminder, session: Session) -> None:
        current = await self._repos.reminders.get(plan.reminder_id, session)
        kept = revised(current, plan)
        if kept is not None:
            await self._repos.reminders.save(kept, session)

    async def _close(self, closing: Closing, session: Session) -> None:
        current = await self._repos.reminders.get(closing.reminder_id, session)
        if current is not None and not current.closed and closing.version > current.version:
            await self._repos.reminders.save(current.closed_by(closing.version), session)

    async def _with_titles(self, plan: Reminder) -> Reminder:
        """An introduction's reminder names its listings by their public titles."""
        if "listing_titles" in plan.facts or "offer_id" not in plan.facts:
            return plan
        listings = (plan.facts["offer_id"], plan.facts["demand_id"])
        titles = await listing_titles(self._repos.notices, listings)
        return plan.model_copy(update={"facts": plan.facts | {"listing_titles": titles}})

    async def run_due(self) -> int:
        """The sweep: queue every reminder due now. Returns how many were due."""
        now = self._clock()
        due = await self._repos.reminders.due(now)
        for reminder in due:
            await self._send(reminder, now)
        return len(due)

    async def _send(self, reminder: Reminder, now: datetime) -> None:
        was_due = reminder.due_at
        assert was_due is not None  # due() returns pending reminders only
        step = sweep_step(reminder, now, self._quiet)
        parties = await self._recipients(reminder) if step.send_at else []

        async def work(tx: Tx) -> None:
            moved = await self._repos.reminders.advance(reminder, step.next_due, tx.session)
            if not moved or step.send_at is None:
                return
            for party in parties:
                await self._queue(reminder, was_due, party, step.send_at, tx)

        await self._outbox.unit_of_work(work)
        log.info(
            "reminder_swept",
            reminder_id=reminder.reminder_id,
            sent=step.send_at is not None,
            recipients=len(parties),
        )

    async def _recipients(self, reminder: Reminder) -> list[ReminderParty]:
        """Its parties, or the audience as known now (a kind, or sectors), but the excluded."""
        book = self._repos.address_book
        if reminder.audience is not None:
            members, role = await book.of_kind(reminder.audience), reminder.audience
        elif reminder.sectors:
            members, role = await book.in_sectors(reminder.sectors), "sector"
        else:
            return reminder.parties
        return [
            ReminderParty(recipient=organization(member), role=role)
            for member in members
            if member not in reminder.excluded
        ]

    async def _queue(
        self, reminder: Reminder, due_at: datetime, party: ReminderParty, at: datetime, tx: Tx
    ) -> None:
        channel = NotificationChannel.EMAIL
        queued = Delivery.queued(
            self._ids,
            (reminder.source_key(due_at), reminder.source_type),
            party.recipient,
            channel,
            Purpose.TARGETED,
            reminder.template,
            reminder.facts | {"role": party.role},
            self._clock(),
        )
        delivery = queued.model_copy(
            update={"named": party.named, "next_attempt_at": at, "send_before": reminder.until}
        )
        await self._repos.deliveries.queue(delivery, tx.session)
        QUEUED.labels(channel.value, Purpose.TARGETED.value).inc()

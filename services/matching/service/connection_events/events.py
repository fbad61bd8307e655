"""A broker announces, updates, cancels and closes connection events."""

from __future__ import annotations

from typing import Any

from services.matching.domain.connection_events import event as rules
from services.matching.domain.connection_events.event import ConnectionEvent, EventPlan
from services.matching.domain.connection_events.meetings import cancel_all
from services.matching.domain.connection_events.outcomes import summarise
from services.matching.domain.connection_events.registrations import RegistrationStatus
from services.matching.service.connection_events.common import Ports, new_id
from services.matching.service.connection_events.registrations import promote_waiting
from shared.logging import get_logger
from shared.outbox import Tx

log = get_logger(__name__)
EVENT_PREFIX = "cev_"


class ConnectionEvents:
    def __init__(self, ports: Ports) -> None:
        self._ports = ports
        self._repos = ports.repos

    async def announce(self, plan: EventPlan) -> ConnectionEvent:
        async def work(tx: Tx) -> ConnectionEvent:
            event, announced = rules.announce(new_id(EVENT_PREFIX), plan, self._ports.clock())
            await self._repos.connection_events.save(event, tx.session)
            tx.emit(announced)
            log.info("connection_event_announced", event_id=event.event_id, kind=plan.kind)
            return event

        return await self._ports.outbox.unit_of_work(work)

    async def update(self, event_id: str, changes: dict[str, Any]) -> ConnectionEvent:
        """A larger capacity moves waiting participants up in the same transaction."""

        async def work(tx: Tx) -> ConnectionEvent:
            event, updated = rules.update(await self._ports.event(event_id, tx), changes)
            await self._repos.connection_events.save(event, tx.session)
            tx.emit(updated)
            await promote_waiting(self._repos, event, tx)
            return event

        return await self._ports.outbox.unit_of_work(work)

    async def cancel(self, event_id: str, reason: str) -> ConnectionEvent:
        async def work(tx: Tx) -> ConnectionEvent:
            event, cancelled = rules.cancel(await self._ports.event(event_id, tx), reason)
            await self._repos.connection_events.save(event, tx.session)
            meetings = await self._repos.meetings.of_event(event_id, session=tx.session)
            dropped, events = cancel_all(meetings, "event_cancelled")
            await self._repos.meetings.save_all(dropped, tx.session)
            tx.emit(cancelled, *events)
            return event

        return await self._ports.outbox.unit_of_work(work)

    async def close(self, event_id: str, mous_signed: int) -> ConnectionEvent:
        async def work(tx: Tx) -> ConnectionEvent:
            event = await self._ports.event(event_id, tx)
            seated = await self._repos.connection_events.registrations(
                event_id, RegistrationStatus.REGISTERED, tx.session
            )
            meetings = await self._repos.meetings.of_event(event_id, session=tx.session)
            summary = summarise(len(seated), meetings, mous_signed)
            closed, event_closed = rules.close(event, summary, self._ports.clock())
            await self._repos.connection_events.save(closed, tx.session)
            tx.emit(event_closed)
            return closed

        return await self._ports.outbox.unit_of_work(work)

    async def view(self, event_id: str) -> ConnectionEvent:
        return await self._ports.event(event_id)

    async def all(self) -> list[ConnectionEvent]:
        return await self._repos.connection_events.find()

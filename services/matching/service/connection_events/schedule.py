"""The broker generates the B2B schedule (and re-runs it, keeping pins); pins and swaps;
each participant's meetings as a list and as an iCalendar file."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from services.matching.domain.connection_events import event as event_rules
from services.matching.domain.connection_events.event import ConnectionEvent
from services.matching.domain.connection_events.meetings import (
    BookedMeeting,
    candidates,
    problem_of,
    reconcile,
)
from services.matching.domain.connection_events.registrations import (
    Registration,
    RegistrationStatus,
)
from services.matching.domain.connection_events.requests import RequestStatus
from services.matching.domain.errors import NotAllowedError, NotFoundError
from services.matching.scheduling import Schedule, SolverOptions, solve, swapped
from services.matching.scheduling.ical import participant_calendar
from services.matching.service.connection_events.common import Ports, check_broker_or
from shared.auth import Principal, Role
from shared.logging import get_logger
from shared.outbox import Tx

log = get_logger(__name__)


@dataclass(frozen=True)
class ScheduleRun:
    event: ConnectionEvent
    meetings: list[BookedMeeting]
    schedule: Schedule


class Schedules:
    def __init__(self, ports: Ports, options: SolverOptions) -> None:
        self._ports = ports
        self._repos = ports.repos
        self._options = options

    async def generate(self, event_id: str) -> ScheduleRun:
        async def work(tx: Tx) -> ScheduleRun:
            event = await self._ports.event(event_id, tx)
            event.check_open()
            return await self._run(event, tx)

        return await self._ports.outbox.unit_of_work(work)

    async def pin(
        self, event_id: str, meeting_id: str, slot: int | None, table: int | None
    ) -> ScheduleRun:
        """Fix a meeting where it is, or at this slot and table, and re-run around it."""

        async def work(tx: Tx) -> ScheduleRun:
            event = await self._ports.event(event_id, tx)
            meeting = (await self._scheduled(event_id, [meeting_id], tx))[0]
            where = {"slot": meeting.slot if slot is None else slot}
            where["table"] = meeting.table if table is None else table
            pin = meeting.as_meeting().as_pin().model_copy(update=where)
            return await self._repin(event_rules.with_pins(event, (pin,)), tx)

        return await self._ports.outbox.unit_of_work(work)

    async def swap(self, event_id: str, first_id: str, second_id: str) -> ScheduleRun:
        """The two meetings exchange slot and table, both pinned there; the rest re-runs."""

        async def work(tx: Tx) -> ScheduleRun:
            event = await self._ports.event(event_id, tx)
            first, second = await self._scheduled(event_id, [first_id, second_id], tx)
            pins = swapped(first.as_meeting(), second.as_meeting())
            return await self._repin(event_rules.with_pins(event, pins), tx)

        return await self._ports.outbox.unit_of_work(work)

    async def _repin(self, event: ConnectionEvent, tx: Tx) -> ScheduleRun:
        await self._repos.connection_events.save(event, tx.session)
        return await self._run(event, tx)

    async def _run(self, event: ConnectionEvent, tx: Tx) -> ScheduleRun:
        seated = await self._repos.connection_events.registrations(
            event.event_id, RegistrationStatus.REGISTERED, tx.session
        )
        found = candidates(seated, await self._requested(event, tx), await self._scores(seated, tx))
        problem = problem_of(event, seated, found)
        schedule = await asyncio.to_thread(solve, problem, self._options)
        before = await self._repos.meetings.of_event(event.event_id, session=tx.session)
        saved, events = reconcile(event, before, schedule, found.listings)
        await self._repos.meetings.save_all(saved, tx.session)
        tx.emit(*events)
        log.info(
            "schedule_generated",
            event_id=event.event_id,
            meetings=len(schedule.meetings),
            status=schedule.status,
            bound_ratio=round(schedule.bound_ratio, 4),
        )
        return ScheduleRun(event, [m for m in saved if m.scheduled], schedule)

    async def _requested(self, event: ConnectionEvent, tx: Tx) -> set[frozenset[str]]:
        accepted = await self._repos.meeting_requests.of_event(
            event.event_id, [RequestStatus.ACCEPTED], tx.session
        )
        return {request.pair for request in accepted}

    async def _scores(self, seated: list[Registration], tx: Tx) -> dict[tuple[str, str], float]:
        offers = [o for r in seated for o in r.offer_ids]
        demands = [d for r in seated for d in r.demand_ids]
        return await self._repos.matches.scores_between(offers, demands, tx.session)

    async def _scheduled(
        self, event_id: str, meeting_ids: list[str], tx: Tx
    ) -> list[BookedMeeting]:
        meetings = {
            m.meeting_id: m
            for m in await self._repos.meetings.of_event(event_id, session=tx.session)
        }
        for meeting_id in meeting_ids:
            if meeting_id not in meetings or not meetings[meeting_id].scheduled:
                raise NotFoundError("meeting_id", f"no scheduled meeting {meeting_id} here")
        return [meetings[meeting_id] for meeting_id in meeting_ids]

    async def meetings_of(
        self, event_id: str, principal: Principal, organization_id: str | None
    ) -> list[BookedMeeting]:
        """Brokers see every meeting; a participant its own."""
        if organization_id is not None:
            check_broker_or(principal, organization_id)
        elif not principal.has(Role.broker):
            raise NotAllowedError("organization_id", "say whose meetings: your organisation's")
        await self._ports.event(event_id)
        found = await self._repos.meetings.of_event(event_id, organization_id)
        return [m for m in found if m.scheduled]

    async def calendar(self, event_id: str, organization_id: str, principal: Principal) -> bytes:
        meetings = await self.meetings_of(event_id, principal, organization_id)
        event = await self._ports.event(event_id)
        names = await self._names(event_id)
        plan = event.plan
        return participant_calendar(
            plan.title,
            event_id,
            [m.as_meeting() for m in meetings],
            event.slot_starts(),
            plan.slot_minutes,
            plan.venue or plan.online_url or "",
            names,
            participant_id=organization_id,
            stamp=self._ports.clock(),
        )

    async def _names(self, event_id: str) -> dict[str, str]:
        """Participants' names as their listings show them."""
        registrations = await self._repos.connection_events.registrations(event_id)
        ids = [listing_id for r in registrations for listing_id in r.listing_ids]
        listings = await self._repos.listings.get_many(ids)
        names: dict[str, str] = {}
        for listing in listings.values():
            snapshot = listing.snapshot
            if snapshot is not None and snapshot.owner_organization_id and snapshot.owner_name:
                names.setdefault(snapshot.owner_organization_id, snapshot.owner_name)
        return names

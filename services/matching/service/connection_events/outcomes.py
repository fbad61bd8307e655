"""Outcomes of the meetings, recorded by either participant or a broker; "follow-up wanted"
on both sides opens an introduction through the introductions' own use case."""

from __future__ import annotations

from datetime import timedelta

from services.matching.domain.connection_events import outcomes as rules
from services.matching.domain.connection_events.meetings import BookedMeeting
from services.matching.domain.errors import ConflictError, NotAllowedError, NotFoundError
from services.matching.domain.ids import match_id_of
from services.matching.service.connection_events.common import Ports
from services.matching.service.introductions import Introductions
from shared.auth import Principal, Role
from shared.events.connection_events import MeetingOutcome
from shared.events.listings import ListingSnapshot
from shared.logging import get_logger
from shared.outbox import Tx

log = get_logger(__name__)


def side_of(principal: Principal, meeting: BookedMeeting, organization_id: str | None) -> str:
    """A participant records its own side; a broker names the side it records for."""
    if principal.has(Role.broker) and organization_id is not None:
        return organization_id
    if principal.has(Role.org) and principal.organization_id in meeting.sides():
        if organization_id not in (None, principal.organization_id):
            raise NotAllowedError("body.organization_id", "record your own side only")
        return principal.organization_id
    if principal.has(Role.broker):
        raise NotAllowedError("body.organization_id", "brokers name the side they record for")
    raise NotAllowedError("meeting", "only the two participants and brokers record outcomes")


class Outcomes:
    def __init__(self, ports: Ports, introductions: Introductions, ttl: timedelta) -> None:
        self._ports = ports
        self._repos = ports.repos
        self._introductions = introductions
        self._ttl = ttl

    async def record(
        self,
        event_id: str,
        meeting_id: str,
        principal: Principal,
        outcome: MeetingOutcome,
        organization_id: str | None = None,
    ) -> BookedMeeting:
        async def work(tx: Tx) -> BookedMeeting:
            event = await self._ports.event(event_id, tx)
            meeting = await self._repos.meetings.get(meeting_id, tx.session)
            if meeting is None or meeting.event_id != event_id:
                raise NotFoundError("meeting_id", f"no meeting {meeting_id} at this event")
            side = side_of(principal, meeting, organization_id)
            recorded, event_recorded = rules.record_outcome(
                event, meeting, side, outcome, principal.has(Role.broker), self._ports.clock()
            )
            tx.emit(event_recorded)
            if rules.wants_introduction(recorded):
                recorded = await self._introduce(recorded, principal.subject, tx)
            await self._repos.meetings.save(recorded, tx.session)
            return recorded

        return await self._ports.outbox.unit_of_work(work)

    async def _introduce(self, meeting: BookedMeeting, by: str, tx: Tx) -> BookedMeeting:
        match_id = match_id_of(meeting.offer_id, meeting.demand_id)
        match = await self._repos.matches.get(match_id, tx.session)
        accepted, events = rules.follow_up(
            match, meeting, await self._listings(meeting, tx), by, self._ports.clock(), self._ttl
        )
        if accepted is None:
            log.info("follow_up_without_introduction", meeting_id=meeting.meeting_id)
            return meeting
        if match is None:
            await self._repos.matches.create(accepted, tx.session)
        else:
            await self._repos.matches.save(accepted, tx.session)
        tx.emit(*events)
        introduction = await self._introductions.open(accepted, by, tx)
        return meeting.model_copy(update={"introduction_id": introduction.introduction_id})

    async def _listings(
        self, meeting: BookedMeeting, tx: Tx
    ) -> tuple[ListingSnapshot, ListingSnapshot]:
        found = await self._repos.listings.get_many(
            [meeting.offer_id, meeting.demand_id], tx.session
        )
        offer, demand = (found.get(i) for i in (meeting.offer_id, meeting.demand_id))
        if offer is None or offer.snapshot is None or demand is None or demand.snapshot is None:
            raise ConflictError("meeting.listings", "the meeting's listings are not known")
        return offer.snapshot, demand.snapshot

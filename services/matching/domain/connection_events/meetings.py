"""The B2B meetings of an event: the scheduling problem built from registrations, accepted
requests and match scores, and each (re-)run of the solver turned into meeting events.

Candidate pairs: a seeker and a supplier whose listings have a match score (the best pair of
listings counts), or who accepted a meeting request (scored 0 when nothing matched).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from services.matching.domain.connection_events.event import ConnectionEvent
from services.matching.domain.connection_events.registrations import Registration
from services.matching.domain.errors import RuleBrokenError
from services.matching.scheduling import CandidatePair, Meeting, Problem, Schedule
from shared.events.base import Event
from shared.events.connection_events import (
    MeetingCancelled,
    MeetingOutcome,
    MeetingRescheduled,
    MeetingScheduled,
)

MEETING_PREFIX = "mtg_"
Scores = Mapping[tuple[str, str], float]
"""(offer id, demand id) → match score."""


class MeetingStatus(StrEnum):
    SCHEDULED = "scheduled"
    CANCELLED = "cancelled"


@dataclass(frozen=True)
class ListingPair:
    offer_id: str
    demand_id: str
    score: float | None


class BookedMeeting(BaseModel):
    """A meeting on the schedule, with the listings it is about and each side's outcome."""

    model_config = ConfigDict(frozen=True)

    meeting_id: str
    event_id: str
    seeker_id: str
    supplier_id: str
    slot: int
    table: int
    score: float
    requested: bool
    pinned: bool
    offer_id: str
    demand_id: str
    status: MeetingStatus = MeetingStatus.SCHEDULED
    outcomes: dict[str, MeetingOutcome] = {}
    """Organisation id → the outcome recorded for that side."""
    introduction_id: str | None = None

    @property
    def scheduled(self) -> bool:
        return self.status == MeetingStatus.SCHEDULED

    def sides(self) -> tuple[str, str]:
        return (self.seeker_id, self.supplier_id)

    def as_meeting(self) -> Meeting:
        return Meeting.model_validate(self.model_dump(include=set(Meeting.model_fields)))

    def common(self) -> dict[str, Any]:
        return {
            "meeting_id": self.meeting_id,
            "event_id": self.event_id,
            "seeker_organization_id": self.seeker_id,
            "supplier_organization_id": self.supplier_id,
        }


def meeting_id_of(event_id: str, a: str, b: str) -> str:
    """The same two participants of one event always share one meeting id, whoever seeks."""
    first, second = sorted((a, b))
    return MEETING_PREFIX + hashlib.sha256(f"{event_id}|{first}|{second}".encode()).hexdigest()[:16]


def best_listing_pair(seeker: Registration, supplier: Registration, scores: Scores) -> ListingPair:
    """The supplier's offer and the seeker's demand that match best (the first ones if none)."""
    scored = [
        ListingPair(o, d, scores[o, d])
        for o in supplier.offer_ids
        for d in seeker.demand_ids
        if (o, d) in scores
    ]
    if not scored:
        return ListingPair(supplier.offer_ids[0], seeker.demand_ids[0], None)
    return max(scored, key=lambda p: p.score or 0.0)


@dataclass(frozen=True)
class Candidates:
    pairs: tuple[CandidatePair, ...]
    listings: dict[frozenset[str], ListingPair]


def _orientations(seated: Sequence[Registration]) -> Iterable[tuple[Registration, Registration]]:
    for seeker in seated:
        for supplier in seated:
            if seeker is not supplier and seeker.demand_ids and supplier.offer_ids:
                yield seeker, supplier


def candidates(
    seated: Sequence[Registration], requested: set[frozenset[str]], scores: Scores
) -> Candidates:
    """One candidate pair per two participants, oriented the way that scores best."""
    best: dict[frozenset[str], tuple[CandidatePair, ListingPair]] = {}
    for seeker, supplier in _orientations(seated):
        key = frozenset((seeker.organization_id, supplier.organization_id))
        listing = best_listing_pair(seeker, supplier, scores)
        if listing.score is None and key not in requested:
            continue
        pair = CandidatePair(
            seeker_id=seeker.organization_id,
            supplier_id=supplier.organization_id,
            score=min(max(listing.score or 0.0, 0.0), 1.0),
            requested=key in requested,
        )
        if key not in best or pair.score > best[key][0].score:
            best[key] = (pair, listing)
    return Candidates(
        pairs=tuple(pair for pair, _ in best.values()),
        listings={key: listing for key, (_, listing) in best.items()},
    )


def problem_of(
    event: ConnectionEvent, seated: Sequence[Registration], found: Candidates
) -> Problem:
    """The solver's input; pins of participants who left are dropped, others must still fit."""
    present = {r.organization_id for r in seated}
    pins = tuple(pin for pin in event.pins if set(pin.key) <= present)
    try:
        return Problem(
            slots=event.plan.slot_count,
            tables=event.plan.tables,
            participants=tuple(r.as_participant() for r in seated),
            pairs=found.pairs,
            pins=pins,
        )
    except ValidationError as invalid:
        raise RuleBrokenError("pins", invalid.errors()[0]["msg"]) from invalid


def _placed(event: ConnectionEvent, meeting: BookedMeeting) -> dict[str, Any]:
    start = event.slot_start(meeting.slot)
    return {
        **meeting.common(),
        **meeting.model_dump(
            include={"slot", "table", "score", "requested", "pinned", "offer_id", "demand_id"}
        ),
        "starts_at": start,
        "ends_at": start + timedelta(minutes=event.plan.slot_minutes),
    }


def _booked(event: ConnectionEvent, meeting: Meeting, listing: ListingPair) -> BookedMeeting:
    return BookedMeeting(
        meeting_id=meeting_id_of(event.event_id, *meeting.key),
        event_id=event.event_id,
        **meeting.model_dump(),
        offer_id=listing.offer_id,
        demand_id=listing.demand_id,
    )


def reconcile(
    event: ConnectionEvent,
    before: Sequence[BookedMeeting],
    schedule: Schedule,
    listings: Mapping[frozenset[str], ListingPair],
) -> tuple[list[BookedMeeting], list[Event]]:
    """Meetings to save and their events: new → scheduled, moved → rescheduled, dropped →
    cancelled; a meeting that stays where it was publishes nothing."""
    old = {m.meeting_id: m for m in before if m.scheduled}
    saved: list[BookedMeeting] = []
    events: list[Event] = []
    for meeting in schedule.meetings:
        booked = _booked(event, meeting, listings[frozenset(meeting.key)])
        previous = old.pop(booked.meeting_id, None)
        if previous is not None:
            booked = booked.model_copy(update={"outcomes": previous.outcomes})
            if (previous.slot, previous.table) == (booked.slot, booked.table):
                saved.append(booked)
                continue
            moved = {"previous_slot": previous.slot, "previous_table": previous.table}
            events.append(MeetingRescheduled(**_placed(event, booked), **moved))
        else:
            events.append(MeetingScheduled(**_placed(event, booked)))
        saved.append(booked)
    dropped, cancelled = cancel_all(list(old.values()), "rescheduled_out")
    return saved + dropped, events + cancelled


def cancel_all(
    meetings: Sequence[BookedMeeting], reason: str
) -> tuple[list[BookedMeeting], list[Event]]:
    """Cancel the scheduled meetings among these (a participant or the event left)."""
    live = [m for m in meetings if m.scheduled]
    cancelled = [m.model_copy(update={"status": MeetingStatus.CANCELLED}) for m in live]
    return cancelled, [MeetingCancelled(**m.common(), reason=reason) for m in live]

"""After the meetings: each side's outcome, the follow-up rule, and the closing figures.

"Follow-up wanted" by both sides opens an introduction: the two sides' wish counts as both
answering "interested" to the proposal of the meeting's listings (proposed by the broker
first when the engine never did), so the introduction opens exactly as after a proposal.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from services.matching.domain import matches
from services.matching.domain.connection_events.event import ConnectionEvent
from services.matching.domain.connection_events.meetings import BookedMeeting
from services.matching.domain.errors import ConflictError, NotAllowedError
from services.matching.domain.matches import Answer, Match, MatchStatus, Scoring
from shared.events.base import Event
from shared.events.connection_events import (
    ConnectionEventSummary,
    MeetingOutcome,
    MeetingOutcomeRecorded,
)
from shared.events.listings import ListingSnapshot
from shared.events.matches import Explanation, ProposedBy
from shared.events.vocabulary import ListingKind

FOLLOW_UP_SENTENCE = "Hai bên muốn làm tiếp sau cuộc gặp B2B tại sự kiện kết nối"
MET = (MeetingOutcome.HELD, MeetingOutcome.FOLLOW_UP_WANTED)


def record_outcome(
    event: ConnectionEvent,
    meeting: BookedMeeting,
    side: str,
    outcome: MeetingOutcome,
    by_broker: bool,
    now: datetime,
) -> tuple[BookedMeeting, MeetingOutcomeRecorded]:
    """Record (or correct) one side's outcome once the meeting has started."""
    event.check_open()
    if not meeting.scheduled:
        raise ConflictError("meeting.scheduled", "the meeting was cancelled")
    if side not in meeting.sides():
        raise NotAllowedError("meeting", "only the two participants and brokers record outcomes")
    if now < event.slot_start(meeting.slot):
        raise ConflictError("meeting.started", "record the outcome once the meeting has started")
    recorded = meeting.model_copy(update={"outcomes": meeting.outcomes | {side: outcome}})
    return recorded, MeetingOutcomeRecorded(
        **meeting.common(), organization_id=side, outcome=outcome, recorded_by_broker=by_broker
    )


def wants_introduction(meeting: BookedMeeting) -> bool:
    """Both sides want a follow-up and no introduction came of it yet."""
    wished = [meeting.outcomes.get(side) for side in meeting.sides()]
    return meeting.introduction_id is None and all(
        w == MeetingOutcome.FOLLOW_UP_WANTED for w in wished
    )


def _proposal(
    meeting: BookedMeeting,
    offer: ListingSnapshot,
    demand: ListingSnapshot,
    now: datetime,
    ttl: timedelta,
) -> tuple[Match, list[Event]]:
    scoring = Scoring(
        score=meeting.score,
        explanation=Explanation(features=[], sentence_vi=FOLLOW_UP_SENTENCE),
        engine_version="connection_event",
    )
    match, proposed = matches.propose(
        offer, demand, meeting.supplier_id, scoring, ProposedBy.BROKER, now, ttl
    )
    return match, [proposed]


def follow_up(
    match: Match | None,
    meeting: BookedMeeting,
    listings: tuple[ListingSnapshot, ListingSnapshot],
    by: str,
    now: datetime,
    ttl: timedelta,
) -> tuple[Match | None, list[Event]]:
    """The accepted match an introduction opens from, with the match events on the way; None
    when the pair's proposal was closed without acceptance (declined, expired, retracted)."""
    events: list[Event] = []
    if match is None:
        match, events = _proposal(meeting, *listings, now, ttl)
    if match.status == MatchStatus.ACCEPTED:
        return match, events
    if not match.is_open or now >= match.expires_at:
        return None, events
    for side, organization_id in (
        (ListingKind.DEMAND, meeting.seeker_id),
        (ListingKind.OFFER, meeting.supplier_id),
    ):
        if match.answer_of(side) is None:
            given = Answer(
                interested=True,
                comment=FOLLOW_UP_SENTENCE,
                organization_id=organization_id,
                answered_by=by,
                answered_at=now,
            )
            match, answered = matches.answer(match, side, given)
            events += answered
    return (match if match.status == MatchStatus.ACCEPTED else None), events


def summarise(
    participants: int, meetings: list[BookedMeeting], mous_signed: int
) -> ConnectionEventSummary:
    held = [m for m in meetings if m.scheduled and any(o in MET for o in m.outcomes.values())]
    no_shows = [
        m for m in meetings if m.scheduled and MeetingOutcome.NO_SHOW in m.outcomes.values()
    ]
    follow_ups = [m for m in meetings if m.scheduled and _both_follow_up(m)]
    return ConnectionEventSummary(
        participants=participants,
        meetings_scheduled=sum(m.scheduled for m in meetings),
        meetings_held=len(held),
        no_shows=len(no_shows),
        follow_ups=len(follow_ups),
        introductions_opened=sum(m.introduction_id is not None for m in meetings),
        mous_signed=mous_signed,
    )


def _both_follow_up(meeting: BookedMeeting) -> bool:
    return all(
        meeting.outcomes.get(side) == MeetingOutcome.FOLLOW_UP_WANTED for side in meeting.sides()
    )

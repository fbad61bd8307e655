"""Events on `stx.connections.v1`: connection events ("sự kiện kết nối cung – cầu công nghệ":
techmarts, demo days, B2B matchmaking sessions), their participants, meeting requests, the
B2B meetings and their outcomes.

Subjects: the connection event id, except for `stx.meeting.*` whose aggregate is the meeting.
Public facts only: organisation and listing ids, never contact details nor a request's reason.
Times are UTC; the event's people read them in Asia/Ho_Chi_Minh.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import ClassVar

from pydantic import BaseModel, Field

from shared.events.base import Event
from shared.events.listings import LISTING_ID_EXAMPLE
from shared.events.organizations import ORG_ID_EXAMPLE
from shared.events.registry import register
from shared.events.vocabulary import Sector
from shared.topics import CONNECTIONS

CONNECTION_EVENT_ID_EXAMPLE = "cev_5b2e8f0c4a7d4e19"
MEETING_ID_EXAMPLE = "mtg_0c8d2a4f6e1b3957"
REQUEST_ID_EXAMPLE = "mrq_7e4a1c9b2d6f0835"
SEEKER_EXAMPLE = "org_01JC9W3Z8Q5M7K2H4N6P8R0T9Z"


class ConnectionEventKind(StrEnum):
    TECHMART = "techmart"
    DEMO_DAY = "demo_day"  # ngày trình diễn công nghệ
    B2B_SESSION = "b2b_session"
    WORKSHOP = "workshop"


class ParticipantRole(StrEnum):
    SUPPLIER = "supplier"  # brings offers
    SEEKER = "seeker"  # brings demands
    BOTH = "both"


class MeetingOutcome(StrEnum):
    HELD = "held"
    NO_SHOW = "no_show"  # the other side did not come
    FOLLOW_UP_WANTED = "follow_up_wanted"  # held, and this side wants to follow it up


class ConnectionEventDetails(BaseModel):
    """What the broker announced; the whole picture after every update."""

    title: str = Field(
        description="Title.", examples=["Techmart Kon Tum 2026 — Dược liệu và sâm Ngọc Linh"]
    )
    kind: ConnectionEventKind = Field(description="Kind of event.", examples=["techmart"])
    starts_at: datetime = Field(
        description="Start (UTC); the first meeting slot starts then.",
        examples=["2026-12-03T01:00:00Z"],
    )
    ends_at: datetime = Field(description="End (UTC).", examples=["2026-12-03T10:00:00Z"])
    venue: str | None = Field(
        default=None, description="Venue, if in person.", examples=["Trung tâm Hội nghị tỉnh"]
    )
    online_url: str | None = Field(
        default=None,
        description="Public link, if online.",
        examples=["https://meet.example.vn/b2b"],
    )
    focus_sectors: list[Sector] = Field(
        description="Sectors the event focuses on.", examples=[["medicinal_herbs"]]
    )
    capacity: int = Field(description="Most registered participants.", examples=[120])
    registration_deadline: datetime = Field(
        description="Registrations close then (UTC).", examples=["2026-11-30T10:00:00Z"]
    )
    waitlist: bool = Field(
        description="Registrations over capacity join a waiting list instead of being refused.",
        examples=[True],
    )
    slot_minutes: int = Field(description="Length of one meeting slot.", examples=[20])
    slot_count: int = Field(description="Number of meeting slots.", examples=[16])
    tables: int = Field(description="Tables (meetings per slot).", examples=[20])


class ConnectionEventSummary(BaseModel):
    """Figures of a closed event."""

    participants: int = Field(description="Registered participants.", examples=[96])
    meetings_scheduled: int = Field(description="B2B meetings on the schedule.", examples=[310])
    meetings_held: int = Field(description="Meetings a side reported as held.", examples=[254])
    no_shows: int = Field(description="Meetings a side reported as a no-show.", examples=[12])
    follow_ups: int = Field(description="Meetings both sides want to follow up.", examples=[41])
    introductions_opened: int = Field(
        description="Introductions those follow-ups opened.", examples=[38]
    )
    mous_signed: int = Field(description="MoUs signed at the event.", examples=[7])


class _ConnectionEventEvent(Event):
    topic: ClassVar[str] = CONNECTIONS
    subject_field: ClassVar[str] = "event_id"

    event_id: str = Field(
        description="The connection event.", examples=[CONNECTION_EVENT_ID_EXAMPLE]
    )


@register
class ConnectionEventAnnounced(_ConnectionEventEvent):
    """A broker announced a connection event; registrations are open."""

    ce_type: ClassVar[str] = "stx.connection_event.announced"

    details: ConnectionEventDetails = Field(description="The event as announced.")


@register
class ConnectionEventUpdated(_ConnectionEventEvent):
    ce_type: ClassVar[str] = "stx.connection_event.updated"

    details: ConnectionEventDetails = Field(description="The event after the update.")


@register
class ConnectionEventCancelled(_ConnectionEventEvent):
    ce_type: ClassVar[str] = "stx.connection_event.cancelled"

    reason: str = Field(description="Why it was cancelled.", examples=["Lũ lớn, hoãn sự kiện."])


@register
class ConnectionEventClosed(_ConnectionEventEvent):
    """The event is over; its figures are final."""

    ce_type: ClassVar[str] = "stx.connection_event.closed"

    summary: ConnectionEventSummary = Field(description="Summary figures.")


class _ParticipantEvent(_ConnectionEventEvent):
    organization_id: str = Field(description="The participant.", examples=[ORG_ID_EXAMPLE])


@register
class ParticipantRegistered(_ParticipantEvent):
    """A participant holds a seat (directly, or moved up from the waiting list)."""

    ce_type: ClassVar[str] = "stx.participant.registered"

    role: ParticipantRole = Field(description="Side of the table.", examples=["supplier"])
    listing_ids: list[str] = Field(
        description="Published listings it brings.", examples=[[LISTING_ID_EXAMPLE]]
    )
    from_waitlist: bool = Field(
        description="Moved up from the waiting list after a cancellation.", examples=[False]
    )


@register
class ParticipantWaitlisted(_ParticipantEvent):
    """The event is full: the participant waits for a seat."""

    ce_type: ClassVar[str] = "stx.participant.waitlisted"

    role: ParticipantRole = Field(description="Side of the table.", examples=["seeker"])
    listing_ids: list[str] = Field(
        description="Published listings it brings.", examples=[[LISTING_ID_EXAMPLE]]
    )
    position: int = Field(description="1-based place on the waiting list.", examples=[3])


@register
class ParticipantCancelled(_ParticipantEvent):
    ce_type: ClassVar[str] = "stx.participant.cancelled"

    was_waitlisted: bool = Field(
        description="It was on the waiting list, not holding a seat.", examples=[False]
    )


class _MeetingRequestEvent(_ConnectionEventEvent):
    request_id: str = Field(description="The meeting request.", examples=[REQUEST_ID_EXAMPLE])
    from_organization_id: str = Field(description="Who asked.", examples=[ORG_ID_EXAMPLE])
    to_organization_id: str = Field(description="Who was asked.", examples=[SEEKER_EXAMPLE])


@register
class MeetingRequestSent(_MeetingRequestEvent):
    """A participant asks another for a B2B meeting (the reason stays with the parties)."""

    ce_type: ClassVar[str] = "stx.meeting_request.sent"

    expires_at: datetime = Field(
        description="Unanswered by then, it expires.", examples=["2026-11-28T10:00:00Z"]
    )


@register
class MeetingRequestAccepted(_MeetingRequestEvent):
    """The schedule will place this meeting before any unrequested one."""

    ce_type: ClassVar[str] = "stx.meeting_request.accepted"


@register
class MeetingRequestDeclined(_MeetingRequestEvent):
    ce_type: ClassVar[str] = "stx.meeting_request.declined"


@register
class MeetingRequestExpired(_MeetingRequestEvent):
    ce_type: ClassVar[str] = "stx.meeting_request.expired"


class _MeetingEvent(Event):
    topic: ClassVar[str] = CONNECTIONS
    subject_field: ClassVar[str] = "meeting_id"

    meeting_id: str = Field(description="The B2B meeting.", examples=[MEETING_ID_EXAMPLE])
    event_id: str = Field(
        description="The connection event.", examples=[CONNECTION_EVENT_ID_EXAMPLE]
    )
    seeker_organization_id: str = Field(description="The seeker.", examples=[SEEKER_EXAMPLE])
    supplier_organization_id: str = Field(description="The supplier.", examples=[ORG_ID_EXAMPLE])


class _PlacedMeetingEvent(_MeetingEvent):
    slot: int = Field(description="0-based meeting slot.", examples=[3])
    table: int = Field(description="Table number (1-based).", examples=[7])
    starts_at: datetime = Field(description="Start (UTC).", examples=["2026-12-03T02:00:00Z"])
    ends_at: datetime = Field(description="End (UTC).", examples=["2026-12-03T02:20:00Z"])
    score: float = Field(description="Match score of their listings (0–1).", examples=[0.82])
    requested: bool = Field(description="An accepted meeting request.", examples=[False])
    pinned: bool = Field(description="The broker fixed it there.", examples=[False])
    offer_id: str = Field(
        description="The supplier's offer discussed.", examples=[LISTING_ID_EXAMPLE]
    )
    demand_id: str = Field(
        description="The seeker's demand discussed.", examples=["lst_01JC9X0F1B2C3D4E5F6G7H8J9Z"]
    )


@register
class MeetingScheduled(_PlacedMeetingEvent):
    ce_type: ClassVar[str] = "stx.meeting.scheduled"


@register
class MeetingRescheduled(_PlacedMeetingEvent):
    """The meeting moved (a re-run of the schedule, a pin or a swap)."""

    ce_type: ClassVar[str] = "stx.meeting.rescheduled"

    previous_slot: int = Field(description="Slot before the move.", examples=[5])
    previous_table: int = Field(description="Table before the move.", examples=[2])


@register
class MeetingCancelled(_MeetingEvent):
    ce_type: ClassVar[str] = "stx.meeting.cancelled"

    reason: str = Field(
        description="`rescheduled_out` (a re-run dropped it), `participant_cancelled`, "
        "`event_cancelled`.",
        examples=["rescheduled_out"],
    )


@register
class MeetingOutcomeRecorded(_MeetingEvent):
    """One side's outcome of the meeting, recorded by that side or by a broker."""

    ce_type: ClassVar[str] = "stx.meeting.outcome_recorded"

    organization_id: str = Field(description="The side it is about.", examples=[SEEKER_EXAMPLE])
    outcome: MeetingOutcome = Field(description="What happened.", examples=["follow_up_wanted"])
    recorded_by_broker: bool = Field(
        description="A broker recorded it for that side.", examples=[False]
    )

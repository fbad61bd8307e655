"""Bodies and views of the connection-event API; times are shown in the deployment's zone."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from pydantic import AwareDatetime, BaseModel, Field

from services.matching.domain.connection_events.event import ConnectionEvent, EventStatus
from services.matching.domain.connection_events.meetings import BookedMeeting
from services.matching.domain.connection_events.registrations import (
    Registration,
    RegistrationStatus,
)
from services.matching.domain.connection_events.requests import MeetingRequest, RequestStatus
from services.matching.scheduling import Pin, SolveStatus
from services.matching.service.connection_events.schedule import ScheduleRun
from shared.events.base import EdgeModel
from shared.events.connection_events import (
    ConnectionEventKind,
    ConnectionEventSummary,
    MeetingOutcome,
    ParticipantRole,
)
from shared.events.vocabulary import Sector


class EventPlanUpdate(EdgeModel):
    """Only the fields sent change; the whole plan is checked again."""

    title: str | None = None
    kind: ConnectionEventKind | None = None
    starts_at: AwareDatetime | None = None
    ends_at: AwareDatetime | None = None
    venue: str | None = None
    online_url: str | None = None
    focus_sectors: list[Sector] | None = None
    capacity: int | None = None
    registration_deadline: AwareDatetime | None = None
    waitlist: bool | None = None
    slot_minutes: int | None = None
    slot_count: int | None = None
    tables: int | None = None

    def changes(self) -> dict[str, Any]:
        return self.model_dump(exclude_unset=True)


class CancelBody(EdgeModel):
    reason: str = Field(min_length=1, max_length=1000, examples=["Mưa lũ, hoãn sang tháng sau."])


class CloseBody(EdgeModel):
    mous_signed: int = Field(default=0, ge=0, description="MoUs signed at the event's ceremony.")


class MeetingRequestCreate(EdgeModel):
    to_organization_id: str = Field(min_length=1, max_length=100)
    reason: str = Field(
        min_length=1, max_length=1000, examples=["Muốn tìm hiểu quy trình sấy lạnh sâm."]
    )


class PinBody(EdgeModel):
    slot: int | None = Field(default=None, ge=0, description="0-based slot; where it is if none.")
    table: int | None = Field(default=None, ge=1, description="Table; where it is if none.")


class SwapBody(EdgeModel):
    meeting_ids: list[str] = Field(min_length=2, max_length=2)


class OutcomeCreate(EdgeModel):
    outcome: MeetingOutcome = Field(examples=["follow_up_wanted"])
    organization_id: str | None = Field(
        default=None, description="Brokers: the side recorded for. Participants: their own."
    )


class ConnectionEventRead(BaseModel):
    event_id: str
    status: EventStatus
    title: str
    kind: ConnectionEventKind
    starts_at: datetime
    ends_at: datetime
    venue: str | None
    online_url: str | None
    focus_sectors: list[Sector]
    capacity: int
    registration_deadline: datetime
    waitlist: bool
    slot_minutes: int
    slot_count: int
    tables: int
    slot_starts: list[datetime]
    pins: list[Pin]
    cancelled_reason: str | None
    summary: ConnectionEventSummary | None

    @classmethod
    def of(cls, event: ConnectionEvent, zone: ZoneInfo) -> ConnectionEventRead:
        plan = event.plan.model_dump()
        for name in ("starts_at", "ends_at", "registration_deadline"):
            plan[name] = plan[name].astimezone(zone)
        return cls(
            **event.model_dump(include={"event_id", "status", "cancelled_reason", "summary"}),
            **plan,
            slot_starts=[start.astimezone(zone) for start in event.slot_starts()],
            pins=list(event.pins),
        )


class RegistrationRead(BaseModel):
    organization_id: str
    role: ParticipantRole
    listing_ids: list[str] = Field(
        description="Its listings at the event; to other participants only its offers (a "
        "demand may be anonymous, and naming it next to the organisation would unveil it)."
    )
    unavailable_slots: list[int] | None = Field(
        description="Slots it cannot meet in; null unless it is you (or you are a broker)."
    )
    max_meetings: int | None
    status: RegistrationStatus
    registered_at: datetime

    @classmethod
    def of(cls, registration: Registration, full: bool = True) -> RegistrationRead:
        """Everything for the participant itself and brokers; for other participants only
        what they need to ask for a meeting: who, which role, which offers."""
        return cls(
            **registration.model_dump(
                exclude={"unavailable_slots", "offer_ids", "demand_ids", "max_meetings"}
            ),
            listing_ids=registration.listing_ids if full else list(registration.offer_ids),
            unavailable_slots=sorted(registration.unavailable_slots) if full else None,
            max_meetings=registration.max_meetings if full else None,
        )


class MeetingRequestRead(BaseModel):
    request_id: str
    from_organization_id: str
    to_organization_id: str
    reason: str
    status: RequestStatus
    sent_at: datetime
    expires_at: datetime

    @classmethod
    def of(cls, request: MeetingRequest) -> MeetingRequestRead:
        return cls.model_validate(request.model_dump())


class MeetingRead(BaseModel):
    meeting_id: str
    seeker_id: str
    supplier_id: str
    slot: int
    table: int
    starts_at: datetime
    score: float
    requested: bool
    pinned: bool
    offer_id: str
    demand_id: str
    outcomes: dict[str, MeetingOutcome]
    introduction_id: str | None

    @classmethod
    def of(cls, meeting: BookedMeeting, event: ConnectionEvent, zone: ZoneInfo) -> MeetingRead:
        start = event.slot_start(meeting.slot).astimezone(zone)
        return cls(**meeting.model_dump(exclude={"event_id", "status"}), starts_at=start)


class ScheduleRead(BaseModel):
    status: SolveStatus
    total_score: float
    bound_ratio: float = Field(description="Share of the proven upper bound reached.")
    meetings: list[MeetingRead]

    @classmethod
    def of(cls, run: ScheduleRun, zone: ZoneInfo) -> ScheduleRead:
        return cls(
            status=run.schedule.status,
            total_score=run.schedule.total_score,
            bound_ratio=run.schedule.bound_ratio,
            meetings=[MeetingRead.of(m, run.event, zone) for m in run.meetings],
        )

"""A connection event as the broker plans it: announced → (updated …) → cancelled | closed.

Times people type carry their offset (`2026-12-03T08:00:00+07:00`); they are kept in UTC.
The meeting slots follow each other from the start of the event.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Any, Self

from pydantic import (
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from services.matching.domain.errors import ConflictError, RuleBrokenError
from services.matching.scheduling import Pin
from shared.events.base import EdgeModel
from shared.events.connection_events import (
    ConnectionEventAnnounced,
    ConnectionEventCancelled,
    ConnectionEventClosed,
    ConnectionEventDetails,
    ConnectionEventKind,
    ConnectionEventSummary,
    ConnectionEventUpdated,
)
from shared.events.vocabulary import Sector


class EventStatus(StrEnum):
    ANNOUNCED = "announced"
    CANCELLED = "cancelled"
    CLOSED = "closed"


class EventPlan(EdgeModel):
    """What a broker announces (and may update) about a connection event."""

    model_config = ConfigDict(frozen=True, str_strip_whitespace=True)

    title: str = Field(min_length=3, max_length=300, examples=["Techmart Kon Tum 2026"])
    kind: ConnectionEventKind = Field(examples=["techmart"])
    starts_at: AwareDatetime = Field(
        description="Start, with its offset; the first meeting slot starts then.",
        examples=["2026-12-03T08:00:00+07:00"],
    )
    ends_at: AwareDatetime = Field(examples=["2026-12-03T17:00:00+07:00"])
    venue: str | None = Field(default=None, max_length=300, examples=["Trung tâm Hội nghị tỉnh"])
    online_url: str | None = Field(default=None, max_length=500, pattern=r"^https://\S+$")
    focus_sectors: list[Sector] = Field(min_length=1, examples=[["medicinal_herbs"]])
    capacity: int = Field(ge=1, le=5000, description="Most registered participants.")
    registration_deadline: AwareDatetime = Field(examples=["2026-11-30T17:00:00+07:00"])
    waitlist: bool = Field(
        default=True, description="Over capacity, registrations wait instead of being refused."
    )
    slot_minutes: int = Field(ge=5, le=240, examples=[20])
    slot_count: int = Field(ge=1, le=64, examples=[16])
    tables: int = Field(ge=1, le=500, examples=[20])

    @field_validator("starts_at", "ends_at", "registration_deadline")
    @classmethod
    def _utc(cls, value: datetime) -> datetime:
        return value.astimezone(UTC)

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if self.venue is None and self.online_url is None:
            raise ValueError("give a venue or an online_url")
        if self.registration_deadline > self.starts_at:
            raise ValueError("registration_deadline must not be after starts_at")
        if self.starts_at + timedelta(minutes=self.slot_minutes * self.slot_count) > self.ends_at:
            raise ValueError("slot_count × slot_minutes must fit between starts_at and ends_at")
        return self

    def details(self) -> ConnectionEventDetails:
        return ConnectionEventDetails.model_validate(self.model_dump())


class ConnectionEvent(BaseModel):
    model_config = ConfigDict(frozen=True)

    event_id: str
    plan: EventPlan
    status: EventStatus = EventStatus.ANNOUNCED
    announced_at: datetime
    pins: tuple[Pin, ...] = ()
    """Meetings the broker fixed: every re-run of the schedule keeps them."""
    cancelled_reason: str | None = None
    summary: ConnectionEventSummary | None = None

    def slot_start(self, slot: int) -> datetime:
        return self.plan.starts_at + timedelta(minutes=self.plan.slot_minutes * slot)

    def slot_starts(self) -> list[datetime]:
        return [self.slot_start(n) for n in range(self.plan.slot_count)]

    def check_open(self) -> None:
        """Registrations, requests, schedules and outcomes need an announced event."""
        if self.status != EventStatus.ANNOUNCED:
            raise ConflictError(
                f"connection_event.{self.status.value}",
                f"the connection event is {self.status.value}: nothing more can change",
            )


def announce(
    event_id: str, plan: EventPlan, now: datetime
) -> tuple[ConnectionEvent, ConnectionEventAnnounced]:
    if plan.registration_deadline <= now:
        raise RuleBrokenError("body.registration_deadline", "the deadline is already past")
    event = ConnectionEvent(event_id=event_id, plan=plan, announced_at=now)
    return event, ConnectionEventAnnounced(event_id=event_id, details=plan.details())


def update(
    event: ConnectionEvent, changes: dict[str, Any]
) -> tuple[ConnectionEvent, ConnectionEventUpdated]:
    """Apply the fields a broker changed; the whole plan is checked again."""
    event.check_open()
    try:
        plan = EventPlan.model_validate(event.plan.model_dump() | changes)
    except ValidationError as invalid:
        error = invalid.errors()[0]
        field = ".".join(["body", *map(str, error["loc"])])
        raise RuleBrokenError(field, error["msg"]) from invalid
    outside = [pin for pin in event.pins if pin.slot >= plan.slot_count or pin.table > plan.tables]
    if outside:
        raise ConflictError("pins", f"{len(outside)} pinned meetings would fall off the grid")
    updated = event.model_copy(update={"plan": plan})
    return updated, ConnectionEventUpdated(event_id=event.event_id, details=plan.details())


def cancel(event: ConnectionEvent, reason: str) -> tuple[ConnectionEvent, ConnectionEventCancelled]:
    event.check_open()
    cancelled = event.model_copy(
        update={"status": EventStatus.CANCELLED, "cancelled_reason": reason}
    )
    return cancelled, ConnectionEventCancelled(event_id=event.event_id, reason=reason)


def close(
    event: ConnectionEvent, summary: ConnectionEventSummary, now: datetime
) -> tuple[ConnectionEvent, ConnectionEventClosed]:
    event.check_open()
    if now < event.plan.starts_at:
        raise ConflictError("connection_event.started", "an event closes once it has started")
    closed = event.model_copy(update={"status": EventStatus.CLOSED, "summary": summary})
    return closed, ConnectionEventClosed(event_id=event.event_id, summary=summary)


def with_pins(event: ConnectionEvent, pins: tuple[Pin, ...]) -> ConnectionEvent:
    """Replace the pins of the same two participants, keep the others."""
    event.check_open()
    for pin in pins:
        if pin.slot >= event.plan.slot_count:
            raise RuleBrokenError(
                "body.slot",
                f"slot {pin.slot} is outside the event's slots 0..{event.plan.slot_count - 1}",
            )
        if pin.table > event.plan.tables:
            raise RuleBrokenError(
                "body.table",
                f"table {pin.table} is outside the event's tables 1..{event.plan.tables}",
            )
    moved = {frozenset(pin.key) for pin in pins}
    kept = tuple(pin for pin in event.pins if frozenset(pin.key) not in moved)
    return event.model_copy(update={"pins": kept + pins})

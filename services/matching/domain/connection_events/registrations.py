"""Registrations: a seat while there is one, else the waiting list (when the event keeps one);
a cancellation moves the first waiting participant up in the same transaction.

    registered ──cancel──> cancelled
    waitlisted ──seat freed──> registered      waitlisted ──cancel──> cancelled
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from services.matching.domain.connection_events.event import ConnectionEvent
from services.matching.domain.errors import ConflictError, RuleBrokenError
from services.matching.scheduling import Participant, Role
from shared.events.base import EdgeModel, Event
from shared.events.connection_events import (
    ParticipantCancelled,
    ParticipantRegistered,
    ParticipantRole,
    ParticipantWaitlisted,
)
from shared.events.listings import ListingSnapshot
from shared.events.vocabulary import ListingKind, ListingStatus


class RegistrationStatus(StrEnum):
    REGISTERED = "registered"
    WAITLISTED = "waitlisted"
    CANCELLED = "cancelled"


class RegistrationForm(EdgeModel):
    """What an organisation sends to take part."""

    role: ParticipantRole = Field(examples=["supplier"])
    listing_ids: list[str] = Field(
        min_length=1, max_length=20, description="Your published listings you bring."
    )
    unavailable_slots: set[int] = Field(
        default_factory=set, description="0-based slots you cannot attend.", examples=[[0, 1]]
    )
    max_meetings: int | None = Field(default=None, ge=1, le=64, examples=[6])


class Registration(BaseModel):
    model_config = ConfigDict(frozen=True)

    event_id: str
    organization_id: str
    role: ParticipantRole
    offer_ids: tuple[str, ...]
    demand_ids: tuple[str, ...]
    unavailable_slots: frozenset[int] = frozenset()
    max_meetings: int | None = None
    status: RegistrationStatus
    registered_at: datetime

    @property
    def listing_ids(self) -> list[str]:
        return [*self.offer_ids, *self.demand_ids]

    @property
    def seated(self) -> bool:
        return self.status == RegistrationStatus.REGISTERED

    def as_participant(self) -> Participant:
        return Participant(
            id=self.organization_id,
            role=Role(self.role.value),
            unavailable_slots=self.unavailable_slots,
            max_meetings=self.max_meetings,
        )

    def registered_event(self, from_waitlist: bool = False) -> ParticipantRegistered:
        return ParticipantRegistered(
            event_id=self.event_id,
            organization_id=self.organization_id,
            role=self.role,
            listing_ids=self.listing_ids,
            from_waitlist=from_waitlist,
        )


def _checked_listing(
    listing_id: str, snapshot: ListingSnapshot | None, organization_id: str
) -> ListingSnapshot:
    if snapshot is None or snapshot.owner_organization_id != organization_id:
        raise RuleBrokenError(
            "body.listing_ids",
            f"{listing_id} is not a listing published under your organisation's name",
        )
    if snapshot.status != ListingStatus.PUBLISHED:
        raise RuleBrokenError("body.listing_ids", f"{listing_id} is {snapshot.status}")
    return snapshot


def sorted_listings(
    form: RegistrationForm, organization_id: str, known: Mapping[str, ListingSnapshot | None]
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The offers and the demands brought, each suiting the role; refuses anyone else's."""
    offers: list[str] = []
    demands: list[str] = []
    for listing_id in dict.fromkeys(form.listing_ids):
        listing = _checked_listing(listing_id, known.get(listing_id), organization_id)
        (offers if listing.kind == ListingKind.OFFER else demands).append(listing_id)
    role = Role(form.role.value)
    if role.can_supply() != bool(offers) or role.can_seek() != bool(demands):
        raise RuleBrokenError(
            "body.listing_ids",
            "a supplier brings offers, a seeker demands, `both` at least one of each",
        )
    return tuple(offers), tuple(demands)


def _check_can_register(
    event: ConnectionEvent, form: RegistrationForm, current: Registration | None, now: datetime
) -> None:
    event.check_open()
    deadline = event.plan.registration_deadline
    if now > deadline:
        raise ConflictError(
            "registration.deadline", f"registrations closed at {deadline.isoformat()} (UTC)"
        )
    if current is not None and current.status != RegistrationStatus.CANCELLED:
        raise ConflictError("registration.once", f"your organisation is already {current.status}")
    outside = sorted(s for s in form.unavailable_slots if not 0 <= s < event.plan.slot_count)
    if outside:
        raise RuleBrokenError(
            "body.unavailable_slots",
            f"slots {outside} are outside the event's 0..{event.plan.slot_count - 1}",
        )


def register(
    event: ConnectionEvent,
    form: RegistrationForm,
    organization_id: str,
    listings: tuple[tuple[str, ...], tuple[str, ...]],
    occupancy: tuple[int, int],
    current: Registration | None,
    now: datetime,
) -> tuple[Registration, Event]:
    """`occupancy` = (seats taken, participants waiting) before this registration."""
    _check_can_register(event, form, current, now)
    seated, waiting = occupancy
    full = seated >= event.plan.capacity
    if full and not event.plan.waitlist:
        raise ConflictError(
            "connection_event.capacity", f"all {event.plan.capacity} seats are taken"
        )
    registration = Registration(
        event_id=event.event_id,
        organization_id=organization_id,
        role=form.role,
        offer_ids=listings[0],
        demand_ids=listings[1],
        unavailable_slots=frozenset(form.unavailable_slots),
        max_meetings=form.max_meetings,
        status=RegistrationStatus.WAITLISTED if full else RegistrationStatus.REGISTERED,
        registered_at=now,
    )
    if not full:
        return registration, registration.registered_event()
    waitlisted = ParticipantWaitlisted(
        event_id=event.event_id,
        organization_id=organization_id,
        role=form.role,
        listing_ids=registration.listing_ids,
        position=waiting + 1,
    )
    return registration, waitlisted


def cancel(
    event: ConnectionEvent, registration: Registration | None
) -> tuple[Registration, ParticipantCancelled]:
    event.check_open()
    if registration is None or registration.status == RegistrationStatus.CANCELLED:
        raise ConflictError("registration.active", "there is no registration to cancel")
    cancelled = registration.model_copy(update={"status": RegistrationStatus.CANCELLED})
    return cancelled, ParticipantCancelled(
        event_id=event.event_id,
        organization_id=registration.organization_id,
        was_waitlisted=registration.status == RegistrationStatus.WAITLISTED,
    )


def promote(
    event: ConnectionEvent, seated: int, waiting: Sequence[Registration]
) -> list[tuple[Registration, ParticipantRegistered]]:
    """Move the first waiting participants (in order of registration) to the free seats."""
    free = max(event.plan.capacity - seated, 0)
    queue = sorted(waiting, key=lambda r: r.registered_at)[:free]
    moved = [r.model_copy(update={"status": RegistrationStatus.REGISTERED}) for r in queue]
    return [(r, r.registered_event(from_waitlist=True)) for r in moved]

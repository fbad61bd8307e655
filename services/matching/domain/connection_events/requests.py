"""Meeting requests between participants: sent → accepted | declined | expired.

An accepted request is a meeting the schedule places before any unrequested one; an
unanswered request expires (at the latest when the event starts) so it blocks nothing.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict

from services.matching.domain.connection_events.event import ConnectionEvent
from services.matching.domain.connection_events.registrations import Registration
from services.matching.domain.errors import ConflictError, NotAllowedError, RuleBrokenError
from shared.events.base import Event
from shared.events.connection_events import (
    MeetingRequestAccepted,
    MeetingRequestDeclined,
    MeetingRequestExpired,
    MeetingRequestSent,
)


class RequestStatus(StrEnum):
    SENT = "sent"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    EXPIRED = "expired"


PENDING = (RequestStatus.SENT, RequestStatus.ACCEPTED)
"""A request still waiting for, or holding, a slot."""


class MeetingRequest(BaseModel):
    model_config = ConfigDict(frozen=True)

    request_id: str
    event_id: str
    from_organization_id: str
    to_organization_id: str
    reason: str
    """Internal: the two parties and brokers read it, no topic carries it."""
    status: RequestStatus = RequestStatus.SENT
    sent_at: datetime
    expires_at: datetime
    answered_at: datetime | None = None

    @property
    def pair(self) -> frozenset[str]:
        return frozenset((self.from_organization_id, self.to_organization_id))

    def ids(self) -> dict[str, Any]:
        return {
            "event_id": self.event_id,
            "request_id": self.request_id,
            "from_organization_id": self.from_organization_id,
            "to_organization_id": self.to_organization_id,
        }


def can_meet(a: Registration, b: Registration) -> bool:
    """One of them seeks what the other could supply."""
    roles = [(x.role.value, y.role.value) for x, y in ((a, b), (b, a))]
    return any(s != "supplier" and p != "seeker" for s, p in roles)


def _checked_parties(
    sender: Registration | None, receiver: Registration | None
) -> tuple[Registration, Registration]:
    if sender is None or not sender.seated:
        raise ConflictError("participant.registered", "only registered participants ask to meet")
    if receiver is None or not receiver.seated:
        raise RuleBrokenError(
            "body.to_organization_id", "ask a registered participant of this event"
        )
    if sender.organization_id == receiver.organization_id:
        raise RuleBrokenError("body.to_organization_id", "you cannot meet yourself")
    if not can_meet(sender, receiver):
        raise RuleBrokenError(
            "body.to_organization_id", "two suppliers (or two seekers) have no B2B meeting"
        )
    return sender, receiver


def send(
    event: ConnectionEvent,
    request_id: str,
    parties: tuple[Registration | None, Registration | None],
    reason: str,
    pending_between: bool,
    now: datetime,
    ttl: timedelta,
) -> tuple[MeetingRequest, MeetingRequestSent]:
    """`pending_between`: the two already have a sent or accepted request, either way."""
    event.check_open()
    sender, receiver = _checked_parties(*parties)
    if pending_between:
        raise ConflictError("meeting_request.once", "you two already have a request")
    request = MeetingRequest(
        request_id=request_id,
        event_id=event.event_id,
        from_organization_id=sender.organization_id,
        to_organization_id=receiver.organization_id,
        reason=reason,
        sent_at=now,
        expires_at=min(now + ttl, event.plan.starts_at),
    )
    return request, MeetingRequestSent(**request.ids(), expires_at=request.expires_at)


def answer(
    request: MeetingRequest, accept: bool, organization_id: str | None, now: datetime
) -> tuple[MeetingRequest, Event]:
    if organization_id != request.to_organization_id:
        raise NotAllowedError("meeting_request", "only the participant asked answers")
    if request.status != RequestStatus.SENT:
        raise ConflictError("meeting_request.sent", f"the request is {request.status.value}")
    if now >= request.expires_at:
        raise ConflictError(
            "meeting_request.expires_at", f"the request expired at {request.expires_at.isoformat()}"
        )
    status = RequestStatus.ACCEPTED if accept else RequestStatus.DECLINED
    answered = request.model_copy(update={"status": status, "answered_at": now})
    event = MeetingRequestAccepted if accept else MeetingRequestDeclined
    return answered, event(**request.ids())


def expire(request: MeetingRequest, now: datetime) -> tuple[MeetingRequest, list[Event]]:
    """A request unanswered past its time expires; anything else is left as it is."""
    if request.status != RequestStatus.SENT or now < request.expires_at:
        return request, []
    expired = request.model_copy(update={"status": RequestStatus.EXPIRED, "answered_at": now})
    return expired, [MeetingRequestExpired(**request.ids())]

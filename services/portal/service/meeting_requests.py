"""An organisation at a techmart: its B2B schedule, and the meeting requests it sends to other
participants and answers. Who may ask whom, and until when, are the matching service's rules;
a refusal comes back in Vietnamese beside its field."""

from __future__ import annotations

from dataclasses import dataclass

from services.portal.domain.desk_refusals import desk_errors
from services.portal.domain.events import EventView, event_view
from services.portal.domain.meeting_requests import (
    REQUEST_PLACES,
    OwnMeeting,
    Partner,
    RequestForm,
    RequestView,
    is_seated,
    other_side,
    own_meeting,
    partners,
    request_body,
    request_view,
)
from services.portal.domain.refusals import FormRefusedError
from services.portal.domain.session import Visitor
from services.portal.service.event_ports import EventManagementDesk
from services.portal.service.ports import ConnectionEventsDirectory, ListingsDirectory, Tokens
from services.portal.service.titles import organization_names
from shared.errors import ForbiddenError


@dataclass(frozen=True)
class RequestsPage:
    event: EventView
    seated: bool
    """Registered, not waiting: only then may it ask to meet."""
    partners: list[Partner]
    received: list[RequestView]
    sent: list[RequestView]


class MeetingRequests:
    def __init__(
        self,
        desk: EventManagementDesk,
        events: ConnectionEventsDirectory,
        listings: ListingsDirectory,
        tokens: Tokens,
    ) -> None:
        self._desk = desk
        self._events = events
        self._listings = listings
        self._tokens = tokens

    async def schedule(self, visitor: Visitor, event_id: str) -> list[OwnMeeting]:
        """The organisation's own meetings, by time."""
        me, token = self._organization(visitor)
        found = await self._desk.own_meetings(event_id, me, token)
        names = await organization_names(self._listings, [other_side(m, me) for m in found])
        return sorted((own_meeting(m, me, names) for m in found), key=lambda m: m.starts_at)

    async def page(self, visitor: Visitor, event_id: str) -> RequestsPage:
        me, token = self._organization(visitor)
        event = event_view(await self._events.event(event_id))
        participants = await self._desk.participants(event_id, token)
        requests = await self._desk.meeting_requests(event_id, token)
        ids = [str(p["organization_id"]) for p in participants]
        ids += [str(r[k]) for r in requests for k in ("from_organization_id", "to_organization_id")]
        names = await organization_names(self._listings, ids)
        views = [(r["to_organization_id"] == me, request_view(r, me, names)) for r in requests]
        return RequestsPage(
            event=event,
            seated=is_seated(participants, me),
            partners=partners(participants, me, names),
            received=[v for received, v in views if received],
            sent=[v for received, v in views if not received],
        )

    async def send(self, visitor: Visitor, event_id: str, form: RequestForm) -> RequestForm | None:
        """None when sent; otherwise the form with why not, beside its fields."""
        _, token = self._organization(visitor)
        try:
            await self._desk.send_request(event_id, request_body(form), token)
        except FormRefusedError as refused:
            errors = desk_errors(refused.errors, REQUEST_PLACES)
            fallback = {"_form": refused.detail or "Chưa gửi được đề nghị."}
            return RequestForm(form.to_organization_id, form.reason, errors or fallback)
        return None

    async def answer(
        self, visitor: Visitor, event_id: str, request_id: str, accept: bool
    ) -> str | None:
        """None when answered; otherwise why not, in Vietnamese."""
        _, token = self._organization(visitor)
        try:
            await self._desk.answer_request(event_id, request_id, accept, token)
        except FormRefusedError as refused:
            words = desk_errors(refused.errors, {}).get("_form") or refused.detail
            return f"Chưa trả lời được: {words}"
        return None

    def _organization(self, visitor: Visitor) -> tuple[str, str]:
        if not visitor.is_organization or visitor.organization_id is None:
            raise ForbiddenError("Trang này dành cho tài khoản của tổ chức.")
        return visitor.organization_id, self._tokens.for_visitor(visitor)

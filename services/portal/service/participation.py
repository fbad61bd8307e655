"""Taking part in a connection event: an organisation registers with its published listings and
downloads its B2B meetings as .ics; a broker sees the participants and generates the schedule.
Who may register what, and how the schedule is made, are the matching service's rules."""

from __future__ import annotations

from services.portal.domain import labels
from services.portal.domain.event_form import FIELDS as EVENT_FIELDS
from services.portal.domain.event_form import PLAN_RULES, EventForm, event_body
from services.portal.domain.events import EventView, event_view
from services.portal.domain.field_errors import field_messages
from services.portal.domain.participation import (
    MeetingView,
    OwnChoice,
    ParticipantView,
    RegistrationForm,
    meeting_view,
    participant_view,
    registration_body,
)
from services.portal.domain.refusals import FormRefusedError
from services.portal.domain.session import Visitor
from services.portal.service.ports import (
    ConnectionEventsDirectory,
    EventDesk,
    ListingsDirectory,
    OwnListings,
    Tokens,
)
from services.portal.service.titles import organization_names
from shared.errors import ForbiddenError

FORM_FIELDS = ("role", "listing_ids", "max_meetings")


class EventParticipation:
    def __init__(
        self,
        desk: EventDesk,
        events: ConnectionEventsDirectory,
        own: OwnListings,
        listings: ListingsDirectory,
        tokens: Tokens,
    ) -> None:
        self._desk = desk
        self._events = events
        self._own = own
        self._listings = listings
        self._tokens = tokens

    async def choices(self, visitor: Visitor, event_id: str) -> tuple[EventView, list[OwnChoice]]:
        """The event, and the organisation's published listings it may bring."""
        organization_id, token = self._organization(visitor)
        event = event_view(await self._events.event(event_id))
        mine = await self._own.mine(organization_id, "published", token)
        return event, [
            OwnChoice(
                str(x["listing_id"]),
                str(x.get("title", "")),
                labels.label(labels.KINDS, x.get("kind")),
            )
            for x in mine
        ]

    async def register(
        self, visitor: Visitor, event_id: str, form: RegistrationForm
    ) -> RegistrationForm | None:
        """None when registered; otherwise the form with why not, beside its fields."""
        _, token = self._organization(visitor)
        try:
            await self._desk.register(event_id, registration_body(form), token)
        except FormRefusedError as refused:
            errors = field_messages(refused.errors, FORM_FIELDS)
            if not errors:
                errors = {"_form": refused.detail or "Chưa đăng ký được."}
            return RegistrationForm(form.role, form.listing_ids, form.max_meetings, errors)
        return None

    async def calendar(self, visitor: Visitor, event_id: str) -> bytes:
        organization_id, token = self._organization(visitor)
        return await self._desk.calendar(event_id, organization_id, token)

    async def desk(
        self, visitor: Visitor, event_id: str
    ) -> tuple[EventView, list[ParticipantView], list[MeetingView]]:
        """The broker's view of one event: who takes part, and the meetings scheduled."""
        token = self._broker(visitor)
        event = event_view(await self._events.event(event_id))
        participants = await self._desk.participants(event_id, token)
        meetings = await self._desk.meetings(event_id, token)
        ids = [str(p["organization_id"]) for p in participants]
        names = await organization_names(self._listings, ids)
        return (
            event,
            [participant_view(p, names) for p in participants],
            sorted(
                (meeting_view(m, names) for m in meetings), key=lambda m: (m.starts_at, m.table)
            ),
        )

    async def announce(self, visitor: Visitor, form: EventForm) -> str | EventForm:
        """The new event's id; otherwise the form with why not, beside its fields."""
        try:
            return await self._desk.announce(event_body(form), self._broker(visitor))
        except FormRefusedError as refused:
            errors = field_messages(refused.errors, EVENT_FIELDS)
            if "_form" in errors or not errors:
                errors["_form"] = PLAN_RULES
            return form.with_errors(errors)

    async def generate(self, visitor: Visitor, event_id: str) -> str | None:
        """None when the schedule was generated; otherwise why not, in Vietnamese."""
        try:
            await self._desk.generate_schedule(event_id, self._broker(visitor))
        except FormRefusedError as refused:
            return f"Chưa xếp được lịch: {refused.detail}".strip()
        return None

    def _organization(self, visitor: Visitor) -> tuple[str, str]:
        if not visitor.is_organization or visitor.organization_id is None:
            raise ForbiddenError("Trang này dành cho tài khoản của tổ chức.")
        return visitor.organization_id, self._tokens.for_visitor(visitor)

    def _broker(self, visitor: Visitor) -> str:
        if not visitor.is_broker:
            raise ForbiddenError("Trang này dành cho cán bộ môi giới của Sở.")
        return self._tokens.for_visitor(visitor)

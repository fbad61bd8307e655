"""Taking part in a connection event: an organisation registers with its published listings and
downloads its B2B meetings as .ics; a broker announces an event (managed then by `event_desk`).
Who may register what, and how the schedule is made, are the matching service's rules."""

from __future__ import annotations

from services.portal.domain import labels
from services.portal.domain.desk_refusals import desk_errors
from services.portal.domain.event_form import FIELDS as EVENT_FIELDS
from services.portal.domain.event_form import PLAN_RULES, EventForm, event_body
from services.portal.domain.events import EventView, event_view
from services.portal.domain.field_errors import field_messages
from services.portal.domain.participation import (
    CONFIRM_CANCELLING,
    OwnChoice,
    OwnRegistration,
    RegistrationForm,
    own_registration,
    registration_body,
)
from services.portal.domain.refusals import FormRefusedError
from services.portal.domain.session import Visitor
from services.portal.service.event_ports import EventDesk
from services.portal.service.ports import ConnectionEventsDirectory, OwnListings, Tokens
from shared.errors import ForbiddenError

FORM_FIELDS = ("role", "listing_ids", "max_meetings")


class EventParticipation:
    def __init__(
        self,
        desk: EventDesk,
        events: ConnectionEventsDirectory,
        own: OwnListings,
        tokens: Tokens,
    ) -> None:
        self._desk = desk
        self._events = events
        self._own = own
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

    async def registration(self, visitor: Visitor, event_id: str) -> OwnRegistration | None:
        """The organisation's live registration to the event, if it has one."""
        organization_id, token = self._organization(visitor)
        return own_registration(await self._desk.participants(event_id, token), organization_id)

    async def cancel(self, visitor: Visitor, event_id: str, confirmed: bool) -> str | None:
        """None when the organisation's registration was cancelled (its meetings with it, the
        first waiting moving up); otherwise why not, in Vietnamese (the rule, without a lead-in)."""
        organization_id, token = self._organization(visitor)
        if not confirmed:
            return CONFIRM_CANCELLING
        try:
            await self._desk.cancel_participant(event_id, organization_id, token)
        except FormRefusedError as refused:
            return desk_errors(refused.errors, {}).get("_form") or refused.detail
        return None

    async def calendar(self, visitor: Visitor, event_id: str) -> bytes:
        organization_id, token = self._organization(visitor)
        return await self._desk.calendar(event_id, organization_id, token)

    async def announce(self, visitor: Visitor, form: EventForm) -> str | EventForm:
        """The new event's id; otherwise the form with why not, beside its fields."""
        try:
            return await self._desk.announce(event_body(form), self._broker(visitor))
        except FormRefusedError as refused:
            errors = field_messages(refused.errors, EVENT_FIELDS)
            if "_form" in errors or not errors:
                errors["_form"] = PLAN_RULES
            return form.with_errors(errors)

    def _organization(self, visitor: Visitor) -> tuple[str, str]:
        if not visitor.is_organization or visitor.organization_id is None:
            raise ForbiddenError("Trang này dành cho tài khoản của tổ chức.")
        return visitor.organization_id, self._tokens.for_visitor(visitor)

    def _broker(self, visitor: Visitor) -> str:
        if not visitor.is_broker:
            raise ForbiddenError("Trang này dành cho cán bộ môi giới của Sở.")
        return self._tokens.for_visitor(visitor)

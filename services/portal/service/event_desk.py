"""The broker's event desk: the participants and the waiting list, the B2B schedule with its pins
and outcomes, and every change a broker makes to the event (its plan, cancelling, closing it with
its figures, pinning and swapping meetings, recording a meeting's outcome). Whether a change is
allowed is the matching service's rule; a refusal comes back in Vietnamese beside its field."""

from __future__ import annotations

from collections.abc import Awaitable
from dataclasses import dataclass

from services.portal.domain.desk_refusals import RULE_WORDS, desk_errors
from services.portal.domain.event_desk import (
    PLACES,
    DeskForm,
    DeskMeeting,
    Grid,
    Roster,
    change_body,
    change_form,
    desk_meeting,
    grid,
    number_or_text,
    outcome_target,
    pin_body,
    roster,
)
from services.portal.domain.event_form import FIELDS as EVENT_FIELDS
from services.portal.domain.event_form import PLAN_RULES, EventForm, event_body
from services.portal.domain.events import EventView, event_view
from services.portal.domain.participation import participant_view
from services.portal.domain.refusals import FormRefusedError
from services.portal.domain.session import Visitor
from services.portal.service.event_ports import EventManagementDesk
from services.portal.service.ports import ConnectionEventsDirectory, ListingsDirectory, Tokens
from services.portal.service.titles import organization_names
from shared.errors import ForbiddenError


@dataclass(frozen=True)
class DeskPage:
    event: EventView
    roster: Roster
    meetings: list[DeskMeeting]
    grid: Grid


class EventManagement:
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

    async def page(self, visitor: Visitor, event_id: str) -> DeskPage:
        """One event as its broker manages it; meetings by time, then table."""
        token = self._broker(visitor)
        raw = await self._events.event(event_id)
        participants = await self._desk.participants(event_id, token)
        meetings = await self._desk.meetings(event_id, token)
        names = await organization_names(
            self._listings, [str(p["organization_id"]) for p in participants]
        )
        desk_meetings = [desk_meeting(m, names) for m in meetings]
        return DeskPage(
            event=event_view(raw),
            roster=roster(participants, [participant_view(p, names) for p in participants]),
            meetings=sorted(desk_meetings, key=lambda m: (m.meeting.starts_at, m.meeting.table)),
            grid=grid(raw),
        )

    async def generate(self, visitor: Visitor, event_id: str) -> str | None:
        """None when the schedule was generated; otherwise why not, in Vietnamese."""
        try:
            await self._desk.generate_schedule(event_id, self._broker(visitor))
        except FormRefusedError as refused:
            words = desk_errors(refused.errors, {}).get("_form") or refused.detail
            return f"Chưa xếp được lịch: {words}".strip()
        return None

    async def cancel_participant(
        self, visitor: Visitor, event_id: str, organization_id: str
    ) -> str | None:
        """None when its registration (seat or place on the waiting list) was cancelled;
        otherwise why not, in Vietnamese."""
        try:
            await self._desk.cancel_participant(event_id, organization_id, self._broker(visitor))
        except FormRefusedError as refused:
            words = desk_errors(refused.errors, {}).get("_form") or refused.detail
            return f"Chưa hủy được đăng ký: {words}"
        return None

    async def change_form(self, visitor: Visitor, event_id: str) -> tuple[EventView, EventForm]:
        self._broker(visitor)
        raw = await self._events.event(event_id)
        return event_view(raw), change_form(raw)

    async def change(self, visitor: Visitor, event_id: str, form: EventForm) -> EventForm | None:
        """None when changed; otherwise the form with why not, beside its fields."""
        body = change_body(event_body(form))
        try:
            await self._desk.change(event_id, body, self._broker(visitor))
        except FormRefusedError as refused:
            errors = desk_errors(refused.errors, {name: name for name in EVENT_FIELDS})
            if "_form" in errors or not errors:
                rule = errors.get("_form", "")
                errors["_form"] = rule if _is_worded(rule) else PLAN_RULES
            return form.with_errors(errors)
        return None

    async def cancel(self, visitor: Visitor, event_id: str, form: DeskForm) -> DeskForm | None:
        token = self._broker(visitor)
        return await self._act(
            form, "cancel", self._desk.cancel(event_id, form.value("reason"), token)
        )

    async def close(self, visitor: Visitor, event_id: str, form: DeskForm) -> DeskForm | None:
        token = self._broker(visitor)
        body = {"mous_signed": number_or_text(form.value("mous_signed") or "0")}
        return await self._act(form, "close", self._desk.close(event_id, body, token))

    async def pin(self, visitor: Visitor, event_id: str, form: DeskForm) -> DeskForm | None:
        token, meeting_id = self._broker(visitor), form.value("pin-meeting")
        return await self._act(
            form, "pin", self._desk.pin(event_id, meeting_id, pin_body(form), token)
        )

    async def swap(self, visitor: Visitor, event_id: str, form: DeskForm) -> DeskForm | None:
        token, pair = self._broker(visitor), [form.value("swap-first"), form.value("swap-second")]
        if pair[0] == pair[1]:
            return DeskForm(form.values, {"swap-second": "Chọn hai cuộc gặp khác nhau."})
        return await self._act(form, "swap", self._desk.swap(event_id, pair, token))

    async def record_outcome(
        self, visitor: Visitor, event_id: str, form: DeskForm
    ) -> DeskForm | None:
        token, (meeting_id, body) = self._broker(visitor), outcome_target(form)
        recorded = self._desk.record_outcome(event_id, meeting_id, body, token)
        return await self._act(form, "outcome", recorded)

    async def _act(self, form: DeskForm, action: str, call: Awaitable[None]) -> DeskForm | None:
        """None when the API did it; otherwise the desk's form with why not, beside its field."""
        try:
            await call
        except FormRefusedError as refused:
            errors = desk_errors(refused.errors, PLACES[action])
            fallback = {"_form": refused.detail or "Không thực hiện được."}
            return DeskForm(form.values, errors or fallback)
        return None

    def _broker(self, visitor: Visitor) -> str:
        if not visitor.is_broker:
            raise ForbiddenError("Trang này dành cho cán bộ môi giới của Sở.")
        return self._tokens.for_visitor(visitor)


def _is_worded(message: str) -> bool:
    return message in RULE_WORDS.values()

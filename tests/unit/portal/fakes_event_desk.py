"""An in-memory connection-event desk: the JSON and refusals the matching API would give for a
techmart — registrations over capacity wait, meetings of registered suppliers and seekers (an
accepted request first), pins and swaps, outcomes once the event started, meeting requests
between registered participants — with its rules kept to what the pages show."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

from services.portal.domain.refusals import FormRefusedError
from shared.errors import ForbiddenError, NotFoundError
from tests.unit.portal.fakes_parties import _claims, _require_broker

FIRST_SLOT = datetime(2026, 12, 10, 2, 0, tzinfo=UTC)
GRID = {
    "slot_count": 6, "slot_minutes": 20, "tables": 4,
    "slot_starts": [(FIRST_SLOT + timedelta(minutes=20 * n)).isoformat() for n in range(6)],
}  # fmt: skip
"""The meeting grid of the fakes' techmart: six slots of 20 minutes from 09:00, four tables."""


def refused(field: str, code: str, message: str, **extra: Any) -> FormRefusedError:
    return FormRefusedError([{"field": field, "code": code, "message": message, **extra}])


def announce_rules(body: Mapping[str, Any]) -> None:
    """The matching API's plan rules the pages meet: field errors, then a rule across fields."""
    errors = [
        {"field": f"body.{name}", "code": "missing", "message": "Field required"}
        for name in ("title", "starts_at", "ends_at", "registration_deadline", "capacity")
        if name not in body
    ]
    if not body.get("focus_sectors"):
        errors.append({"field": "body.focus_sectors", "code": "too_short", "limit": 1})
    if errors:
        raise FormRefusedError(errors)
    if str(body["registration_deadline"]) > str(body["starts_at"]):
        rule = "Value error, registration_deadline must not be after starts_at"
        raise FormRefusedError([{"field": "body", "code": "value_error", "message": rule}])


class InMemoryEventDesk:
    """`events`: the public events the desk changes (cancel, close, plan); `capacity` seats, the
    rest wait; `started`: the events whose meetings have begun (outcomes, closing allowed)."""

    def __init__(self, events: dict[str, Any] | None = None, capacity: int = 10) -> None:
        self.registrations: dict[str, dict[str, dict[str, Any]]] = {}
        self.meetings_of: dict[str, list[dict[str, Any]]] = {}
        self.announced: dict[str, dict[str, Any]] = {}
        self.requests: dict[str, list[dict[str, Any]]] = {}
        self.events = events if events is not None else {}
        self.capacity = capacity
        self.started: set[str] = set()

    async def announce(self, body: Mapping[str, Any], token: str) -> str:
        _require_broker(token)
        announce_rules(body)
        event_id = f"evt_{len(self.announced) + 1}"
        self.announced[event_id] = dict(body)
        return event_id

    async def register(self, event_id: str, body: Mapping[str, Any], token: str) -> None:
        if not body.get("listing_ids"):
            raise refused("body.listing_ids", "too_short", "List should have 1 item", limit=1)
        org, registered = _claims(token)["org_id"], self.registrations.setdefault(event_id, {})
        seated = [r for r in registered.values() if _seated(r)]
        registered[org] = {
            "organization_id": org, "role": body["role"], "listing_ids": list(body["listing_ids"]),
            "status": "registered" if len(seated) < self.capacity else "waitlisted",
            "registered_at": f"2026-12-01T0{len(registered)}:00:00+00:00",
        }  # fmt: skip

    async def participants(self, event_id: str, token: str) -> list[Mapping[str, Any]]:
        return list(self.registrations.get(event_id, {}).values())

    async def generate_schedule(self, event_id: str, token: str) -> None:
        _require_broker(token)
        seated = [r for r in self.registrations.get(event_id, {}).values() if _seated(r)]
        suppliers = [r["organization_id"] for r in seated if r["role"] != "seeker"]
        seekers = [r["organization_id"] for r in seated if r["role"] != "supplier"]
        pairs = [(s, k) for s in suppliers for k in seekers if s != k]
        self.meetings_of[event_id] = [
            _meeting(f"mtg_{n + 1}", s, k, slot=n) for n, (s, k) in enumerate(pairs)
        ]

    async def meetings(self, event_id: str, token: str) -> list[Mapping[str, Any]]:
        _require_broker(token)
        return list(self.meetings_of.get(event_id, []))

    async def own_meetings(
        self, event_id: str, organization_id: str, token: str
    ) -> list[Mapping[str, Any]]:
        if _claims(token).get("org_id") != organization_id:
            raise ForbiddenError("not yours")
        found = self.meetings_of.get(event_id, [])
        return [m for m in found if organization_id in (m["supplier_id"], m["seeker_id"])]

    async def calendar(self, event_id: str, organization_id: str, token: str) -> bytes:
        mine = await self.own_meetings(event_id, organization_id, token)
        events = "".join(
            f"BEGIN:VEVENT\r\nLOCATION:bàn {m['table']}\r\nEND:VEVENT\r\n" for m in mine
        )
        return f"BEGIN:VCALENDAR\r\n{events}END:VCALENDAR\r\n".encode()

    async def change(self, event_id: str, body: Mapping[str, Any], token: str) -> None:
        _require_broker(token)
        if int(body.get("capacity") or 0) < 1:  # the plan is checked whole: no bound named
            message = "Input should be greater than or equal to 1"
            raise refused("body.capacity", "rule-violated", message)
        self._open(event_id).update(body)

    async def cancel_participant(self, event_id: str, organization_id: str, token: str) -> None:
        claims = _claims(token)
        if "broker" not in claims["roles"] and claims.get("org_id") != organization_id:
            raise ForbiddenError("only the participant itself or a broker")
        if event_id in self.events:  # the desk's own events: a closed or cancelled one refuses
            self._open(event_id)
        registration = self.registrations.get(event_id, {}).get(organization_id)
        if registration is None or registration["status"] == "cancelled":
            raise refused("registration.active", "state-conflict", "no registration to cancel")
        registration["status"] = "cancelled"
        everyone = self.registrations[event_id].values()
        waiting = sorted((r for r in everyone if r["status"] == "waitlisted"),
                         key=lambda r: str(r["registered_at"]))  # fmt: skip
        if waiting:
            waiting[0]["status"] = "registered"

    async def cancel(self, event_id: str, reason: str, token: str) -> None:
        _require_broker(token)
        if not reason:
            raise refused("body.reason", "string_too_short", "at least 1 character", limit=1)
        self._open(event_id).update(status="cancelled", cancelled_reason=reason)

    async def close(self, event_id: str, body: Mapping[str, Any], token: str) -> None:
        _require_broker(token)
        if not isinstance(body.get("mous_signed"), int):
            raise refused("body.mous_signed", "int_parsing", "a valid integer")
        event = self._open(event_id)
        if event_id not in self.started:
            raise refused("connection_event.started", "state-conflict", "once it has started")
        event["status"] = "closed"

    async def pin(
        self, event_id: str, meeting_id: str, body: Mapping[str, Any], token: str
    ) -> None:
        _require_broker(token)
        meeting = self._meeting(event_id, meeting_id)
        if int(body.get("slot", 0)) >= 6:
            raise refused("body.slot", "rule-violated", "slot 7 is outside the event's 0..5")
        meeting.update(pinned=True, **body)
        meeting["starts_at"] = _slot_start(meeting["slot"])

    async def swap(self, event_id: str, meeting_ids: list[str], token: str) -> None:
        _require_broker(token)
        first, second = (self._meeting(event_id, m) for m in meeting_ids)
        for key in ("slot", "table", "starts_at"):
            first[key], second[key] = second[key], first[key]
        first["pinned"] = second["pinned"] = True

    async def record_outcome(
        self, event_id: str, meeting_id: str, body: Mapping[str, Any], token: str
    ) -> None:
        _require_broker(token)
        meeting = self._meeting(event_id, meeting_id)
        if event_id not in self.started:
            raise refused("meeting.started", "state-conflict", "once the meeting has started")
        if body["organization_id"] not in (meeting["supplier_id"], meeting["seeker_id"]):
            raise ForbiddenError("only the two participants")
        meeting["outcomes"][body["organization_id"]] = body["outcome"]

    async def meeting_requests(self, event_id: str, token: str) -> list[Mapping[str, Any]]:
        org = _claims(token).get("org_id")
        found = self.requests.get(event_id, [])
        return [r for r in found if org in (r["from_organization_id"], r["to_organization_id"])]

    async def send_request(self, event_id: str, body: Mapping[str, Any], token: str) -> None:
        org, seats = _claims(token)["org_id"], self.registrations.get(event_id, {})
        if not _seated(seats.get(org)):
            raise refused("participant.registered", "state-conflict", "only registered ones")
        to = body.get("to_organization_id")
        if not body.get("reason"):
            raise refused("body.reason", "missing", "Field required")
        if to == org or not _seated(seats.get(str(to))):
            raise refused("body.to_organization_id", "rule-violated", "ask a registered one")
        sent = self.requests.setdefault(event_id, [])
        sent.append({
            "request_id": f"req_{len(sent) + 1}", "from_organization_id": org,
            "to_organization_id": to, "reason": body["reason"], "status": "sent",
            "sent_at": "2026-12-02T03:00:00+00:00", "expires_at": "2026-12-09T03:00:00+00:00",
        })  # fmt: skip

    async def answer_request(
        self, event_id: str, request_id: str, accept: bool, token: str
    ) -> None:
        org = _claims(token)["org_id"]
        found = [r for r in self.requests.get(event_id, []) if r["request_id"] == request_id]
        if not found or found[0]["to_organization_id"] != org:
            raise NotFoundError("Không tìm thấy đề nghị gặp này.")
        if found[0]["status"] != "sent":
            raise refused("meeting_request.sent", "state-conflict", "the request is answered")
        found[0]["status"] = "accepted" if accept else "declined"

    def _open(self, event_id: str) -> dict[str, Any]:
        event: dict[str, Any] = self.events[event_id]
        if event["status"] != "announced":
            status = event["status"]
            raise refused(f"connection_event.{status}", "state-conflict", f"it is {status}")
        return event

    def _meeting(self, event_id: str, meeting_id: str) -> dict[str, Any]:
        for meeting in self.meetings_of.get(event_id, []):
            if meeting["meeting_id"] == meeting_id:
                return meeting
        raise NotFoundError("Không tìm thấy cuộc gặp này.")


def _seated(registration: Mapping[str, Any] | None) -> bool:
    return registration is not None and registration["status"] == "registered"


def _slot_start(slot: int) -> str:
    return (FIRST_SLOT + timedelta(minutes=20 * slot)).isoformat()


def _meeting(meeting_id: str, supplier: str, seeker: str, slot: int) -> dict[str, Any]:
    return {
        "meeting_id": meeting_id, "supplier_id": supplier, "seeker_id": seeker, "slot": slot,
        "table": 1, "starts_at": _slot_start(slot), "pinned": False, "requested": False,
        "outcomes": {},
    }  # fmt: skip

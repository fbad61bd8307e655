"""An organisation at a techmart: its own B2B meetings (the other side's public name, the time in
the province's zone), the participants it may ask to meet, and the meeting requests it sent and
received. Who may meet whom is the matching service's rule: the portal lists every other seated
participant and shows the API's refusal beside the field."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from typing import Any

from services.portal.domain import formatting, labels
from shared.clock import PROVINCE_ZONE

REQUEST_PLACES = {"to_organization_id": "to_organization_id", "reason": "request-reason"}
"""The API's field → the input of the request form it concerns."""
REQUEST_FIELDS = {
    "to_organization_id": "Đơn vị muốn gặp",
    "request-reason": "Nội dung muốn trao đổi",
}


@dataclass(frozen=True)
class OwnMeeting:
    starts: str
    table: int
    other: str
    """The other side's public name."""
    starts_at: datetime


def other_side(raw: Mapping[str, Any], me: str) -> str:
    """The organisation `me` meets in this meeting."""
    return str(raw["seeker_id"] if raw["supplier_id"] == me else raw["supplier_id"])


def own_meeting(
    raw: Mapping[str, Any], me: str, names: Mapping[str, str], zone: tzinfo = PROVINCE_ZONE
) -> OwnMeeting:
    starts = datetime.fromisoformat(str(raw["starts_at"])).astimezone(zone)
    other = other_side(raw, me)
    return OwnMeeting(
        starts=f"{starts:%H:%M} {formatting.day(starts.date())}",
        table=int(raw.get("table", 0)),
        other=names.get(other, other),
        starts_at=starts,
    )


@dataclass(frozen=True)
class Partner:
    """A participant the organisation may ask to meet."""

    organization_id: str
    name: str
    role_label: str


def partners(
    participants: list[Mapping[str, Any]], me: str, names: Mapping[str, str]
) -> list[Partner]:
    """Every other seated participant, by name."""
    found = [
        Partner(
            str(p["organization_id"]),
            names.get(str(p["organization_id"]), str(p["organization_id"])),
            labels.label(labels.PARTICIPANT_ROLES, p.get("role")),
        )
        for p in participants
        if p.get("status") == "registered" and p["organization_id"] != me
    ]
    return sorted(found, key=lambda p: p.name)


def is_seated(participants: list[Mapping[str, Any]], me: str) -> bool:
    return any(p["organization_id"] == me and p.get("status") == "registered" for p in participants)


@dataclass(frozen=True)
class RequestView:
    request_id: str
    other: str
    reason: str
    state_label: str
    sent_on: str
    answerable: bool
    """Received and still waiting for this organisation's answer."""


def request_view(raw: Mapping[str, Any], me: str, names: Mapping[str, str]) -> RequestView:
    received = raw["to_organization_id"] == me
    other = str(raw["from_organization_id"] if received else raw["to_organization_id"])
    return RequestView(
        request_id=str(raw["request_id"]),
        other=names.get(other, other),
        reason=str(raw.get("reason", "")),
        state_label=labels.label(labels.MEETING_REQUEST_STATES, raw.get("status")),
        sent_on=formatting.local_day(datetime.fromisoformat(str(raw["sent_at"]))),
        answerable=received and raw.get("status") == "sent",
    )


@dataclass(frozen=True)
class RequestForm:
    to_organization_id: str = ""
    reason: str = ""
    errors: dict[str, str] = field(default_factory=dict)

    def error_summary(self) -> list[tuple[str, str, str]]:
        return [(n, REQUEST_FIELDS.get(n, ""), m) for n, m in self.errors.items()]


def read_request(data: Mapping[str, str]) -> RequestForm:
    return RequestForm(data.get("to_organization_id", "").strip(), data.get("reason", "").strip())


def request_body(form: RequestForm) -> dict[str, str]:
    """A blank field is left out, for the API to say it is missing."""
    typed = {"to_organization_id": form.to_organization_id, "reason": form.reason}
    return {name: value for name, value in typed.items() if value}


REQUEST_NOTICES = {
    "gui": "Đã gửi đề nghị gặp; đơn vị được mời nhận thư và trả lời trên trang này.",
    "nhan-loi": "Đã nhận lời: cuộc gặp được ưu tiên khi Sở xếp lịch B2B.",
    "tu-choi": "Đã từ chối đề nghị gặp.",
}
"""What the page says after each action (`?xong=`)."""

"""The broker's event desk: the plan pre-filled to change it (in the province's time), the
participants apart from the waiting list, the meetings with their pins and outcomes, the grid a
meeting may be pinned to, and the desk's small forms (cancel, close, pin, swap, outcome) as typed,
with the API's refusals beside their fields."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from typing import Any

from services.portal.domain import labels
from services.portal.domain.event_form import MOMENTS, NUMBER_FIELDS, TEXT_FIELDS, EventForm
from services.portal.domain.participation import MeetingView, ParticipantView, meeting_view
from shared.clock import PROVINCE_ZONE

DESK_FIELDS = {
    "reason": "Lý do hủy",
    "mous_signed": "Số biên bản ghi nhớ (MoU) đã ký",
    "pin-meeting": "Cuộc gặp cần ghim",
    "pin-slot": "Phiên",
    "pin-table": "Bàn",
    "swap-first": "Cuộc gặp thứ nhất",
    "swap-second": "Cuộc gặp thứ hai",
    "outcome-for": "Cuộc gặp và đơn vị được ghi",
    "outcome": "Kết quả",
}
"""The id of each input of the desk's forms (unique on the page) and its Vietnamese name."""
PLACES = {
    "cancel": {"reason": "reason"},
    "close": {"mous_signed": "mous_signed"},
    "pin": {"meeting_id": "pin-meeting", "slot": "pin-slot", "table": "pin-table",
            "pins": "pin-slot"},
    "swap": {"meeting_ids": "swap-first", "meeting_id": "swap-first", "pins": "swap-first"},
    "outcome": {"meeting_id": "outcome-for", "meeting": "outcome-for",
                "organization_id": "outcome-for", "outcome": "outcome"},
}  # fmt: skip
"""Per form: the API's field or rule → the input it concerns."""
DONE_NOTICES = {
    "cong-bo": "Đã công bố sự kiện; các đơn vị đăng ký tham gia từ trang công khai.",
    "sua": "Đã lưu thay đổi của sự kiện.",
    "xep-lich": "Đã xếp lịch gặp B2B; các đơn vị nhận lịch qua thư.",
    "huy": "Đã hủy sự kiện và các cuộc gặp của nó.",
    "huy-dang-ky": "Đã hủy đăng ký của đơn vị và các cuộc gặp của đơn vị; đơn vị đầu danh sách "
    "chờ (nếu có) được xếp chỗ.",
    "ket-thuc": "Đã kết thúc sự kiện và ghi nhận số liệu.",
    "ghim": "Đã ghim cuộc gặp và xếp lại lịch quanh nó; các đơn vị có cuộc gặp đổi giờ nhận thư.",
    "doi-cho": "Đã đổi chỗ hai cuộc gặp (cả hai được ghim) và xếp lại lịch.",
    "ket-qua": "Đã ghi kết quả cuộc gặp.",
}
"""What the desk says after each action (`?xong=`)."""


@dataclass(frozen=True)
class DeskForm:
    """What was typed in the desk's forms, kept when one is refused, and why it was."""

    values: dict[str, str] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)

    def value(self, name: str) -> str:
        return self.values.get(name, "")

    def error_summary(self) -> list[tuple[str, str, str]]:
        """(input id, its Vietnamese name, the message) for the summary that links each one."""
        return [(name, DESK_FIELDS.get(name, ""), message) for name, message in self.errors.items()]


def read_desk_form(data: Mapping[str, str]) -> DeskForm:
    return DeskForm({name: data.get(name, "").strip() for name in DESK_FIELDS})


def number_or_text(value: str) -> int | str:
    """A number as the API reads it; anything else as typed, for the API to name the field."""
    return int(value) if value.isdigit() else value


def pin_body(form: DeskForm) -> dict[str, Any]:
    """Blank slot or table: where the meeting already is."""
    body: dict[str, Any] = {}
    for api_field, name in (("slot", "pin-slot"), ("table", "pin-table")):
        if form.value(name):
            body[api_field] = number_or_text(form.value(name))
    return body


def outcome_target(form: DeskForm) -> tuple[str, dict[str, Any]]:
    """The meeting and the API body: one choice names the meeting and the side recorded for
    (`{meeting_id}:{organization_id}`), so no side outside the meeting can be chosen."""
    meeting_id, _, side = form.value("outcome-for").partition(":")
    return meeting_id, {"outcome": form.value("outcome"), "organization_id": side}


def change_form(raw: Mapping[str, Any], zone: tzinfo = PROVINCE_ZONE) -> EventForm:
    """The event's plan as the announce form shows it, to be changed."""
    values = {name: str(raw.get(name) or "") for name in (*TEXT_FIELDS, *NUMBER_FIELDS)}
    for api_field, pair in MOMENTS.items():
        moment = datetime.fromisoformat(str(raw[api_field])).astimezone(zone)
        values[f"{pair}_day"], values[f"{pair}_time"] = f"{moment:%Y-%m-%d}", f"{moment:%H:%M}"
    sectors = tuple(raw.get("focus_sectors") or ())
    return EventForm(values, sectors, waitlist=bool(raw.get("waitlist", True)))


def change_body(body: Mapping[str, Any]) -> dict[str, Any]:
    """The announce form's body as a change: a venue or link left blank is removed."""
    return {"venue": None, "online_url": None, **body}


@dataclass(frozen=True)
class Grid:
    """Where a meeting may be pinned: the event's slots (0-based, with their time) and tables."""

    slots: list[tuple[int, str]]
    tables: list[int]


def grid(raw: Mapping[str, Any], zone: tzinfo = PROVINCE_ZONE) -> Grid:
    starts = [datetime.fromisoformat(str(s)).astimezone(zone) for s in raw.get("slot_starts", [])]
    return Grid(
        slots=[(n, f"{start:%H:%M}") for n, start in enumerate(starts)],
        tables=list(range(1, int(raw.get("tables", 0)) + 1)),
    )


@dataclass(frozen=True)
class DeskMeeting:
    meeting: MeetingView
    meeting_id: str
    pinned: bool
    requested: bool
    outcomes: tuple[tuple[str, str], ...]
    """(name, recorded outcome) of each side, the outcome `—` when none."""
    sides: tuple[tuple[str, str], ...]
    """(organisation id, name) of the supplier, then the seeker."""

    @property
    def choice(self) -> str:
        """How the desk's lists of meetings name it."""
        m = self.meeting
        return f"{m.starts} · bàn {m.table} · {m.supplier} – {m.seeker}"

    @property
    def outcome_choices(self) -> list[tuple[str, str]]:
        """(value, label) of recording this meeting's outcome for each of its sides."""
        return [
            (f"{self.meeting_id}:{org}", f"{self.choice} — ghi cho {name}")
            for org, name in self.sides
        ]


def desk_meeting(raw: Mapping[str, Any], names: Mapping[str, str]) -> DeskMeeting:
    view = meeting_view(raw, names)
    outcomes = raw.get("outcomes") or {}
    ids = (str(raw["supplier_id"]), str(raw["seeker_id"]))
    sides = tuple((org, names.get(org, org)) for org in ids)
    recorded = tuple(
        (name, labels.label(labels.MEETING_OUTCOMES, outcomes.get(org)) or "—")
        for org, name in sides
    )
    return DeskMeeting(
        meeting=view,
        meeting_id=str(raw["meeting_id"]),
        pinned=bool(raw.get("pinned")),
        requested=bool(raw.get("requested")),
        outcomes=recorded,
        sides=sides,
    )


@dataclass(frozen=True)
class Roster:
    seated: list[ParticipantView]
    waiting: list[ParticipantView]
    """In the order they registered: the first moves up when a seat frees."""


def roster(raw: list[Mapping[str, Any]], views: list[ParticipantView]) -> Roster:
    """The API's participants (with their views, in the same order), cancelled ones left out."""
    ordered = sorted(zip(raw, views, strict=True), key=lambda p: str(p[0].get("registered_at")))
    return Roster(
        seated=[v for r, v in ordered if r.get("status") == "registered"],
        waiting=[v for r, v in ordered if r.get("status") == "waitlisted"],
    )

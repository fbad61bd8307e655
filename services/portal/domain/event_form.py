"""The broker's form announcing a connection event: what was typed, kept to show again, and the
API body it makes. Days and times are typed in the province's time (UTC+7) and sent with their
offset; the plan's rules (a venue or a link, the deadline before the start, the meeting slots
within the day) are the matching service's, which names the field it refuses. The waiting list
is on unless the broker unticks it: a full event then refuses new registrations."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from services.portal.domain import labels

PROVINCE_OFFSET = "+07:00"
"""Asia/Ho_Chi_Minh has kept UTC+7, without daylight saving, since 1975."""
MOMENTS = {"starts_at": "starts", "ends_at": "ends", "registration_deadline": "deadline"}
"""API field → the form's pair of inputs `<name>_day` and `<name>_time`."""
TEXT_FIELDS = ("title", "kind", "venue", "online_url")
NUMBER_FIELDS = ("capacity", "slot_minutes", "slot_count", "tables")
FIELDS = (*TEXT_FIELDS, *NUMBER_FIELDS, *MOMENTS, "focus_sectors")
FIELD_LABELS = {
    "title": "Tên sự kiện", "kind": "Loại sự kiện", "venue": "Địa điểm",
    "online_url": "Đường dẫn trực tuyến", "capacity": "Số đơn vị tham gia tối đa",
    "slot_minutes": "Số phút mỗi phiên", "slot_count": "Số phiên gặp B2B", "tables": "Số bàn gặp",
    "starts_at": "Bắt đầu", "ends_at": "Kết thúc", "registration_deadline": "Hạn đăng ký",
    "focus_sectors": "Lĩnh vực trọng tâm",
}  # fmt: skip
PLAN_RULES = (
    "Kiểm tra lại kế hoạch: cần địa điểm hoặc đường dẫn trực tuyến (https://…); hạn đăng ký "
    "không sau giờ bắt đầu; các phiên gặp (số phiên × số phút) phải nằm trong thời gian sự kiện."
)
"""The plan's rules across fields, in Vietnamese: the API names no single field for them."""
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_TIME = re.compile(r"^\d{2}:\d{2}$")


@dataclass(frozen=True)
class EventForm:
    values: dict[str, str]
    sectors: tuple[str, ...] = ()
    errors: dict[str, str] = field(default_factory=dict)
    waitlist: bool = True
    """Over capacity, registrations wait for a seat (the matching API's default) or are refused."""

    def value(self, name: str) -> str:
        return self.values.get(name, "")

    def with_errors(self, errors: dict[str, str]) -> EventForm:
        return replace(self, errors=errors)

    def error_summary(self) -> list[tuple[str, str, str]]:
        """(the id the summary links to, the field's Vietnamese name, the message), in the
        form's order; what concerns the whole plan (`_form`) is shown apart."""
        return [
            (name, FIELD_LABELS[name], self.errors[name]) for name in FIELDS if name in self.errors
        ]


def read_event_form(lists: Mapping[str, list[str]]) -> EventForm:
    names = [*TEXT_FIELDS, *NUMBER_FIELDS]
    names += [f"{pair}_{part}" for pair in MOMENTS.values() for part in ("day", "time")]
    values = {name: (lists.get(name) or [""])[-1].strip() for name in names}
    if values["kind"] not in labels.EVENT_KINDS:
        values["kind"] = "techmart"
    sectors = tuple(s for s in lists.get("focus_sectors", []) if s in labels.SECTORS)
    return EventForm(values, sectors, waitlist=_waitlist(lists.get("waitlist")))


def _waitlist(posted: list[str] | None) -> bool:
    """The form posts a hidden "off", then "on" when the box is ticked; a form never posted
    (a new one) has the waiting list on."""
    return not posted or posted[-1] == "on"


def event_body(form: EventForm) -> dict[str, Any]:
    """What was filled in, as the API reads it; a malformed day or time goes as typed, for the
    API to name the field."""
    v = form.values
    body: dict[str, Any] = {name: v[name] for name in TEXT_FIELDS if v.get(name)}
    for name in NUMBER_FIELDS:
        if v.get(name):
            body[name] = int(v[name]) if v[name].isdigit() else v[name]
    for api_field, pair in MOMENTS.items():
        day, time = v.get(f"{pair}_day", ""), v.get(f"{pair}_time", "")
        if day or time:
            well_formed = _DAY.match(day) and _TIME.match(time)
            body[api_field] = (
                f"{day}T{time}:00{PROVINCE_OFFSET}" if well_formed else f"{day} {time}"
            )
    body["focus_sectors"] = list(form.sectors)
    body["waitlist"] = form.waitlist
    return body

"""The matching service's refusals of a techmart's actions (change, cancel, close, pin, swap,
outcomes, meeting requests) worded in Vietnamese, each placed beside the form field it concerns.

The API names either a body field (`body.slot`) or the rule the event's state broke
(`connection_event.started`); the words are the portal's. A rule without Vietnamese words yet
still shows, with the API's message after "Không hợp lệ: ", so nothing is hidden.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from services.portal.domain.field_errors import worded

RULE_WORDS = {
    "connection_event.started": "Sự kiện chỉ kết thúc được khi đã bắt đầu.",
    "connection_event.cancelled": "Sự kiện đã hủy: không thay đổi được gì nữa.",
    "connection_event.closed": "Sự kiện đã kết thúc: không thay đổi được gì nữa.",
    "registration.active": "Đơn vị này không còn đăng ký nào để hủy.",
    "meeting.started": "Chỉ ghi kết quả khi cuộc gặp đã bắt đầu.",
    "meeting.scheduled": "Cuộc gặp này đã bị hủy.",
    "meeting_id": "Không có cuộc gặp này trong lịch của sự kiện.",
    "pins": "Có cuộc gặp đã ghim sẽ nằm ngoài số phiên hoặc số bàn: đổi phiên, bàn hoặc bỏ ghim.",
    "participant.registered": "Chỉ đơn vị đã đăng ký (không trong danh sách chờ) mới gửi được "
    "đề nghị gặp.",
    "to_organization_id": "Chọn một đơn vị đã đăng ký có thể gặp: bên cung ứng gặp bên có nhu "
    "cầu, không gặp chính mình.",
    "meeting_request.once": "Hai đơn vị đã có một đề nghị gặp đang chờ hoặc đã được nhận lời.",
    "meeting_request.sent": "Đề nghị này đã được trả lời.",
    "meeting_request.expires_at": "Đề nghị này đã hết hạn.",
    "request_id": "Không tìm thấy đề nghị gặp này.",
    "title": "Tên sự kiện từ 3 đến 300 ký tự.",
    "venue": "Địa điểm tối đa 300 ký tự.",
    "online_url": "Đường dẫn trực tuyến bắt đầu bằng https://",
    "focus_sectors": "Chọn ít nhất một lĩnh vực trọng tâm.",
    "capacity": "Số đơn vị tham gia tối đa từ 1 đến 5000.",
    "slot_minutes": "Mỗi phiên gặp từ 5 đến 240 phút.",
    "slot_count": "Từ 1 đến 64 phiên gặp.",
    "tables": "Từ 1 đến 500 bàn gặp.",
    "starts_at": "Chọn ngày và giờ.",
    "ends_at": "Chọn ngày và giờ.",
    "registration_deadline": "Chọn ngày và giờ.",
    "slot": "Chọn một phiên trong lịch của sự kiện.",
    "table": "Chọn một bàn của sự kiện.",
}
"""By the API's field or rule, without `body.`. A change of an event's plan is checked whole by
the API, which then names the field and its rule but not the bound: the plan's bounds are
worded here."""
WORDED_BY_TYPE = frozenset({"missing", "string_too_short", "string_too_long", "too_short",
                            "too_long", "greater_than_equal", "less_than_equal", "int_parsing",
                            "enum", "literal_error"})  # fmt: skip
"""Validation codes whose own wording (with its limit) beats the rule's."""


def desk_errors(errors: Iterable[Mapping[str, Any]], places: Mapping[str, str]) -> dict[str, str]:
    """`{the page's field id: Vietnamese message}`; `places` maps the API's field or rule (without
    `body.`) to the id of the input it concerns; what has no place goes under `_form`."""
    found: dict[str, str] = {}
    for error in errors:
        name = str(error.get("field", "")).removeprefix("body.")
        place = places.get(name) or places.get(name.split(".")[0]) or "_form"
        found.setdefault(place, _words(error, name))
    return found


def _words(error: Mapping[str, Any], name: str) -> str:
    code = str(error.get("code") or "")
    rule = RULE_WORDS.get(name) or RULE_WORDS.get(name.split(".")[0])
    if rule is not None and code not in WORDED_BY_TYPE:
        return rule
    return worded(error, name)

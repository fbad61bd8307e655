"""An organisation's nominations as its page shows them, and the nomination form: the
programme's category, the nominee (itself unless it nominates another) and the narrative.
Who may nominate whom, and what a nomination must hold, are the awards service's rules."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from services.portal.domain import labels

OPEN = "open"
RULES = {
    "nomination-window-closed": "Chương trình đã hết hạn nhận đề cử.",
    "programme-not-open": "Chương trình chưa mở hoặc đã đóng nhận đề cử.",
    "duplicate-nomination": "Đơn vị này đã được đề cử ở hạng mục này.",
    "nominator-not-allowed": "Doanh nghiệp, hợp tác xã chỉ tự đề cử; hội, hiệp hội và cơ quan "
    "nhà nước đề cử được đơn vị khác.",
    "nominator-unknown": "Tổ chức của bạn chưa được xác minh trên sàn.",
    "nominee-unknown": "Không tìm thấy đơn vị được đề cử trên sàn (kiểm tra mã đơn vị).",
    "category-not-found": "Chọn một hạng mục của chương trình đang nhận đề cử.",
}
"""The awards service's refusals of a nomination, by problem code, in Vietnamese."""
FIELDS = ("category_id", "nominee_organization_id", "narrative", "links")


@dataclass(frozen=True)
class NominationView:
    nomination_id: str
    nominee: str
    category: str
    state_label: str
    nominated_itself: bool


def nomination_view(raw: Mapping[str, Any], categories: Mapping[str, str]) -> NominationView:
    nominee = raw.get("nominee") or {}
    return NominationView(
        nomination_id=str(raw["nomination_id"]),
        nominee=str(nominee.get("name", "")),
        category=categories.get(str(raw.get("category_id")), str(raw.get("category_id", ""))),
        state_label=labels.label(labels.NOMINATION_STATES, raw.get("status")),
        nominated_itself=raw.get("nominator_organization_id") == nominee.get("organization_id"),
    )


@dataclass(frozen=True)
class Choice:
    """A category of an open programme, as the form's select offers it."""

    value: str
    label: str


def open_categories(programmes: list[Mapping[str, Any]]) -> list[Choice]:
    """`<programme id>/<category id>` of every open programme's categories."""
    return [
        Choice(
            f"{p['programme_id']}/{c['category_id']}", f"{p.get('title', '')}: {c.get('name', '')}"
        )
        for p in programmes
        if p.get("status") == OPEN
        for c in p.get("categories") or ()
    ]


@dataclass(frozen=True)
class NominationForm:
    values: dict[str, str]
    errors: dict[str, str] = field(default_factory=dict)

    def value(self, name: str) -> str:
        return self.values.get(name, "")

    def with_errors(self, errors: dict[str, str]) -> NominationForm:
        return NominationForm(self.values, errors)


def read_nomination_form(data: Mapping[str, str]) -> NominationForm:
    names = ("choice", "nominee_organization_id", "narrative", "links")
    return NominationForm({name: str(data.get(name, "")).strip() for name in names})


def nomination_target(form: NominationForm, own_organization_id: str) -> tuple[str, dict[str, Any]]:
    """The programme to nominate in, and the API body: the nominee is the organisation itself
    unless another is named; links one per line."""
    programme_id, _, category_id = form.value("choice").partition("/")
    body: dict[str, Any] = {
        "category_id": category_id,
        "nominee_organization_id": form.value("nominee_organization_id") or own_organization_id,
        "narrative": form.value("narrative"),
        "links": [line.strip() for line in form.value("links").splitlines() if line.strip()],
    }
    return programme_id, body

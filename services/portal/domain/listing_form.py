"""The listing form (new, edited, or entered by a broker from a paper dossier): what was
typed, kept to show again, and the API body it makes.

The rules are the listings API's (it refuses with each field named); the form only turns
strings into the JSON the API reads and leaves out what was not filled in.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

TEXT_FIELDS = ("title", "summary", "description", "desired_outcome", "sector", "deadline")
NUMBER_FIELDS = ("trl", "min_trl", "price_vnd", "budget_max_vnd")
CHOICE_FIELDS = ("transfer_objects",)
"""Fields of several ticked values, kept comma-joined in the form's values."""
FLAGS = ("anonymous", "price_negotiable")
CONTEXT_FIELDS = ("version", "on_behalf_of")
"""Not content: the version an edit replaces, the organisation a broker enters a dossier for."""
FIELDS = (
    "kind", *TEXT_FIELDS, *NUMBER_FIELDS, "keywords", *FLAGS, *CHOICE_FIELDS, "valid_until",
    *CONTEXT_FIELDS,
)  # fmt: skip
KEPT_FIELDS = (
    "title_en", "description_en", "ip_status", "ip_registration_numbers", "ip_rights",
    "transfer_forms", "transfer_methods", "rights_mode", "budget_min_vnd", "state_funded",
    "funding_task_code", "task_result_certificate", "related_products", "ocop_products",
    "attachments", "valid_until", "location_code",
)  # fmt: skip
"""Content the form does not show: an edit (a PUT of the whole content) carries it over as the
listing holds it, so saving the form never erases what was entered elsewhere (API, import)."""
FIELD_LABELS = {
    "kind": "Loại tin",
    "title": "Tiêu đề",
    "summary": "Tóm tắt",
    "description": "Mô tả",
    "desired_outcome": "Kết quả mong muốn",
    "sector": "Lĩnh vực",
    "keywords": "Từ khóa",
    "trl": "Mức sẵn sàng công nghệ (TRL)",
    "min_trl": "TRL thấp nhất chấp nhận",
    "transfer_objects": "Đối tượng chuyển giao",
    "price_vnd": "Giá chuyển giao",
    "price_negotiable": "Giá thỏa thuận",
    "budget_min_vnd": "Kinh phí tối thiểu",
    "budget_max_vnd": "Kinh phí tối đa",
    "deadline": "Cần trước ngày",
    "anonymous": "Ẩn tên đơn vị đặt hàng",
    "valid_until": "Hiệu lực đến ngày",
    "location_code": "Mã địa bàn",
    "on_behalf_of": "Tổ chức",
    "version": "Phiên bản",
    "_form": "Tin",
}
"""Each field's name in Vietnamese, as the error summary and the import report name it."""


@dataclass(frozen=True)
class ListingForm:
    values: dict[str, str]
    errors: dict[str, str] = field(default_factory=dict)

    def value(self, name: str) -> str:
        return self.values.get(name, "")

    @property
    def is_offer(self) -> bool:
        return self.values.get("kind") == "offer"

    @property
    def description_label(self) -> str:
        return "Mô tả công nghệ" if self.is_offer else "Vấn đề cần giải quyết"

    def chosen(self, name: str) -> set[str]:
        return {v for v in self.values.get(name, "").split(",") if v}

    def with_errors(self, errors: dict[str, str]) -> ListingForm:
        return ListingForm(values=self.values, errors=errors)

    def error_summary(self) -> list[tuple[str, str, str]]:
        """(field id, its Vietnamese name, the message) of each refused field, in form order:
        the summary at the top links each one."""
        order = {name: i for i, name in enumerate(FIELDS)}
        named = sorted(self.errors.items(), key=lambda item: order.get(item[0], -1))
        return [(name, FIELD_LABELS.get(name, name), message) for name, message in named]


def read_listing_form(data: Mapping[str, str]) -> ListingForm:
    """Browsers send a textarea's line breaks as CRLF while the listing holds LF: read as LF,
    an untouched text stays equal to the listing's (a published listing's edit of its dates
    alone then goes public at once instead of waiting for a broker)."""
    return ListingForm(
        values={name: str(data.get(name, "")).replace("\r\n", "\n").strip() for name in FIELDS}
    )


def read_posted_listing_form(lists: Mapping[str, list[str]]) -> ListingForm:
    """A posted form: the last value of a field, every ticked value of a choice field."""
    flat = {name: values[-1] for name, values in lists.items() if values}
    for name in CHOICE_FIELDS:
        flat[name] = ",".join(v.strip() for v in lists.get(name, []) if v.strip())
    return read_listing_form(flat)


def api_body(form: ListingForm) -> dict[str, Any]:
    v = form.values
    body: dict[str, Any] = {"kind": v.get("kind", "")}
    for name in (*TEXT_FIELDS, "valid_until"):
        if v.get(name):
            body[name] = v[name]
    for name in NUMBER_FIELDS:
        if v.get(name):
            # Digits become a number; anything else goes as typed and the API names the field.
            text = v[name].replace(".", "").replace(" ", "")
            body[name] = int(text) if text.isdigit() else v[name]
    keywords = [k.strip() for k in v.get("keywords", "").split(",") if k.strip()]
    if keywords:
        body["keywords"] = keywords
    if v.get("kind") == "demand":
        body["anonymous"] = _ticked(v.get("anonymous"))
    else:
        body["price_negotiable"] = _ticked(v.get("price_negotiable"))
        body["transfer_objects"] = sorted(form.chosen("transfer_objects"))
    return body


def form_of_listing(raw: Mapping[str, Any]) -> ListingForm:
    """The form pre-filled from the API's listing (the owner's view): its pending revision when
    one waits for a broker, since that is what the owner last wrote."""
    content = _content(raw)
    values = {name: _text(content.get(name)) for name in (*TEXT_FIELDS, *NUMBER_FIELDS)}
    values["kind"] = str(raw.get("kind", ""))
    values["keywords"] = ", ".join(str(k) for k in content.get("keywords") or [])
    values["transfer_objects"] = ",".join(str(k) for k in content.get("transfer_objects") or [])
    for flag in FLAGS:
        values[flag] = "on" if content.get(flag) else ""
    values["version"] = str(raw.get("version", ""))
    return read_listing_form(values)


def edit_body(form: ListingForm, listing: Mapping[str, Any]) -> dict[str, Any]:
    """The whole new content for `PUT /v1/listings/{id}`: the form's fields over what the form
    does not show (`KEPT_FIELDS`, as the listing holds them), with the version it replaces."""
    content = _content(listing)
    kept = {name: content[name] for name in KEPT_FIELDS if content.get(name) not in (None, [])}
    version = form.value("version")
    body = kept | api_body(form) | {"version": int(version) if version.isdigit() else version}
    stored = list(content.get("transfer_objects") or [])
    if "transfer_objects" in body and set(body["transfer_objects"]) == set(stored):
        # The same ticks, in the order the listing holds them: an untouched edit changes nothing.
        body["transfer_objects"] = stored
    return body


def _content(raw: Mapping[str, Any]) -> Mapping[str, Any]:
    """The listing's content as its owner last wrote it. The public view names its place
    (`location`) rather than the code it was given; a pending revision holds the code."""
    pending = (raw.get("private") or {}).get("pending_revision")
    if pending:
        return dict(pending)
    location = raw.get("location") or {}
    return {**raw, "location_code": location.get("code")}


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _ticked(value: str | None) -> bool:
    return value in {"on", "true", "1"}

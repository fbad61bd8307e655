"""The API's field refusals (problem+json `errors[]`) worded in Vietnamese, per form field.

The API names the rule (`code`) and its bound (`limit`); the words are the portal's. A rule
the table does not know still shows, with the API's own message, so nothing is hidden.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

MESSAGES = {
    "missing": "Bắt buộc nhập.",
    "string_too_short": "Quá ngắn: tối thiểu {limit} ký tự.",
    "string_too_long": "Quá dài: tối đa {limit} ký tự.",
    "too_short": "Cần ít nhất {limit} mục.",
    "too_long": "Tối đa {limit} mục.",
    "greater_than_equal": "Giá trị nhỏ nhất là {limit}.",
    "less_than_equal": "Giá trị lớn nhất là {limit}.",
    "greater_than": "Phải lớn hơn {limit}.",
    "less_than": "Phải nhỏ hơn {limit}.",
    "int_parsing": "Phải là một số nguyên.",
    "date_from_datetime_parsing": "Ngày không hợp lệ (dd/mm/yyyy).",
    "date_parsing": "Ngày không hợp lệ (dd/mm/yyyy).",
    "datetime_parsing": "Chọn ngày và giờ.",
    "datetime_from_date_parsing": "Chọn ngày và giờ.",
    "timezone_aware": "Chọn ngày và giờ.",
    "enum": "Giá trị không có trong danh sách.",
    "literal_error": "Giá trị không có trong danh sách.",
    "bool_parsing": "Chọn có hoặc không.",
    "string_pattern_mismatch": "Không đúng định dạng.",
    "extra_forbidden": "Cột này không có trong mẫu (tên cột viết sai?).",
    "invalid-row": "Dòng này không đọc được.",
}


RULE_CODES = frozenset(
    {"value_error", "validation-failed", "string_pattern_mismatch", "organization-unverified"}
)
"""Codes of a rule particular to one field (a check digit, today's communes…): the field's own
wording below says what it needs."""
FIELD_RULES = {
    "tax_code": "Mã số thuế gồm 10 chữ số (13 với chi nhánh: 0123456789-001), chữ số thứ 10 "
    "phải đúng; doanh nghiệp bắt buộc khai.",
    "phone": "Số điện thoại Việt Nam, ví dụ 0905 123 456 hoặc 0260 3862 345.",
    "email": "Địa chỉ thư điện tử dạng ten@donvi.vn.",
    "province_code": "Chọn một tỉnh, thành phố hiện nay (sau ngày 01/07/2025).",
    "commune_code": "Chọn xã, phường, đặc khu hiện nay thuộc tỉnh đã chọn.",
    "st_enterprise_certificate": "Doanh nghiệp khoa học và công nghệ (và chỉ loại này) khai số "
    "giấy chứng nhận.",
    "trl": "Công nghệ chào bán cần nêu mức sẵn sàng (TRL 1–9).",
    "transfer_objects": "Chọn ít nhất một đối tượng chuyển giao.",
    "price_vnd": "Nêu giá (đồng) hoặc chọn giá thỏa thuận.",
    "desired_outcome": "Đặt hàng cần nêu kết quả mong muốn.",
    "budget_min_vnd": "Kinh phí thấp nhất không được lớn hơn kinh phí tối đa.",
    "deadline": "Ngày không được ở quá khứ.",
    "valid_until": "Ngày không được ở quá khứ.",
    "on_behalf_of": "Chọn một tổ chức đã được Sở xác minh.",
    "location_code": "Mã tỉnh hoặc xã, phường theo danh mục của Tổng cục Thống kê (ví dụ 23425).",
}


def field_messages(errors: Iterable[Mapping[str, Any]], fields: Iterable[str]) -> dict[str, str]:
    """`{form field: Vietnamese message}`; errors on no form field go under `_form`."""
    known = set(fields)
    found: dict[str, str] = {}
    for error in errors:
        field = _form_field(str(error.get("field", "")), known)
        found.setdefault(field, worded(error, field))
    return found


def _form_field(path: str, known: set[str]) -> str:
    """`body.title` → `title`; `body.keywords.2` → `keywords`; otherwise `_form`."""
    parts = [p for p in path.split(".") if p and p != "body"]
    return parts[0] if parts and parts[0] in known else "_form"


def worded(error: Mapping[str, Any], field: str) -> str:
    """One refusal of `field` in Vietnamese: the field's own rule, the rule's words, or the
    API's message after "Không hợp lệ: "."""
    code = str(error.get("code") or "")
    if code in RULE_CODES and field in FIELD_RULES:
        return FIELD_RULES[field]
    template = MESSAGES.get(code)
    if template is None:
        return f"Không hợp lệ: {error.get('message', '')}".strip()
    return template.format(limit=error.get("limit", ""))

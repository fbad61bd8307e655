"""Bulk import of a CSV catalogue: the template offered for download, what each column means,
and the listings API's refusal read as a report by line of the file.

The importer is the listings service's (`POST /v1/listings/import`): it checks every row with
the rules of a single listing and imports all rows or none. The portal only words its report.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from services.portal.domain.field_errors import worded
from services.portal.domain.labels import SECTORS, TRANSFER_OBJECTS
from services.portal.domain.listing_form import FIELD_LABELS

MAX_CATALOGUE_BYTES = 1024 * 1024
"""The listings API reads a catalogue of at most 1 MiB."""
LIST_SEPARATOR = ";"

COLUMNS: tuple[tuple[str, str], ...] = (
    ("kind", "Bắt buộc. offer (chào bán) hoặc demand (đặt hàng)."),
    ("title", "Bắt buộc. Tiêu đề, 5–300 ký tự."),
    ("summary", "Bắt buộc. Tóm tắt một đoạn, 10–2.000 ký tự."),
    ("description", "Bắt buộc. Chào bán: mô tả công nghệ; đặt hàng: vấn đề cần giải quyết."),
    ("desired_outcome", "Đặt hàng: bắt buộc, kết quả mong muốn."),
    ("sector", "Bắt buộc. Mã lĩnh vực (bảng dưới)."),
    ("keywords", "Từ khóa, cách nhau bởi dấu chấm phẩy (;)."),
    ("trl", "Chào bán: bắt buộc, mức sẵn sàng công nghệ 1–9."),
    ("min_trl", "Đặt hàng: TRL thấp nhất chấp nhận, 1–9."),
    (
        "transfer_objects",
        "Chào bán: bắt buộc, mã đối tượng chuyển giao (bảng dưới), cách nhau bởi ;.",
    ),
    ("price_vnd", "Chào bán: giá (đồng, chỉ ghi chữ số), hoặc để trống và ghi true ở cột sau."),
    ("price_negotiable", "Chào bán: true nếu giá thỏa thuận."),
    ("budget_max_vnd", "Đặt hàng: kinh phí tối đa (đồng, chỉ ghi chữ số)."),
    ("deadline", "Đặt hàng: cần trước ngày, dạng 2027-06-30."),
    ("valid_until", "Hiệu lực đến ngày, dạng 2027-12-31."),
    ("location_code", "Mã tỉnh hoặc xã, phường (danh mục Tổng cục Thống kê), ví dụ 23425."),
    ("anonymous", "Đặt hàng: true để ẩn tên đơn vị khi công bố."),
)
"""The template's columns and what to write in each (the importer also takes every other field
of the listings API, e.g. ip_status, state_funded)."""


def catalogue_template(today: date) -> str:
    """The downloadable template: the header and one example row of each kind, its dates a year
    ahead; with a byte-order mark so that spreadsheet programs read it as UTF-8."""
    later = (today + timedelta(days=365)).isoformat()
    sooner = (today + timedelta(days=180)).isoformat()
    examples = [
        {
            "kind": "offer", "title": "Quy trình nhân giống sâm Ngọc Linh bằng nuôi cấy mô",
            "summary": "Cây con sạch bệnh, tỷ lệ sống trên 85% khi ra vườn.",
            "description": "Quy trình năm giai đoạn, từ tạo mô sẹo đến thuần dưỡng cây con.",
            "sector": "medicinal_herbs", "keywords": "sâm Ngọc Linh;nuôi cấy mô", "trl": "7",
            "transfer_objects": "process;know_how", "price_vnd": "1200000000",
            "valid_until": later, "location_code": "23425",
        },
        {
            "kind": "demand", "title": "Cần công nghệ sấy lạnh dược liệu giữ hoạt chất",
            "summary": "Hợp tác xã cần sấy đảng sâm 500 kg mỗi mẻ, giữ màu và hoạt chất.",
            "description": "Hiện sấy bằng lò củi, sản phẩm sẫm màu và mất hoạt chất.",
            "desired_outcome": "Máy sấy lạnh 500 kg/mẻ, độ ẩm sau sấy dưới 12%.",
            "sector": "medicinal_herbs", "keywords": "sấy lạnh;dược liệu", "min_trl": "6",
            "budget_max_vnd": "800000000", "deadline": sooner, "valid_until": later,
        },
    ]  # fmt: skip
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=[name for name, _ in COLUMNS], lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(examples)
    return "\ufeff" + out.getvalue()


def file_problem(data: bytes) -> str | None:
    """Why the portal will not send this file, in Vietnamese; None when it may go."""
    if not data.strip():
        return "Chọn một tệp CSV có ít nhất một dòng tin."
    if len(data) > MAX_CATALOGUE_BYTES:
        return "Tệp lớn hơn 1 MB: chia thành nhiều tệp nhỏ hơn rồi nhập từng tệp."
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return "Tệp phải được lưu dạng CSV UTF-8 (trong Excel: Lưu thành → CSV UTF-8)."
    return None


def code_tables() -> list[tuple[str, Mapping[str, str]]]:
    """The codes a column takes, with their Vietnamese names, as the page lists them."""
    return [("sector", SECTORS), ("transfer_objects", TRANSFER_OBJECTS)]


@dataclass(frozen=True)
class RowProblem:
    """One refusal of the catalogue: the line of the file (the header is line 1), the column
    as the file names it, that column in Vietnamese, and what is wrong."""

    row: int
    column: str
    column_label: str
    message: str


def row_problems(errors: Iterable[Mapping[str, Any]]) -> list[RowProblem]:
    """The API's `rows.<line>.<column>` errors, by line; other errors are not about a row."""
    found = []
    for error in errors:
        parts = str(error.get("field", "")).split(".")
        if len(parts) < 3 or parts[0] != "rows" or not parts[1].isdigit():
            continue
        head = parts[2]
        label = "(cả dòng)" if head == "(row)" else FIELD_LABELS.get(head, head)
        column = ".".join(parts[2:])
        found.append(RowProblem(int(parts[1]), column, label, worded(error, head)))
    return sorted(found, key=lambda problem: problem.row)

"""The indicators workbook a broker downloads, read back as a spreadsheet program would: its
sheets, Vietnamese headers, values kept as numbers with their formats, the period and the
hour it was made in the province's time."""

from __future__ import annotations

from datetime import UTC, datetime
from io import BytesIO
from typing import Any

import pytest
from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook

from services.portal.domain.indicator_export import (
    FIGURES,
    export_filename,
    indicator_export,
)
from services.portal.domain.indicator_workbook import indicator_workbook

GENERATED_AT = datetime(2026, 10, 2, 18, 30, tzinfo=UTC)  # 3 October, 01:30 in Vietnam
YEAR = [
    {"period": "2026-09", "granularity": "month", "totals": {"contracts": 1}},
    {"period": "2026-Q3", "granularity": "quarter", "totals": {"contracts": 2}},
    {"period": "2026", "granularity": "year", "totals": {"contracts": 5}},
]


def report(**changes: Any) -> dict[str, Any]:
    totals = {
        "offers_published": 1234,
        "demands_published": 7,
        "contracts": 2,
        "contract_value_vnd": 1_200_000_000,
        "interest_rate": 0.4167,
        "contract_value_growth": None,
        "median_days_to_contract": 41.5,
    }
    herbs = {"offers_published": 12, "demands_published": 6, "contracts": 1,
             "contract_value_vnd": 900_000_000}  # fmt: skip
    data: dict[str, Any] = {
        "period": "2026-Q3",
        "granularity": "quarter",
        "period_start": "2026-07-01",
        "period_end": "2026-09-30",
        "totals": totals,
        "by_sector": [
            {"sector": "medicinal_herbs", "figures": herbs},
            {"sector": "other", "figures": {"offers_published": 3}},
        ],
        "by_district": [
            {
                "district_code": "23476",
                "district_name": "Xã Măng Đen",
                "place_level": "commune",
                "figures": {"offers_published": 4},
            },
        ],
        "by_province": [
            {
                "province_code": "51",
                "province_name": "Quảng Ngãi",
                "view": "current",
                "figures": totals,
            },
            {
                "province_code": "62",
                "province_name": "Kon Tum",
                "view": "former",
                "figures": {"offers_published": 800},
            },
        ],
        "intermediary_organizations": 4,
    }
    return data | changes


@pytest.fixture
def book() -> Workbook:
    produced = indicator_workbook(indicator_export(report(), YEAR), GENERATED_AT)
    return load_workbook(BytesIO(produced))


def row_of(sheet: Any, label: str) -> int:
    return next(r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 1).value == label)


def test_the_workbook_has_the_headlines_then_one_sheet_per_breakdown(book: Workbook) -> None:
    assert book.sheetnames == [
        "Tổng hợp",
        "Theo lĩnh vực",
        "Theo địa bàn",
        "Theo tỉnh",
        "Các kỳ trong năm",
    ]


def test_the_years_periods_are_listed_side_by_side_with_vietnamese_names(
    book: Workbook,
) -> None:
    sheet = book["Các kỳ trong năm"]
    contracts = 3 + [c.name for c in FIGURES].index("contracts")
    assert [sheet["A5"].value, sheet["B5"].value] == ["Kỳ", "Mã kỳ"]
    assert [(sheet.cell(r, 1).value, sheet.cell(r, 2).value, sheet.cell(r, contracts).value)
            for r in (6, 7, 8)] == [
        ("Tháng 09/2026", "2026-09", 1),
        ("Quý 3/2026", "2026-Q3", 2),
        ("Năm 2026", "2026", 5),
    ]  # fmt: skip


def test_every_sheet_names_the_period_and_the_hour_in_vietnam(book: Workbook) -> None:
    for sheet in book.worksheets:
        assert sheet["A1"].value == "Chỉ số thị trường khoa học và công nghệ"
        assert sheet["A2"].value == "Kỳ báo cáo: 2026-Q3 (Quý, 01/07/2026 – 30/09/2026)"
        assert sheet["A3"].value == "Lập lúc: 03/10/2026 01:30 (giờ Việt Nam, UTC+7)"
        assert "Không công bố nguyên bản" in str(sheet["A4"].value)


def test_the_headlines_are_numbers_with_their_formats(book: Workbook) -> None:
    sheet = book["Tổng hợp"]
    assert [sheet["A5"].value, sheet["B5"].value] == ["Chỉ tiêu", "Giá trị"]
    offers = sheet.cell(row_of(sheet, "Công nghệ chào bán được công bố"), 2)
    assert (offers.value, offers.number_format) == (1234, "#,##0")
    value = sheet.cell(row_of(sheet, "Giá trị hợp đồng"), 2)
    assert (value.value, value.number_format) == (1_200_000_000, '#,##0 "₫"')
    rate = sheet.cell(row_of(sheet, "Tỷ lệ quan tâm"), 2)
    assert (rate.value, rate.number_format) == (0.4167, "0.00%")
    days = sheet.cell(row_of(sheet, "Trung vị số ngày đến hợp đồng"), 2)
    assert (days.value, days.number_format) == (41.5, "0.0")
    intermediaries = sheet.cell(row_of(sheet, "Tổ chức trung gian đã xác minh (cuối kỳ)"), 2)
    assert intermediaries.value == 4


def test_a_figure_nothing_was_counted_for_stays_an_empty_cell(book: Workbook) -> None:
    sheet = book["Tổng hợp"]
    assert sheet.cell(row_of(sheet, "Tăng trưởng giá trị so với cùng kỳ"), 2).value is None
    assert sheet.cell(row_of(sheet, "Biên bản ghi nhớ"), 2).value is None


def test_the_sector_sheet_has_one_row_per_sector_in_vietnamese(book: Workbook) -> None:
    sheet = book["Theo lĩnh vực"]
    headers = [cell.value for cell in sheet[5]]
    assert headers == ["Lĩnh vực", "Mã lĩnh vực", *(column.label for column in FIGURES)]
    assert [sheet["A6"].value, sheet["B6"].value, sheet["C6"].value] == [
        "Dược liệu",
        "medicinal_herbs",
        12,
    ]
    contract_value = sheet.cell(6, 3 + [c.name for c in FIGURES].index("contract_value_vnd"))
    assert (contract_value.value, contract_value.number_format) == (900_000_000, '#,##0 "₫"')
    assert sheet["A7"].value == "Lĩnh vực khác"


def test_places_and_both_views_of_the_provinces_keep_their_vietnamese_names(
    book: Workbook,
) -> None:
    assert book["Theo địa bàn"]["A6"].value == "Xã Măng Đen"
    provinces = book["Theo tỉnh"]
    assert provinces["A6"].value == "Quảng Ngãi (Tỉnh hiện nay)"
    assert provinces["A7"].value == "Kon Tum (Tỉnh trước 01/7/2025)"
    assert provinces["B7"].value == "62"


def test_a_report_without_breakdowns_still_makes_every_sheet() -> None:
    bare = report(by_sector=[], by_district=[], by_province=[], intermediary_organizations=None)
    book = load_workbook(BytesIO(indicator_workbook(indicator_export(bare), GENERATED_AT)))
    assert book["Theo lĩnh vực"]["A6"].value is None
    assert book["Tổng hợp"].cell(row_of(book["Tổng hợp"], "Đề xuất kết nối"), 2).value is None


def test_the_file_name_carries_the_period() -> None:
    assert export_filename("2026-Q3", "xlsx") == "chi-so-2026-Q3.xlsx"

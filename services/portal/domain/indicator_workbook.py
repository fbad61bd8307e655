"""The indicators of a period as an XLSX workbook, the form the Department's reports upward are
made in: headline figures on the first sheet, then one sheet per breakdown (sector, place,
province). Numbers stay numbers (with number formats), so the receiving office can add them up.

Every sheet opens with the same header rows — title, period, when it was generated in the
province's time, what the figures are (every cell, not for publication as they are) — then a
table whose first row names its columns in Vietnamese.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from io import BytesIO
from typing import Any, Final

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from services.portal.domain.formatting import day
from services.portal.domain.indicator_export import (
    FIGURES,
    Breakdown,
    IndicatorExport,
    Measure,
    Value,
)
from shared.clock import PROVINCE_ZONE

TITLE: Final = "Chỉ số thị trường khoa học và công nghệ"
HEADLINE_SHEET: Final = "Tổng hợp"
TABLE_ROW: Final = 5
"""The row of a sheet's column headers: below the title, the period and the generation time."""
NUMBER_FORMATS: Final = {
    Measure.COUNT: "#,##0",
    Measure.VND: '#,##0 "₫"',
    Measure.SHARE: "0.00%",
    Measure.DAYS: "0.0",
}
FULL_FIGURES_NOTE: Final = (
    "Số liệu đầy đủ cho báo cáo của Sở, tính theo dữ liệu lúc lập: gồm cả các dòng dựa trên "
    "dưới 3 tổ chức mà trang công khai gộp vào dòng “khác”. Không công bố nguyên bản."
)


def indicator_workbook(export: IndicatorExport, generated_at: datetime) -> bytes:
    """The `.xlsx` file's bytes; `generated_at` is an aware instant, written in the province's
    time."""
    book = Workbook()
    headline = book.active
    headline.title = HEADLINE_SHEET
    _headline_sheet(headline, export, generated_at)
    for breakdown in export.breakdowns:
        _breakdown_sheet(book.create_sheet(breakdown.title), export, breakdown, generated_at)
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def _header_rows(sheet: Any, export: IndicatorExport, generated_at: datetime) -> None:
    local = generated_at.astimezone(PROVINCE_ZONE)
    sheet["A1"] = TITLE
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A2"] = (
        f"Kỳ báo cáo: {export.period} ({export.granularity}, "
        f"{day(export.period_start)} – {day(export.period_end)})"
    )
    sheet["A3"] = f"Lập lúc: {local:%d/%m/%Y %H:%M} (giờ Việt Nam, UTC+7)"
    sheet["A4"] = FULL_FIGURES_NOTE
    sheet["A4"].font = Font(italic=True)


def _table_header(sheet: Any, names: Sequence[str]) -> None:
    for column, name in enumerate(names, start=1):
        cell = sheet.cell(row=TABLE_ROW, column=column, value=name)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")


def _number(sheet: Any, row: int, column: int, value: Value, measure: Measure) -> None:
    cell = sheet.cell(row=row, column=column, value=value)
    cell.number_format = NUMBER_FORMATS[measure]


def _headline_sheet(sheet: Any, export: IndicatorExport, generated_at: datetime) -> None:
    _header_rows(sheet, export, generated_at)
    _table_header(sheet, ("Chỉ tiêu", "Giá trị"))
    row = TABLE_ROW
    for column, value in zip(FIGURES, export.totals, strict=True):
        row += 1
        sheet.cell(row=row, column=1, value=column.label)
        _number(sheet, row, 2, value, column.measure)
    row += 1
    sheet.cell(row=row, column=1, value="Tổ chức trung gian đã xác minh (cuối kỳ)")
    _number(sheet, row, 2, export.intermediary_organizations, Measure.COUNT)
    sheet.column_dimensions["A"].width = 55
    sheet.column_dimensions["B"].width = 22
    sheet.freeze_panes = sheet.cell(row=TABLE_ROW + 1, column=1)


def _breakdown_sheet(
    sheet: Any, export: IndicatorExport, breakdown: Breakdown, generated_at: datetime
) -> None:
    _header_rows(sheet, export, generated_at)
    _table_header(
        sheet, (breakdown.name_header, breakdown.code_header, *(c.label for c in FIGURES))
    )
    row = TABLE_ROW
    for found in breakdown.rows:
        row += 1
        sheet.cell(row=row, column=1, value=found.name)
        sheet.cell(row=row, column=2, value=found.code)
        for offset, (column, value) in enumerate(zip(FIGURES, found.figures, strict=True)):
            _number(sheet, row, 3 + offset, value, column.measure)
    sheet.column_dimensions["A"].width = 40
    sheet.column_dimensions["B"].width = 14
    for index in range(3, 3 + len(FIGURES)):
        sheet.column_dimensions[get_column_letter(index)].width = 18
    sheet.row_dimensions[TABLE_ROW].height = 60
    sheet.freeze_panes = sheet.cell(row=TABLE_ROW + 1, column=3)

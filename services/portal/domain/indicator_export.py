"""The indicators a broker exports for the Department's reports upward (to the Ministry, to the
provincial People's Committee): every figure of the report, typed, with its Vietnamese name.

Built from the matching API's JSON (`docs/indicators.md`); the workbook
(`indicator_workbook.py`) and the file names are made from this alone.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any, Final

from services.portal.domain import labels


class Measure(StrEnum):
    """How a figure is counted, hence how a spreadsheet writes it."""

    COUNT = "count"
    VND = "vnd"
    SHARE = "share"
    DAYS = "days"


@dataclass(frozen=True)
class FigureColumn:
    name: str
    """The field of the API's `MarketFigures`."""
    label: str
    measure: Measure


FIGURES: Final = (
    FigureColumn("offers_published", "Công nghệ chào bán được công bố", Measure.COUNT),
    FigureColumn("demands_published", "Đặt hàng được công bố", Measure.COUNT),
    FigureColumn("proposals", "Đề xuất kết nối", Measure.COUNT),
    FigureColumn("answers", "Phản hồi đề xuất", Measure.COUNT),
    FigureColumn("interested_answers", "Phản hồi quan tâm", Measure.COUNT),
    FigureColumn("interest_rate", "Tỷ lệ quan tâm", Measure.SHARE),
    FigureColumn("introductions", "Cuộc giới thiệu hai bên", Measure.COUNT),
    FigureColumn("mous", "Biên bản ghi nhớ", Measure.COUNT),
    FigureColumn("contracts", "Hợp đồng chuyển giao", Measure.COUNT),
    FigureColumn("contract_value_vnd", "Giá trị hợp đồng", Measure.VND),
    FigureColumn("declared_contracts", "Hợp đồng kê khai (ngoài sàn)", Measure.COUNT),
    FigureColumn("declared_contract_value_vnd", "Giá trị hợp đồng kê khai", Measure.VND),
    FigureColumn("contract_value_growth", "Tăng trưởng giá trị so với cùng kỳ", Measure.SHARE),
    FigureColumn("ip_asset_contract_share", "Tỷ lệ hợp đồng có tài sản trí tuệ", Measure.SHARE),
    FigureColumn(
        "academic_supplier_contract_share",
        "Tỷ lệ hợp đồng do viện, trường cung cấp",
        Measure.SHARE,
    ),
    FigureColumn("ip_asset_value_share", "Tỷ trọng giá trị có tài sản trí tuệ", Measure.SHARE),
    FigureColumn(
        "academic_domestic_value_share",
        "Tỷ trọng giá trị trong nước do viện, trường cung cấp",
        Measure.SHARE,
    ),
    FigureColumn(
        "state_funded_value_share",
        "Tỷ trọng giá trị thương mại hóa kết quả dùng ngân sách",
        Measure.SHARE,
    ),
    FigureColumn("imported_value_share", "Tỷ trọng giá trị công nghệ nhập khẩu", Measure.SHARE),
    FigureColumn("state_funded_offers", "Kết quả dùng ngân sách đang chào bán", Measure.COUNT),
    FigureColumn(
        "state_funded_transferred", "Kết quả dùng ngân sách đã chuyển giao", Measure.COUNT
    ),
    FigureColumn(
        "state_funded_transferred_share",
        "Tỷ lệ kết quả dùng ngân sách đã chuyển giao",
        Measure.SHARE,
    ),
    FigureColumn(
        "median_days_to_first_proposal", "Trung vị số ngày đến đề xuất đầu tiên", Measure.DAYS
    ),
    FigureColumn("median_days_to_contract", "Trung vị số ngày đến hợp đồng", Measure.DAYS),
)
"""Every figure of a report row, in the order of `docs/indicators.md`."""

GRANULARITIES: Final = {"month": "Tháng", "quarter": "Quý", "year": "Năm"}
PROVINCE_VIEWS: Final = {"current": "Tỉnh hiện nay", "former": "Tỉnh trước 01/7/2025"}

Value = int | float | None


@dataclass(frozen=True)
class ExportRow:
    """One slice of the market: a sector, a place or a province."""

    name: str
    code: str
    figures: tuple[Value, ...]
    """In the order of `FIGURES`; None where the API gives null (nothing was counted)."""


@dataclass(frozen=True)
class Breakdown:
    title: str
    """The sheet's name (at most 31 characters, as spreadsheets allow)."""
    name_header: str
    code_header: str
    rows: tuple[ExportRow, ...]


@dataclass(frozen=True)
class IndicatorExport:
    period: str
    granularity: str
    period_start: date
    period_end: date
    totals: tuple[Value, ...]
    intermediary_organizations: int | None
    breakdowns: tuple[Breakdown, ...]


def indicator_export(
    raw: Mapping[str, Any], year: Sequence[Mapping[str, Any]] = ()
) -> IndicatorExport:
    """`raw` is the period's report; `year` the totals of its year's periods, when known."""
    intermediaries = raw.get("intermediary_organizations")
    return IndicatorExport(
        period=str(raw["period"]),
        granularity=labels.label(GRANULARITIES, raw.get("granularity")),
        period_start=date.fromisoformat(str(raw["period_start"])),
        period_end=date.fromisoformat(str(raw["period_end"])),
        totals=_figures(raw.get("totals")),
        intermediary_organizations=None if intermediaries is None else int(intermediaries),
        breakdowns=(
            Breakdown("Theo lĩnh vực", "Lĩnh vực", "Mã lĩnh vực", _sectors(raw)),
            Breakdown("Theo địa bàn", "Xã, phường", "Mã địa bàn", _places(raw)),
            Breakdown("Theo tỉnh", "Tỉnh", "Mã tỉnh", _provinces(raw)),
            Breakdown("Các kỳ trong năm", "Kỳ", "Mã kỳ", _periods(year)),
        ),
    )


def _sectors(raw: Mapping[str, Any]) -> tuple[ExportRow, ...]:
    return tuple(
        ExportRow(
            name=labels.label(labels.SECTORS, row.get("sector")),
            code=str(row.get("sector", "")),
            figures=_figures(row.get("figures")),
        )
        for row in raw.get("by_sector") or ()
    )


def _places(raw: Mapping[str, Any]) -> tuple[ExportRow, ...]:
    return tuple(
        ExportRow(
            name=str(row.get("district_name", "")),
            code=str(row.get("district_code", "")),
            figures=_figures(row.get("figures")),
        )
        for row in raw.get("by_district") or ()
    )


def _provinces(raw: Mapping[str, Any]) -> tuple[ExportRow, ...]:
    """Both views of the provinces (today's, and those before the 2025 merger), each adding up
    to the whole market: the view is named beside each province."""
    return tuple(
        ExportRow(
            name=f"{row.get('province_name', '')} "
            f"({labels.label(PROVINCE_VIEWS, row.get('view'))})",
            code=str(row.get("province_code", "")),
            figures=_figures(row.get("figures")),
        )
        for row in raw.get("by_province") or ()
    )


def _periods(year: Sequence[Mapping[str, Any]]) -> tuple[ExportRow, ...]:
    return tuple(
        ExportRow(
            name=period_name(str(row.get("period", "")), row.get("granularity")),
            code=str(row.get("period", "")),
            figures=_figures(row.get("totals")),
        )
        for row in year
    )


def period_name(label: str, granularity: str | None) -> str:
    """`Tháng 09/2025`, `Quý 3/2025`, `Năm 2025`, from the API's label (`2025-09`, `2025-Q3`)."""
    year, _, rest = label.partition("-")
    if granularity == "month":
        return f"Tháng {rest}/{year}"
    if granularity == "quarter":
        return f"Quý {rest.removeprefix('Q')}/{year}"
    return f"Năm {year}"


def _figures(raw: Mapping[str, Any] | None) -> tuple[Value, ...]:
    found = raw or {}
    return tuple(_value(column, found.get(column.name)) for column in FIGURES)


def _value(column: FigureColumn, value: Any) -> Value:
    if value is None:
        return None
    if column.measure in (Measure.COUNT, Measure.VND):
        return int(value)
    return float(value)


def export_filename(period: str, extension: str) -> str:
    """`chi-so-2026-Q3.xlsx`: the period is already checked (`indicators.valid_period`)."""
    return f"chi-so-{period}.{extension}"

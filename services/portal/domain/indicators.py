"""The market's indicators of a period, as the indicators page shows them."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from services.portal.domain import formatting, labels

PERIOD = re.compile(r"^\d{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$")
PERIOD_HELP = "Năm (2026), quý (2026-Q4) hoặc tháng (2026-11)."
HEADLINES = (
    ("offers_published", "Công nghệ chào bán được công bố"),
    ("demands_published", "Đặt hàng được công bố"),
    ("proposals", "Đề xuất kết nối"),
    ("introductions", "Cuộc giới thiệu hai bên"),
    ("contracts", "Hợp đồng chuyển giao"),
    ("contract_value_vnd", "Giá trị hợp đồng"),
)


@dataclass(frozen=True)
class Figure:
    label: str
    value: str


@dataclass(frozen=True)
class SectorRow:
    sector: str
    offers: int
    demands: int
    contracts: int
    value: str


@dataclass(frozen=True)
class Bar:
    """One sector of the chart: offers and demands as a share (0–100) of the largest figure."""

    sector: str
    offers: int
    demands: int
    offers_width: float
    demands_width: float


def bars(rows: tuple[SectorRow, ...]) -> tuple[Bar, ...]:
    largest = max((max(r.offers, r.demands) for r in rows), default=0) or 1
    return tuple(
        Bar(r.sector, r.offers, r.demands, round(100 * r.offers / largest, 1),
            round(100 * r.demands / largest, 1))
        for r in rows
    )  # fmt: skip


@dataclass(frozen=True)
class IndicatorsView:
    period: str
    period_label: str
    headlines: tuple[Figure, ...]
    sectors: tuple[SectorRow, ...]

    @property
    def chart(self) -> tuple[Bar, ...]:
        return bars(self.sectors)


def valid_period(period: str) -> bool:
    return bool(PERIOD.match(period))


def indicators_view(raw: Mapping[str, Any]) -> IndicatorsView:
    totals = raw.get("totals") or {}
    return IndicatorsView(
        period=str(raw["period"]),
        period_label=f"{formatting.day(_day(raw.get('period_start')))} – "
        f"{formatting.day(_day(raw.get('period_end')))}",
        headlines=tuple(
            Figure(label, _figure(name, totals.get(name))) for name, label in HEADLINES
        ),
        sectors=tuple(
            SectorRow(
                sector=labels.label(labels.SECTORS, row.get("sector")),
                offers=int(row["figures"].get("offers_published", 0)),
                demands=int(row["figures"].get("demands_published", 0)),
                contracts=int(row["figures"].get("contracts", 0)),
                value=formatting.vnd(row["figures"].get("contract_value_vnd")),
            )
            for row in raw.get("by_sector") or ()
        ),
    )


def _figure(name: str, value: Any) -> str:
    if value is None:
        return "–"
    if name.endswith("_vnd"):
        return formatting.vnd(int(value))
    return f"{int(value):,}".replace(",", ".")


def _day(value: str | None) -> date | None:
    return None if not value else date.fromisoformat(value)

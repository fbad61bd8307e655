"""The broker's indicator exports (`/moi-gioi/chi-so`): a period's report as an XLSX workbook,
as the JSON the matching API gives, or as its CSV, for the Department's reports upward."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Final

from services.portal.domain.indicator_export import export_filename, indicator_export
from services.portal.domain.indicator_workbook import indicator_workbook
from services.portal.domain.indicators import PERIOD_HELP, valid_period
from services.portal.domain.session import Visitor
from services.portal.service.ports import MarketIndicators
from shared.clock import Clock, utc_now
from shared.errors import ForbiddenError

MEDIA_TYPES: Final = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
    "csv": "text/csv; charset=utf-8",
}
"""The forms a broker may download, by the file name's extension."""


@dataclass(frozen=True)
class ExportForm:
    """The page's form: the period typed, and why it was refused (beside the field)."""

    period: str
    error: str | None = None


@dataclass(frozen=True)
class ExportFile:
    filename: str
    media_type: str
    body: bytes


class IndicatorExports:
    def __init__(self, indicators: MarketIndicators, clock: Clock = utc_now) -> None:
        self._indicators = indicators
        self._clock = clock

    def form(self, visitor: Visitor, period: str) -> ExportForm:
        _require_broker(visitor)
        return ExportForm(period)

    async def file(self, visitor: Visitor, period: str, form: str) -> ExportFile | ExportForm:
        """The period's file in `form` (a key of `MEDIA_TYPES`), or the form again with the
        period's refusal: nothing is asked of the API for a period written wrong."""
        _require_broker(visitor)
        if not valid_period(period):
            return ExportForm(period, PERIOD_HELP)
        return ExportFile(export_filename(period, form), MEDIA_TYPES[form],
                          await self._body(period, form))  # fmt: skip

    async def _body(self, period: str, form: str) -> bytes:
        if form == "csv":
            return (await self._indicators.csv(period)).encode()
        report = await self._indicators.report(period)
        if form == "json":
            return json.dumps(report, ensure_ascii=False, indent=2).encode()
        return indicator_workbook(indicator_export(report), self._clock())


def _require_broker(visitor: Visitor) -> None:
    if not visitor.is_broker:
        raise ForbiddenError("Trang này dành cho cán bộ môi giới của Sở.")

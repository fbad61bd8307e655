"""The broker's indicator exports (`/moi-gioi/chi-so`): a period's report as an XLSX workbook,
as the JSON the matching API gives, or as its CSV, for the Department's reports upward. They are
read from matching's broker-only report with every cell (`/v1/indicators/full`): the public one
merges the cells resting on fewer than 3 organisations, which a report upward must not."""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass
from typing import Final

from services.portal.domain.indicator_export import export_filename, indicator_export
from services.portal.domain.indicator_workbook import indicator_workbook
from services.portal.domain.indicators import PERIOD_HELP, valid_period
from services.portal.domain.session import Visitor
from services.portal.service.ports import FullIndicators, Tokens
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
    def __init__(self, indicators: FullIndicators, tokens: Tokens, clock: Clock = utc_now) -> None:
        self._indicators = indicators
        self._tokens = tokens
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
        token = self._tokens.for_visitor(visitor)
        if form == "xlsx":
            body = await self._workbook(period, token)
        else:
            body = await self._indicators.report(period, form, token)
        return ExportFile(export_filename(period, form), MEDIA_TYPES[form], body)

    async def _workbook(self, period: str, token: str) -> bytes:
        """The period's report, and its year's periods side by side (a sheet of their own)."""
        report, year = await asyncio.gather(
            self._indicators.report(period, "json", token),
            self._indicators.year(int(period[:4]), token),
        )
        export = indicator_export(json.loads(report), year)
        # ~0.1 s of CPU for a year's breakdowns: off the event loop, so other pages still answer
        return await asyncio.to_thread(indicator_workbook, export, self._clock())


def _require_broker(visitor: Visitor) -> None:
    if not visitor.is_broker:
        raise ForbiddenError("Trang này dành cho cán bộ môi giới của Sở.")

"""HTTP: market indicators of any period, as JSON or CSV: the public figures (no token needed,
small cells merged) and, for brokers, every cell."""

from __future__ import annotations

import csv
import io
from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Response
from pydantic import BaseModel

from services.matching.domain.indicators import IndicatorReport
from services.matching.domain.periods import FIRST_YEAR, LAST_YEAR, Period
from services.matching.service.indicators import Indicators
from shared.auth import Principal, Role, require
from shared.events.indicators import Granularity, MarketFigures
from shared.http import PROBLEM_RESPONSES
from shared.http.rate_limit import RateLimiter

CSV_MEDIA_TYPE = "text/csv; charset=utf-8"
FIGURES = list(MarketFigures.model_fields)
PeriodQuery = Annotated[str, Query(description="2026-11, 2026-Q4 or 2026", examples=["2026-Q4"])]
Broker = Annotated[Principal, Depends(require(Role.broker))]


class PeriodTotals(BaseModel):
    """One period of a year, the whole market: a line of the year's periods side by side."""

    period: str
    granularity: Granularity
    period_start: date
    period_end: date
    totals: MarketFigures
    intermediary_organizations: int


def csv_of(report: IndicatorReport) -> str:
    """One row for the whole market, one per sector, per place (`district`, the v1 name), per
    today's province and per former province (columns: `docs/indicators.md`)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["period", "scope", "code", "name", *FIGURES])
    rows = [("total", "", "", report.totals)]
    rows += [("sector", s.sector.value, s.sector.value, s.figures) for s in report.by_sector]
    rows += [("district", d.district_code, d.district_name, d.figures) for d in report.by_district]
    rows += [
        (f"province_{p.view}", p.province_code, p.province_name, p.figures)
        for p in report.by_province
    ]
    for scope, code, name, figures in rows:
        values = figures.model_dump()
        writer.writerow(
            [
                report.period,
                scope,
                code,
                name,
                *("" if values[f] is None else values[f] for f in FIGURES),
            ]
        )
    return out.getvalue()


def indicators_router(desk: Indicators, limiter: RateLimiter) -> APIRouter:
    router = APIRouter(
        prefix="/v1/indicators", tags=["indicators"], dependencies=[Depends(limiter)]
    )

    @router.get(
        "",
        summary="Market indicators of a month, quarter or year",
        response_model=IndicatorReport,
        responses={
            200: {"content": {CSV_MEDIA_TYPE: {}}},
            429: {"description": "Too many requests from this client; see `Retry-After`."},
        },
    )
    async def get_indicators(
        period: PeriodQuery, format: Literal["json", "csv"] = "json"
    ) -> IndicatorReport | Response:
        return _answer(await desk.report(Period.parse(period)), format)

    return router


def full_indicators_router(desk: Indicators) -> APIRouter:
    """Brokers: every cell, so that the Department's reports upward are exact."""
    router = APIRouter(prefix="/v1/indicators", tags=["indicators"], responses=PROBLEM_RESPONSES)

    @router.get(
        "/full",
        summary="Market indicators of a period with every cell, small ones included (brokers)",
        response_model=IndicatorReport,
        responses={200: {"content": {CSV_MEDIA_TYPE: {}}}},
    )
    async def get_full_indicators(
        _: Broker, period: PeriodQuery, format: Literal["json", "csv"] = "json"
    ) -> IndicatorReport | Response:
        return _answer(await desk.full_report(Period.parse(period)), format)

    @router.get(
        "/full/year",
        summary="Every month, quarter and the whole of a year begun by today, totals (brokers)",
    )
    async def get_year_periods(
        _: Broker, year: Annotated[int, Query(ge=FIRST_YEAR, le=LAST_YEAR, examples=[2026])]
    ) -> list[PeriodTotals]:
        return [
            PeriodTotals.model_validate(report, from_attributes=True)
            for report in await desk.full_year(year)
        ]

    return router


def _answer(report: IndicatorReport, format: str) -> IndicatorReport | Response:
    if format == "csv":
        filename = f"stx-indicators-{report.period}.csv"
        headers = {"Content-Disposition": f'attachment; filename="{filename}"'}
        return Response(csv_of(report), media_type=CSV_MEDIA_TYPE, headers=headers)
    return report

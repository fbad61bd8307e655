"""The public indicators page: a period's headline figures and sectors, and its CSV."""

from __future__ import annotations

from dataclasses import dataclass

from services.portal.domain.indicators import (
    PERIOD_HELP,
    IndicatorsView,
    indicators_view,
    valid_period,
)
from services.portal.service.ports import MarketIndicators
from shared.errors import RuleBrokenError


@dataclass(frozen=True)
class IndicatorsPage:
    period: str
    view: IndicatorsView | None
    error: str | None


class PublicIndicators:
    def __init__(self, indicators: MarketIndicators) -> None:
        self._indicators = indicators

    async def page(self, period: str) -> IndicatorsPage:
        if not valid_period(period):
            return IndicatorsPage(period=period, view=None, error=PERIOD_HELP)
        view = indicators_view(await self._indicators.report(period))
        return IndicatorsPage(period=period, view=view, error=None)

    async def csv(self, period: str) -> str:
        if not valid_period(period):
            raise RuleBrokenError(PERIOD_HELP, field="ky")
        return await self._indicators.csv(period)

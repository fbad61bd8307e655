"""The matching service's public indicators over HTTP, as the `MarketIndicators` port."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import httpx

from services.portal.repository.api_calls import ApiCalls

NO_FIGURES = frozenset({404, 422})
"""A period the service has no report for, or cannot read: either way, no figures to show."""


class IndicatorsApi:
    def __init__(self, client: httpx.AsyncClient) -> None:
        self._api = ApiCalls(
            client,
            unavailable="Dịch vụ chỉ số thị trường tạm thời không trả lời.",
            missing="Không có chỉ số của kỳ này.",
        )

    async def report(self, period: str) -> Mapping[str, Any]:
        found: Mapping[str, Any] = (await self._get(period, "json")).json()
        return found

    async def csv(self, period: str) -> str:
        return (await self._get(period, "csv")).text

    async def _get(self, period: str, form: str) -> httpx.Response:
        params = {"period": period, "format": form}
        return await self._api.read("/v1/indicators", params, missing_statuses=NO_FIGURES)

"""The matching service's public indicators over HTTP, as the `MarketIndicators` port."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import httpx

from shared.errors import NotFoundError, UnavailableError
from shared.logging import get_logger

log = get_logger(__name__)
UNAVAILABLE = "Dịch vụ chỉ số thị trường tạm thời không trả lời."


class IndicatorsApi:
    def __init__(self, client: httpx.AsyncClient) -> None:
        self._client = client

    async def report(self, period: str) -> Mapping[str, Any]:
        result: dict[str, Any] = (await self._get(period, "json")).json()
        return result

    async def csv(self, period: str) -> str:
        return (await self._get(period, "csv")).text

    async def _get(self, period: str, form: str) -> httpx.Response:
        params = {"period": period, "format": form}
        try:
            response = await self._client.get("/v1/indicators", params=params)
        except httpx.HTTPError as exc:
            log.warning("indicators_api_unreachable", error=type(exc).__name__)
            raise UnavailableError(UNAVAILABLE) from exc
        if response.status_code in {404, 422}:
            raise NotFoundError("Không có chỉ số của kỳ này.")
        if response.status_code != 200:
            log.warning("indicators_api_refused", status=response.status_code)
            raise UnavailableError(UNAVAILABLE)
        return response

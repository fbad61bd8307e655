"""The matching service's indicators over HTTP: the public ones (`MarketIndicators`) and, for a
broker, those with every cell (`FullIndicators`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import httpx

from services.portal.domain.refusals import FormRefusedError
from services.portal.repository.api_calls import ApiCalls
from shared.errors import NotFoundError

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


class FullIndicatorsApi:
    def __init__(self, client: httpx.AsyncClient) -> None:
        self._api = ApiCalls(
            client,
            unavailable="Dịch vụ chỉ số thị trường tạm thời không trả lời.",
            missing="Không có chỉ số của kỳ này.",
        )

    async def report(self, period: str, form: str, token: str) -> bytes:
        params = {"period": period, "format": form}
        try:
            return await self._api.call_bytes("GET", "/v1/indicators/full", token, params=params)
        except FormRefusedError as refused:  # a period the service cannot read: no figures
            raise NotFoundError("Không có chỉ số của kỳ này.") from refused

    async def year(self, year: int, token: str) -> list[Mapping[str, Any]]:
        params = {"year": str(year)}
        found: list[Mapping[str, Any]] = await self._api.call(
            "GET", "/v1/indicators/full/year", token, params=params
        )
        return found

"""The matching service's public connection events over HTTP (`ConnectionEventsDirectory`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

import httpx

from shared.errors import NotFoundError, UnavailableError
from shared.logging import get_logger

log = get_logger(__name__)
UNAVAILABLE = "Dịch vụ sự kiện kết nối tạm thời không trả lời."


class EventsApi:
    def __init__(self, client: httpx.AsyncClient) -> None:
        self._client = client

    async def events(self) -> list[Mapping[str, Any]]:
        return list(await self._get("/v1/connection-events"))

    async def event(self, event_id: str) -> Mapping[str, Any]:
        found: Mapping[str, Any] = await self._get(
            f"/v1/connection-events/{quote(event_id, safe='')}"
        )
        return found

    async def _get(self, path: str) -> Any:
        try:
            response = await self._client.get(path)
        except httpx.HTTPError as exc:
            log.warning("events_api_unreachable", error=type(exc).__name__)
            raise UnavailableError(UNAVAILABLE) from exc
        if response.status_code == 404:
            raise NotFoundError("Không tìm thấy sự kiện này.")
        if response.status_code != 200:
            log.warning("events_api_refused", status=response.status_code)
            raise UnavailableError(UNAVAILABLE)
        return response.json()

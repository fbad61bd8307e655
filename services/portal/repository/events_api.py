"""The matching service's public connection events over HTTP (`ConnectionEventsDirectory`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

import httpx

from services.portal.repository.api_calls import ApiCalls


class EventsApi:
    def __init__(self, client: httpx.AsyncClient) -> None:
        self._api = ApiCalls(
            client,
            unavailable="Dịch vụ sự kiện kết nối tạm thời không trả lời.",
            missing="Không tìm thấy sự kiện này.",
        )

    async def events(self) -> list[Mapping[str, Any]]:
        return list((await self._api.read("/v1/connection-events")).json())

    async def event(self, event_id: str) -> Mapping[str, Any]:
        path = f"/v1/connection-events/{quote(event_id, safe='')}"
        found: Mapping[str, Any] = (await self._api.read(path)).json()
        return found

"""The matching API's proposals and introductions on behalf of a signed-in organisation, as
`MatchDesk`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

import httpx

from services.portal.repository.api_calls import ApiCalls

LIMIT = 500


class MatchDeskApi:
    def __init__(self, client: httpx.AsyncClient) -> None:
        self._api = ApiCalls(
            client,
            unavailable="Dịch vụ kết nối cung cầu tạm thời không trả lời.",
            missing="Không tìm thấy đề xuất này.",
        )

    async def proposals(self, token: str) -> list[Mapping[str, Any]]:
        found = await self._api.call("GET", "/v1/matches", token, params={"limit": LIMIT})
        return sorted(found, key=lambda m: str(m.get("proposed_at", "")), reverse=True)

    async def answer(self, match_id: str, body: Mapping[str, Any], token: str) -> None:
        path = f"/v1/matches/{quote(match_id, safe='')}/answers"
        await self._api.call("POST", path, token, json=dict(body))

    async def introductions(self, token: str) -> list[Mapping[str, Any]]:
        return list(
            await self._api.call("GET", "/v1/introductions", token, params={"limit": LIMIT})
        )

    async def propose(self, offer_id: str, demand_id: str, token: str) -> None:
        body = {"offer_id": offer_id, "demand_id": demand_id}
        await self._api.call("POST", "/v1/matches", token, json=body)

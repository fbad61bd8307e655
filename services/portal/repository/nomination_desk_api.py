"""The awards API on behalf of a signed-in organisation, as `NominationDesk`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

import httpx

from services.portal.repository.api_calls import ApiCalls


class NominationDeskApi:
    def __init__(self, client: httpx.AsyncClient) -> None:
        self._api = ApiCalls(
            client,
            unavailable="Dịch vụ tôn vinh tạm thời không trả lời.",
            missing="Không tìm thấy chương trình tôn vinh này.",
        )

    async def mine(self, token: str) -> list[Mapping[str, Any]]:
        return list(await self._api.call("GET", "/nominations", token))

    async def nominate(self, programme_id: str, body: Mapping[str, Any], token: str) -> None:
        path = f"/programmes/{quote(programme_id, safe='')}/nominations"
        await self._api.call("POST", path, token, json=dict(body))

"""The awards API on behalf of a signed-in reviewer, as `ReviewDesk`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

import httpx

from services.portal.repository.api_calls import ApiCalls


def _nomination(nomination_id: str) -> str:
    return f"/nominations/{quote(nomination_id, safe='')}"


class ReviewDeskApi:
    def __init__(self, client: httpx.AsyncClient) -> None:
        self._api = ApiCalls(
            client,
            unavailable="Dịch vụ tôn vinh tạm thời không trả lời.",
            missing="Không tìm thấy hồ sơ này.",
        )

    async def queue(self, programme_id: str, token: str) -> list[Mapping[str, Any]]:
        path = f"/programmes/{quote(programme_id, safe='')}/review-queue"
        return list(await self._api.call("GET", path, token))

    async def nomination(self, nomination_id: str, token: str) -> Mapping[str, Any]:
        found: Mapping[str, Any] = await self._api.call("GET", _nomination(nomination_id), token)
        return found

    async def score(self, nomination_id: str, body: Mapping[str, Any], token: str) -> None:
        path = f"{_nomination(nomination_id)}/scorecard"
        await self._api.call("PUT", path, token, json=dict(body))

    async def declare_conflict(self, nomination_id: str, reason: str, token: str) -> None:
        path = f"{_nomination(nomination_id)}/conflict"
        await self._api.call("POST", path, token, json={"reason": reason})

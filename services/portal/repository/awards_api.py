"""The awards service's public side over HTTP, as the `AwardsDirectory` port."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

import httpx

from services.portal.repository.api_calls import ApiCalls


class AwardsApi:
    def __init__(self, client: httpx.AsyncClient) -> None:
        self._api = ApiCalls(
            client,
            unavailable="Dịch vụ tôn vinh tạm thời không trả lời.",
            missing="Không tìm thấy trang này.",
        )

    async def programmes(self) -> list[Mapping[str, Any]]:
        return list((await self._api.read("/programmes")).json())

    async def programme(self, programme_id: str) -> Mapping[str, Any]:
        return await self._json(f"/programmes/{_id(programme_id)}")

    async def results(self, programme_id: str) -> Mapping[str, Any]:
        return await self._json(f"/programmes/{_id(programme_id)}/results")

    async def certificate(self, nomination_id: str) -> bytes:
        return (await self._api.read(f"/nominations/{_id(nomination_id)}/certificate.pdf")).content

    async def _json(self, path: str) -> Mapping[str, Any]:
        found: Mapping[str, Any] = (await self._api.read(path)).json()
        return found


def _id(value: str) -> str:
    return quote(value, safe="")

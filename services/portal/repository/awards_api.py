"""The awards service's public side over HTTP, as the `AwardsDirectory` port."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

import httpx

from shared.errors import NotFoundError, UnavailableError
from shared.logging import get_logger

log = get_logger(__name__)
UNAVAILABLE = "Dịch vụ tôn vinh tạm thời không trả lời."


class AwardsApi:
    def __init__(self, client: httpx.AsyncClient) -> None:
        self._client = client

    async def programmes(self) -> list[Mapping[str, Any]]:
        return list((await self._get("/programmes")).json())

    async def programme(self, programme_id: str) -> Mapping[str, Any]:
        found: Mapping[str, Any] = (await self._get(f"/programmes/{_id(programme_id)}")).json()
        return found

    async def results(self, programme_id: str) -> Mapping[str, Any]:
        path = f"/programmes/{_id(programme_id)}/results"
        found: Mapping[str, Any] = (await self._get(path)).json()
        return found

    async def certificate(self, nomination_id: str) -> bytes:
        return (await self._get(f"/nominations/{_id(nomination_id)}/certificate.pdf")).content

    async def _get(self, path: str) -> httpx.Response:
        try:
            response = await self._client.get(path)
        except httpx.HTTPError as exc:
            log.warning("awards_api_unreachable", error=type(exc).__name__)
            raise UnavailableError(UNAVAILABLE) from exc
        if response.status_code == 404:
            raise NotFoundError("Không tìm thấy trang này.")
        if response.status_code != 200:
            log.warning("awards_api_refused", status=response.status_code)
            raise UnavailableError(UNAVAILABLE)
        return response


def _id(value: str) -> str:
    return quote(value, safe="")

"""The listings service's public API over HTTP, as the `ListingsDirectory` port."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

import httpx

from shared.errors import NotFoundError, UnavailableError
from shared.logging import get_logger

log = get_logger(__name__)


class ListingsApi:
    def __init__(self, client: httpx.AsyncClient) -> None:
        self._client = client

    async def search(self, params: Mapping[str, str], limit: int) -> list[Mapping[str, Any]]:
        body = await self._get("/v1/listings", {**params, "limit": str(limit)})
        return list(body.get("items", []))

    async def get(self, listing_id: str) -> Mapping[str, Any]:
        return await self._get(f"/v1/listings/{quote(listing_id, safe='')}", {})

    async def organization(self, organization_id: str) -> Mapping[str, Any]:
        return await self._get(f"/v1/organizations/{quote(organization_id, safe='')}", {})

    async def _get(self, path: str, params: Mapping[str, str]) -> dict[str, Any]:
        try:
            response = await self._client.get(path, params=params)
        except httpx.HTTPError as exc:
            log.warning("listings_api_unreachable", path=path, error=type(exc).__name__)
            raise UnavailableError("Dịch vụ tin công nghệ tạm thời không trả lời.") from exc
        if response.status_code == 404:
            raise NotFoundError("Không tìm thấy trang này.")
        if response.status_code != 200:
            # A refusal of a checked form would be our bug; either way the visitor can only retry.
            log.warning("listings_api_refused", path=path, status=response.status_code)
            raise UnavailableError("Dịch vụ tin công nghệ tạm thời không trả lời.")
        result: dict[str, Any] = response.json()
        return result

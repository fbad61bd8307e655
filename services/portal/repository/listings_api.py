"""The listings service's public API over HTTP, as the `ListingsDirectory` port."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

import httpx

from services.portal.repository.api_calls import ApiCalls


def listings_calls(client: httpx.AsyncClient) -> ApiCalls:
    """The listings service's API, in the words every adapter of it uses."""
    return ApiCalls(
        client,
        unavailable="Dịch vụ tin công nghệ tạm thời không trả lời.",
        missing="Không tìm thấy trang này.",
    )


class ListingsApi:
    def __init__(self, client: httpx.AsyncClient) -> None:
        self._api = listings_calls(client)

    async def search(self, params: Mapping[str, str], limit: int) -> list[Mapping[str, Any]]:
        found = await self._api.read("/v1/listings", {**params, "limit": str(limit)})
        return list(found.json().get("items", []))

    async def get(self, listing_id: str) -> Mapping[str, Any]:
        return await self._json(f"/v1/listings/{quote(listing_id, safe='')}")

    async def organization(self, organization_id: str) -> Mapping[str, Any]:
        return await self._json(f"/v1/organizations/{quote(organization_id, safe='')}")

    async def _json(self, path: str) -> Mapping[str, Any]:
        found: Mapping[str, Any] = (await self._api.read(path)).json()
        return found

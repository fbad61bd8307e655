"""The listings API's organisations for the signed-in visitor, as `OrganizationRegistry`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

import httpx

from services.portal.repository.listings_api import listings_calls

QUEUE_LIMIT = 200
DIRECTORY_LIMIT = 500
"""The most the API lists at once: enough for a province's verified organisations."""


class RegistryApi:
    def __init__(self, client: httpx.AsyncClient) -> None:
        self._api = listings_calls(client)

    async def register(self, body: Mapping[str, Any], token: str) -> None:
        await self._api.call("POST", "/v1/organizations", token, json=dict(body))

    async def awaiting_verification(self, token: str) -> list[Mapping[str, Any]]:
        params = {"verified": "false", "limit": QUEUE_LIMIT}
        return list(await self._api.call("GET", "/v1/organizations", token, params=params))

    async def verify(self, organization_id: str, token: str) -> None:
        path = f"/v1/organizations/{quote(organization_id, safe='')}/verify"
        await self._api.call("POST", path, token)

    async def directory(self, token: str) -> list[Mapping[str, Any]]:
        params = {"verified": "true", "limit": DIRECTORY_LIMIT}
        return list(await self._api.call("GET", "/v1/organizations", token, params=params))

"""The listings API on behalf of a signed-in organisation, as the `OwnListings` port."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

import httpx

from services.portal.repository.listings_api import listings_calls


class OwnListingsApi:
    def __init__(self, client: httpx.AsyncClient) -> None:
        self._api = listings_calls(client)

    async def mine(self, organization_id: str, state: str, token: str) -> list[Mapping[str, Any]]:
        params = {"owner": organization_id, "status": state, "limit": "100"}
        body = await self._api.call("GET", "/v1/listings", token, params=params)
        return list(body.get("items", []))

    async def create(self, body: Mapping[str, Any], token: str) -> str:
        created = await self._api.call("POST", "/v1/listings", token, json=dict(body))
        return str(created["listing_id"])

    async def get(self, listing_id: str, token: str) -> Mapping[str, Any]:
        found: Mapping[str, Any] = await self._api.call("GET", _path(listing_id), token)
        return found

    async def update(
        self, listing_id: str, body: Mapping[str, Any], token: str
    ) -> Mapping[str, Any]:
        saved: Mapping[str, Any] = await self._api.call(
            "PUT", _path(listing_id), token, json=dict(body)
        )
        return saved

    async def import_catalogue(self, csv: bytes, token: str) -> list[str]:
        headers = {"Content-Type": "text/csv; charset=utf-8"}
        report = await self._api.call(
            "POST", "/v1/listings/import", token, params={"format": "csv"}, content=csv,
            headers=headers,
        )  # fmt: skip
        return [str(x) for x in report["listing_ids"]]

    async def submit(self, listing_id: str, token: str) -> None:
        await self._api.call("POST", f"/v1/listings/{quote(listing_id, safe='')}/submit", token)

    async def withdraw(self, listing_id: str, reason: str, token: str) -> None:
        path = f"/v1/listings/{quote(listing_id, safe='')}/withdraw"
        await self._api.call("POST", path, token, json={"reason": reason})

    async def renew(self, listing_id: str, valid_until: str, token: str) -> None:
        path = f"/v1/listings/{quote(listing_id, safe='')}/renew"
        await self._api.call("POST", path, token, json={"valid_until": valid_until})


def _path(listing_id: str) -> str:
    return f"/v1/listings/{quote(listing_id, safe='')}"

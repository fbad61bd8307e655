"""The listings API's moderation side on behalf of a signed-in broker, as `ModerationQueue`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import quote

import httpx

from services.portal.repository.listings_api import listings_calls


class ModerationApi:
    def __init__(self, client: httpx.AsyncClient) -> None:
        self._api = listings_calls(client)

    async def queue(self, token: str) -> list[Mapping[str, Any]]:
        found = await self._api.call("GET", "/v1/moderation/queue", token, params={"limit": 50})
        return list(found)

    async def approve(self, listing_id: str, score: Mapping[str, Any], token: str) -> None:
        path = f"/v1/listings/{quote(listing_id, safe='')}/approve"
        await self._api.call("POST", path, token, json={"score": dict(score)})

    async def return_to_owner(
        self, listing_id: str, reasons: Sequence[str], comment: str, token: str
    ) -> None:
        path = f"/v1/listings/{quote(listing_id, safe='')}/return"
        feedback = {"reasons": list(reasons), "comment": comment}
        await self._api.call("POST", path, token, json={"feedback": feedback})

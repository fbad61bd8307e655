"""The listings API on behalf of a signed-in organisation, as the `OwnListings` port."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

import httpx

from services.portal.domain.refusals import FormRefusedError
from shared.errors import ForbiddenError, NotFoundError, UnavailableError
from shared.logging import get_logger

log = get_logger(__name__)
UNAVAILABLE = "Dịch vụ tin công nghệ tạm thời không trả lời."
REFUSALS = frozenset({400, 409, 422})


class OwnListingsApi:
    def __init__(self, client: httpx.AsyncClient) -> None:
        self._client = client

    async def mine(self, organization_id: str, state: str, token: str) -> list[Mapping[str, Any]]:
        params = {"owner": organization_id, "status": state, "limit": "100"}
        response = await self._send("GET", "/v1/listings", token, params=params)
        self._raise_for(response)
        return list(response.json().get("items", []))

    async def create(self, body: Mapping[str, Any], token: str) -> str:
        response = await self._send("POST", "/v1/listings", token, json=dict(body))
        self._raise_for(response)
        return str(response.json()["listing_id"])

    async def submit(self, listing_id: str, token: str) -> None:
        path = f"/v1/listings/{quote(listing_id, safe='')}/submit"
        self._raise_for(await self._send("POST", path, token))

    async def _send(self, method: str, path: str, token: str, **kwargs: Any) -> httpx.Response:
        headers = {"Authorization": f"Bearer {token}"}
        try:
            return await self._client.request(method, path, headers=headers, **kwargs)
        except httpx.HTTPError as exc:
            log.warning("listings_api_unreachable", path=path, error=type(exc).__name__)
            raise UnavailableError(UNAVAILABLE) from exc

    @staticmethod
    def _raise_for(response: httpx.Response) -> None:
        status = response.status_code
        if status < 300:
            return
        if status in REFUSALS:
            problem = response.json()
            raise FormRefusedError(problem.get("errors") or [], str(problem.get("detail", "")))
        if status in {401, 403}:
            raise ForbiddenError("Tài khoản này không được làm việc đó.")
        if status == 404:
            raise NotFoundError("Không tìm thấy tin này.")
        log.warning("listings_api_refused", status=status, path=response.request.url.path)
        raise UnavailableError(UNAVAILABLE)

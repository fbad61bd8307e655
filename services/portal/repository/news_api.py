"""The notifications API's `POST /subscriptions`, as `NewsSubscriptionDesk`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import httpx

from services.portal.repository.api_calls import REFUSALS, ApiCalls

TOO_MANY = 429
"""Too many sign-ups for one address or from one client: a refusal the page words."""


class NewsApi:
    def __init__(self, client: httpx.AsyncClient) -> None:
        self._api = ApiCalls(
            client,
            unavailable="Dịch vụ đăng ký nhận tin tạm thời không trả lời. Vui lòng thử lại sau.",
            refusals=REFUSALS | {TOO_MANY},
        )

    async def subscribe(
        self, body: Mapping[str, Any], visitor_address: str | None, token: str | None = None
    ) -> None:
        # The service limits sign-ups per client: it must count the visitor, not the portal
        # (it reads X-Forwarded-For from the peers it trusts, `STX_FORWARDED_ALLOW_IPS`).
        headers = {"X-Forwarded-For": visitor_address} if visitor_address else {}
        await self._api.call("POST", "/subscriptions", token, json=dict(body), headers=headers)

    async def mine(self, token: str) -> list[Mapping[str, Any]]:
        return list(await self._api.call("GET", "/subscriptions/mine", token))

    async def set_active(self, subscription_id: str, active: bool, token: str) -> None:
        path = f"/subscriptions/{subscription_id}"
        await self._api.call("PATCH", path, token, json={"active": active})

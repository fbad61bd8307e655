"""Webhooks: the CloudEvent POSTed in HTTP binary mode (attributes as `ce-*` headers, the data
as the JSON body), signed per subscriber, sent to the address the SSRF guard checked."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import httpx

from services.notifications.delivery.signing import SIGNATURE_HEADER, TIMESTAMP_HEADER, signature
from services.notifications.delivery.ssrf import (
    Target,
    TargetPolicy,
    UnresolvableHostError,
    UnsafeTargetError,
    resolve_target,
)
from services.notifications.domain.deliveries import SendFailure
from shared.events.notifications import NotificationFailure

DELIVERY_HEADER = "X-STX-Delivery"
USER_AGENT = "stx-notifications/1.0"
_RETRYABLE_STATUS = frozenset({408, 425, 429})


def binary_mode_headers(cloudevent: dict[str, Any]) -> dict[str, str]:
    headers = {f"ce-{name}": str(value) for name, value in cloudevent["attributes"].items()}
    return headers | {"content-type": "application/json"}


class WebhookSender:
    def __init__(self, policy: TargetPolicy, timeout_seconds: float):
        self._policy = policy
        self._timeout = timeout_seconds

    async def send(
        self, url: str, secret: str, cloudevent: dict[str, Any], delivery_id: str
    ) -> SendFailure | None:
        """None on a 2xx answer."""
        try:
            target = await resolve_target(url, self._policy)
        except UnresolvableHostError as exc:
            return SendFailure(str(exc), retryable=True)
        except UnsafeTargetError as exc:
            return SendFailure(
                str(exc), retryable=False, category=NotificationFailure.UNSAFE_TARGET
            )
        body = cloudevent["data"].encode()
        timestamp = int(time.time())
        headers = binary_mode_headers(cloudevent) | {
            SIGNATURE_HEADER: signature(secret, timestamp, body),
            TIMESTAMP_HEADER: str(timestamp),
            DELIVERY_HEADER: delivery_id,
        }
        return await self._post(target, body, headers)

    async def _post(
        self, target: Target, body: bytes, headers: dict[str, str]
    ) -> SendFailure | None:
        url = httpx.URL(target.url)
        pinned = url.copy_with(host=str(target.address))
        try:
            # One deadline for the whole call: httpx's timeouts are per read, so a receiver
            # trickling a byte at a time would hold a worker for ever. Only the status line
            # matters: the body is never read, so no answer can be too large.
            async with (
                asyncio.timeout(self._timeout),
                httpx.AsyncClient(headers={"user-agent": USER_AGENT}) as client,
                client.stream(
                    "POST",
                    pinned,
                    content=body,
                    headers=headers | {"host": url.netloc.decode()},
                    extensions={"sni_hostname": target.host},
                    timeout=self._timeout,
                    follow_redirects=False,
                ) as response,
            ):
                status = response.status_code
        except TimeoutError:
            return SendFailure(f"{target.host}: no answer within {self._timeout:g} s", True)
        except httpx.TransportError as exc:
            return SendFailure(f"{target.host}: {type(exc).__name__}", retryable=True)
        if 200 <= status < 300:
            return None
        retryable = status >= 500 or status in _RETRYABLE_STATUS
        return SendFailure(f"HTTP {status} from {target.host}", retryable=retryable)

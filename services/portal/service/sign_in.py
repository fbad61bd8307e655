"""Signing in with the province's identity provider: leave for it, come back signed in."""

from __future__ import annotations

import hmac
from datetime import datetime

from services.portal.domain.oidc import PendingSignIn, SignInFailedError
from services.portal.domain.session import Visitor
from services.portal.service.ports import IdentityProvider

EXPIRED = "Phiên đăng nhập đã hết hạn hoặc không hợp lệ: hãy đăng nhập lại."


class ProvinceSignIn:
    def __init__(self, provider: IdentityProvider) -> None:
        self._provider = provider

    async def start(self, return_to: str, now: datetime) -> tuple[PendingSignIn, str]:
        """What to remember until the visitor comes back, and where to send them."""
        pending = PendingSignIn.start(return_to, now)
        return pending, await self._provider.authorization_url(pending)

    async def finish(
        self, pending: PendingSignIn | None, state: str, code: str, error: str, now: datetime
    ) -> Visitor:
        """The visitor back from the provider; `SignInFailedError` for a refused, forged,
        replayed or expired return."""
        if pending is None or not hmac.compare_digest(pending.state, state):
            raise SignInFailedError(EXPIRED)
        if error or not code:
            raise SignInFailedError("Hệ thống định danh của tỉnh không xác nhận việc đăng nhập.")
        return await self._provider.sign_in(code, pending, now)

"""An in-memory notifications API for the page `/nhan-tin` (`NewsSubscriptionDesk`): it keeps
what was asked and refuses as the real API does (problem+json field errors, or 429)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from services.portal.domain.refusals import FormRefusedError

INVALID_EMAIL = {
    "field": "body.email",
    "message": "value is not a valid email address: An email address must have an @-sign.",
    "code": "value_error",
}


class InMemoryNewsDesk:
    def __init__(self) -> None:
        self.asked: list[tuple[dict[str, Any], str | None]] = []
        self.refusal: FormRefusedError | None = None

    async def subscribe(self, body: Mapping[str, Any], visitor_address: str | None) -> None:
        if self.refusal is not None:
            raise self.refusal
        self.asked.append((dict(body), visitor_address))

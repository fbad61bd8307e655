"""An in-memory notifications API for the page `/nhan-tin` (`NewsSubscriptionDesk`): it keeps
what was asked and refuses as the real API does (problem+json field errors, or 429)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from services.portal.domain.refusals import FormRefusedError
from shared.errors import ForbiddenError, NotFoundError
from tests.unit.portal.fakes_parties import _claims

INVALID_EMAIL = {
    "field": "body.email",
    "message": "value is not a valid email address: An email address must have an @-sign.",
    "code": "value_error",
}


class InMemoryNewsDesk:
    """Subscriptions asked with an organisation's token are that organisation's; only it lists
    and pauses them, once confirmed (a pending one cannot be paused, as the real API says)."""

    def __init__(self) -> None:
        self.asked: list[tuple[dict[str, Any], str | None]] = []
        self.refusal: FormRefusedError | None = None
        self.owned: dict[str, dict[str, Any]] = {}

    async def subscribe(
        self, body: Mapping[str, Any], visitor_address: str | None, token: str | None = None
    ) -> None:
        if self.refusal is not None:
            raise self.refusal
        self.asked.append((dict(body), visitor_address))
        if token is not None:
            subscription_id = f"sub_{len(self.owned):04x}"
            self.owned[subscription_id] = {
                **body, "subscription_id": subscription_id, "address": body["email"],
                "status": "pending_confirmation", "owner": _claims(token)["org_id"],
            }  # fmt: skip

    async def mine(self, token: str) -> list[Mapping[str, Any]]:
        org = _claims(token)["org_id"]
        return [s for s in self.owned.values() if s["owner"] == org]

    async def set_active(self, subscription_id: str, active: bool, token: str) -> None:
        found = self.owned.get(subscription_id)
        if found is None:
            raise NotFoundError("no such subscription")
        if found["owner"] != _claims(token)["org_id"]:
            raise ForbiddenError("not its own")
        if found["status"] not in {"active", "paused"}:
            raise FormRefusedError([{"field": "status", "message": "cannot be paused"}])
        found["status"] = "active" if active else "paused"

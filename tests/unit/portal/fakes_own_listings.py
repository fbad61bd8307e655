"""The listings API's side of a signed-in organisation, in memory: its listings in every state,
a new draft (a broker's paper dossier included), an edit with its version, the workflow's
steps and a catalogue import."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import jwt

from services.portal.domain.refusals import FormRefusedError
from shared.errors import ForbiddenError, NotFoundError


class InMemoryOwnListings:
    """The listings API's own-listings side, with its summary rule (at least 10 characters)."""

    def __init__(self) -> None:
        self.items: dict[str, dict[str, Any]] = {}
        self.tokens: list[str] = []
        self.updates: list[dict[str, Any]] = []
        self.catalogues: list[bytes] = []
        self.import_errors: list[dict[str, Any]] = []

    async def mine(self, organization_id: str, state: str, token: str) -> list[Mapping[str, Any]]:
        self.tokens.append(token)
        return [
            _owner_view(x)
            for x in self.items.values()
            if x["owner"] == organization_id and x["status"] == state
        ]

    async def create(self, body: Mapping[str, Any], token: str) -> str:
        self.tokens.append(token)
        if len(str(body.get("summary", ""))) < 10:
            error = {"field": "body.summary", "code": "string_too_short", "limit": 10}
            raise FormRefusedError([{**error, "message": "String should have at least 10"}])
        listing_id = f"lst_{len(self.items) + 1}"
        claims = _claims(token)
        content = {k: v for k, v in body.items() if k != "on_behalf_of"}
        if "on_behalf_of" in body:  # a broker's paper dossier, as the API records it
            if "broker" not in claims["roles"]:
                raise ForbiddenError("only a broker enters a listing on behalf of another")
            owner, content["entered_by"] = body["on_behalf_of"], claims["sub"]
        else:
            owner = claims["org_id"]
        self.items[listing_id] = {
            **content, "listing_id": listing_id, "status": "draft", "owner": owner, "version": 1
        }  # fmt: skip
        return listing_id

    async def get(self, listing_id: str, token: str) -> Mapping[str, Any]:
        item = self.items.get(listing_id)
        if item is None:
            raise NotFoundError("Không tìm thấy trang này.")
        if item["owner"] != _claims(token)["org_id"]:
            return _owner_view(item) | {"private": None}
        return _owner_view(item)

    async def update(
        self, listing_id: str, body: Mapping[str, Any], token: str
    ) -> Mapping[str, Any]:
        """As the API: a stale version is a conflict, a published listing's edit waits."""
        item = self._own(listing_id, token)
        self.updates.append(dict(body))
        if body.get("version") != item["version"]:
            raise FormRefusedError([], "the listing is at a newer version", "conflict")
        if len(str(body.get("summary", ""))) < 10:
            error = {"field": "body.summary", "code": "string_too_short", "limit": 10}
            raise FormRefusedError([{**error, "message": "String should have at least 10"}])
        content = {k: v for k, v in body.items() if k != "version"}
        if item["status"] == "published":
            item["pending"] = content
        else:
            item.update(content)
        item["version"] += 1
        return await self.get(listing_id, token)

    async def import_catalogue(self, csv: bytes, token: str) -> list[str]:
        self.catalogues.append(csv)
        if self.import_errors:
            raise FormRefusedError(self.import_errors, "1 bad row(s)", "import-rejected")
        return ["lst_imported_1"]

    async def submit(self, listing_id: str, token: str) -> None:
        item = self.items.get(listing_id)
        if item is None or item["owner"] != _claims(token)["org_id"]:
            raise NotFoundError("Không tìm thấy tin này.")
        item["status"] = "submitted"

    async def withdraw(self, listing_id: str, reason: str, token: str) -> None:
        item = self._own(listing_id, token)
        if len(reason) < 3:
            error = {"field": "body.reason", "code": "string_too_short", "limit": 3}
            raise FormRefusedError([{**error, "message": "x"}])
        item["status"] = "withdrawn"

    async def renew(self, listing_id: str, valid_until: str, token: str) -> None:
        item = self._own(listing_id, token)
        if not valid_until or valid_until <= "2026-12-03":
            error = {"field": "body.valid_until", "code": "validation-failed", "message": "x"}
            raise FormRefusedError([error])
        item["status"], item["valid_until"] = "published", valid_until

    def _own(self, listing_id: str, token: str) -> dict[str, Any]:
        item = self.items.get(listing_id)
        if item is None or item["owner"] != _claims(token)["org_id"]:
            raise NotFoundError("Không tìm thấy tin này.")
        return item


def _owner_view(item: Mapping[str, Any]) -> dict[str, Any]:
    """A listing as the API shows it to its owner: the private side apart."""
    private = {
        "owner_organization_id": item["owner"],
        "pending_revision": item.get("pending"),
        "entered_by": item.get("entered_by"),
    }
    shown = {k: v for k, v in item.items() if k not in {"owner", "pending", "entered_by"}}
    return shown | {"owner": item["owner"], "private": private}


def _claims(token: str) -> dict[str, Any]:
    claims: dict[str, Any] = jwt.decode(token, options={"verify_signature": False})
    return claims

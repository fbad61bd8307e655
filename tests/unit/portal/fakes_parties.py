"""In-memory organisation registry and match desk: the JSON and refusals the listings and
matching APIs would give, with their rules kept to what the pages show."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import jwt

from services.portal.domain.refusals import FormRefusedError
from shared.errors import ForbiddenError, NotFoundError


def _claims(token: str) -> dict[str, Any]:
    claims: dict[str, Any] = jwt.decode(token, options={"verify_signature": False})
    return claims


class InMemoryRegistry:
    """Registers the token's organisation (a tax code must have 10 or 13 digits); brokers list
    the unverified ones and verify them once."""

    def __init__(self) -> None:
        self.items: dict[str, dict[str, Any]] = {}

    async def register(self, body: Mapping[str, Any], token: str) -> None:
        tax_code = str(body.get("tax_code", ""))
        if not (tax_code.isdigit() and len(tax_code) in {10, 13}):
            error = {"field": "body.tax_code", "code": "value_error"}
            raise FormRefusedError([{**error, "message": "Value error, tax code must have…"}])
        organization_id = _claims(token)["org_id"]
        self.items[organization_id] = {
            "organization_id": organization_id,
            "kind": body.get("kind"),
            "name": body.get("name"),
            "province": {"code": body.get("province_code"), "name": "Quảng Ngãi"},
            "registered_at": "2026-12-02T20:00:00+00:00",
            "verified": False,
            "contact": {"contact_name": body.get("contact_name"), "email": body.get("email"),
                        "tax_code": tax_code},
        }  # fmt: skip

    async def awaiting_verification(self, token: str) -> list[Mapping[str, Any]]:
        _require_broker(token)
        return [org for org in self.items.values() if not org["verified"]]

    async def verify(self, organization_id: str, token: str) -> None:
        _require_broker(token)
        if organization_id not in self.items:
            raise NotFoundError("Không tìm thấy trang này.")
        if self.items[organization_id]["verified"]:
            raise FormRefusedError([], "already verified")
        self.items[organization_id]["verified"] = True


def _require_broker(token: str) -> None:
    if "broker" not in _claims(token)["roles"]:
        raise ForbiddenError("not a broker")


class InMemoryMatchDesk:
    """Matches of the token's organisation; a decline needs a reason; both interested open an
    introduction."""

    def __init__(self, *matches: Mapping[str, Any]) -> None:
        self.matches = {str(m["match_id"]): dict(m) for m in matches}
        self.opened: list[dict[str, Any]] = []

    async def proposals(self, token: str) -> list[Mapping[str, Any]]:
        org = _claims(token)["org_id"]
        return [m for m in self.matches.values() if org in _owners(m)]

    async def answer(self, match_id: str, body: Mapping[str, Any], token: str) -> None:
        org = _claims(token)["org_id"]
        match = self.matches.get(match_id)
        if match is None or org not in _owners(match):
            raise NotFoundError("Không tìm thấy đề xuất này.")
        if not body["interested"] and not body.get("reason"):
            error = {"field": "reason", "code": "validation-failed", "message": "say why"}
            raise FormRefusedError([error])
        side = "offer" if match["offer_owner_organization_id"] == org else "demand"
        match[f"{side}_answer"] = {"interested": body["interested"], "reason": body.get("reason")}
        answers = (match["offer_answer"], match["demand_answer"])
        if all(a is not None and a["interested"] for a in answers):
            match["status"] = "accepted"
            self.opened.append(introduction_json(match))
        elif not body["interested"]:
            match["status"] = "declined"

    async def introductions(self, token: str) -> list[Mapping[str, Any]]:
        org = _claims(token)["org_id"]
        return [i for i in self.opened if org in {i["supplier_organization_id"],
                                                  i["seeker_organization_id"]}]  # fmt: skip


def _owners(match: Mapping[str, Any]) -> set[str]:
    return {match["offer_owner_organization_id"], match["demand_owner_organization_id"]}


def match_json(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "match_id": "mt_1",
        "offer_id": "lst_sam_nuoi_cay_mo",
        "demand_id": "lst_can_may_say",
        "sector": "medicinal_herbs",
        "score": 0.71,
        "explanation": {"features": [], "shared_terms": ["dược liệu"],
                        "sentence_vi": "Cùng lĩnh vực · Trùng từ khóa: dược liệu"},
        "status": "proposed",
        "proposed_at": "2026-12-02T20:00:00+00:00",
        "offer_owner_organization_id": "org_vien_duoc_lieu",
        "demand_owner_organization_id": "org_htx_mangden",
        "offer_answer": None,
        "demand_answer": None,
    }  # fmt: skip
    return data | changes


def introduction_json(match: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "introduction_id": f"int_{match['match_id']}",
        "parties": {"offer_id": match["offer_id"], "demand_id": match["demand_id"]},
        "supplier_organization_id": match["offer_owner_organization_id"],
        "seeker_organization_id": match["demand_owner_organization_id"],
        "stage": "opened",
        "history": [{"stage": "opened", "recorded_at": "2026-12-02T21:00:00+00:00",
                     "recorded_by": "stx-matching"}],
        "claim": None,
    }  # fmt: skip

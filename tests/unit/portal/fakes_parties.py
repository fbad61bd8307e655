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

    async def directory(self, token: str) -> list[Mapping[str, Any]]:
        _require_broker(token)
        return [org for org in self.items.values() if org["verified"]]


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
        org = _claims(token).get("org_id")
        return [m for m in self.matches.values() if org is None or org in _owners(m)]

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
        org = _claims(token).get("org_id")
        parties = ("supplier_organization_id", "seeker_organization_id")
        return [i for i in self.opened if org is None or org in {i[p] for p in parties}]

    async def propose(self, offer_id: str, demand_id: str, token: str) -> None:
        _require_broker(token)
        if not offer_id.startswith("lst_") or not demand_id.startswith("lst_"):
            raise NotFoundError("no such published listing")
        match_id = f"mt_{len(self.matches) + 1}"
        self.matches[match_id] = match_json(match_id=match_id, offer_id=offer_id,
                                            demand_id=demand_id)  # fmt: skip


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


class InMemoryReviewDesk:
    """One nomination under review; a score outside 0–10 or a criterion left out is refused; a
    reviewer who declared a conflict is refused the file and drops out of the queue."""

    def __init__(self) -> None:
        self.nominations = {"nom_1": nomination_json()}
        self.recused: set[str] = set()
        self.scorecards: dict[tuple[str, str], dict[str, Any]] = {}

    async def queue(self, programme_id: str, token: str) -> list[Mapping[str, Any]]:
        reviewer = _claims(token)["sub"]
        return [n for n in self.nominations.values() if reviewer not in self.recused]

    async def nomination(self, nomination_id: str, token: str) -> Mapping[str, Any]:
        reviewer = _claims(token)["sub"]
        if reviewer in self.recused:
            raise ForbiddenError("recused")
        if nomination_id not in self.nominations:
            raise NotFoundError("Không tìm thấy hồ sơ này.")
        card = self.scorecards.get((nomination_id, reviewer))
        return {**self.nominations[nomination_id], "my_scorecard": card}

    async def score(self, nomination_id: str, body: Mapping[str, Any], token: str) -> None:
        scores = body["scores"]
        if set(scores) != {"hieu-qua", "lan-toa"} or not all(
            isinstance(v, int) and 0 <= v <= 10 for v in scores.values()
        ):
            raise FormRefusedError([{"field": "body.scores", "code": "validation-failed"}])
        self.scorecards[(nomination_id, _claims(token)["sub"])] = dict(body)

    async def declare_conflict(self, nomination_id: str, reason: str, token: str) -> None:
        if len(reason) < 3:
            raise FormRefusedError([{"field": "body.reason", "code": "string_too_short"}])
        self.recused.add(_claims(token)["sub"])


def nomination_json() -> dict[str, Any]:
    return {
        "nomination_id": "nom_1", "programme_id": "prg_2026", "category_id": "doanh-nghiep",
        "nominee": {"organization_id": "org_caphe_dakha", "name": "Công ty TNHH Cà phê Đắk Hà"},
        "narrative": "Hai hợp đồng chuyển giao công nghệ lên men cà phê.", "links": [],
    }  # fmt: skip


class InMemoryNominationDesk:
    """Nominations of the token's organisation; an enterprise may only nominate itself, a
    narrative needs 20 characters, a nominee once per category."""

    def __init__(self) -> None:
        self.items: list[dict[str, Any]] = []

    async def mine(self, token: str) -> list[Mapping[str, Any]]:
        org = _claims(token)["org_id"]
        return [n for n in self.items if org in {n["nominator_organization_id"],
                                                 n["nominee"]["organization_id"]}]  # fmt: skip

    async def nominate(self, programme_id: str, body: Mapping[str, Any], token: str) -> None:
        org = _claims(token)["org_id"]
        if programme_id != "prg_open":
            raise NotFoundError("Không tìm thấy chương trình tôn vinh này.")
        if len(str(body.get("narrative", ""))) < 20:
            error = {"field": "body.narrative", "code": "string_too_short", "limit": 20}
            raise FormRefusedError([{**error, "message": "x"}])
        if body["nominee_organization_id"] != org:
            raise ForbiddenError("nominator-not-allowed")
        if any(n["nominee"]["organization_id"] == org for n in self.items):
            raise FormRefusedError([], "already nominated", "duplicate-nomination")
        self.items.append({
            "nomination_id": f"nom_{len(self.items) + 1}", "category_id": body["category_id"],
            "nominator_organization_id": org, "status": "submitted",
            "nominee": {"organization_id": org, "name": "HTX Dược liệu Măng Đen"},
        })  # fmt: skip

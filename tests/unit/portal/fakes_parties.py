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


class InMemoryEventDesk:
    """Registrations need at least one listing; brokers schedule every registered supplier with
    every registered seeker; an organisation's calendar names its own meetings."""

    def __init__(self) -> None:
        self.registrations: dict[str, dict[str, dict[str, Any]]] = {}
        self.meetings_of: dict[str, list[dict[str, Any]]] = {}
        self.announced: dict[str, dict[str, Any]] = {}

    async def announce(self, body: Mapping[str, Any], token: str) -> str:
        _require_broker(token)
        announce_rules(body)
        event_id = f"evt_{len(self.announced) + 1}"
        self.announced[event_id] = dict(body)
        return event_id

    async def register(self, event_id: str, body: Mapping[str, Any], token: str) -> None:
        if not body.get("listing_ids"):
            error = {"field": "body.listing_ids", "code": "too_short", "limit": 1}
            raise FormRefusedError([{**error, "message": "List should have at least 1 item"}])
        org = _claims(token)["org_id"]
        self.registrations.setdefault(event_id, {})[org] = {
            "organization_id": org, "role": body["role"], "status": "registered",
            "listing_ids": list(body["listing_ids"]),
        }  # fmt: skip

    async def participants(self, event_id: str, token: str) -> list[Mapping[str, Any]]:
        return list(self.registrations.get(event_id, {}).values())

    async def generate_schedule(self, event_id: str, token: str) -> None:
        _require_broker(token)
        seated = self.registrations.get(event_id, {}).values()
        suppliers = [r["organization_id"] for r in seated if r["role"] != "seeker"]
        seekers = [r["organization_id"] for r in seated if r["role"] != "supplier"]
        self.meetings_of[event_id] = [
            {"supplier_id": s, "seeker_id": k, "table": n + 1, "starts_at": "2026-12-10T02:00:00Z"}
            for n, (s, k) in enumerate((s, k) for s in suppliers for k in seekers if s != k)
        ]

    async def meetings(self, event_id: str, token: str) -> list[Mapping[str, Any]]:
        return list(self.meetings_of.get(event_id, []))

    async def calendar(self, event_id: str, organization_id: str, token: str) -> bytes:
        if _claims(token).get("org_id") != organization_id:
            raise ForbiddenError("not yours")
        mine = [m for m in self.meetings_of.get(event_id, []) if organization_id in m.values()]
        events = "".join(
            f"BEGIN:VEVENT\r\nLOCATION:bàn {m['table']}\r\nEND:VEVENT\r\n" for m in mine
        )
        return f"BEGIN:VCALENDAR\r\n{events}END:VCALENDAR\r\n".encode()


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


def announce_rules(body: Mapping[str, Any]) -> None:
    """The matching API's plan rules the pages meet: field errors, then a rule across fields."""
    errors = [
        {"field": f"body.{name}", "code": "missing", "message": "Field required"}
        for name in ("title", "starts_at", "ends_at", "registration_deadline", "capacity")
        if name not in body
    ]
    if not body.get("focus_sectors"):
        errors.append({"field": "body.focus_sectors", "code": "too_short", "limit": 1})
    if errors:
        raise FormRefusedError(errors)
    if str(body["registration_deadline"]) > str(body["starts_at"]):
        rule = "Value error, registration_deadline must not be after starts_at"
        raise FormRefusedError([{"field": "body", "code": "value_error", "message": rule}])


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

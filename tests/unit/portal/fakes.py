"""An in-memory listings directory: the public JSON the listings API would return."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Mapping, Sequence
from contextlib import asynccontextmanager
from typing import Any

import httpx
import jwt
from asgi_lifespan import LifespanManager

from services.portal.app import create_app
from services.portal.domain.refusals import FormRefusedError
from services.portal.settings import PortalSettings
from shared.errors import ForbiddenError, NotFoundError, UnavailableError
from tests.unit.portal.fakes_awards import InMemoryAwards
from tests.unit.portal.fakes_event_desk import GRID, InMemoryEventDesk
from tests.unit.portal.fakes_news import InMemoryNewsDesk
from tests.unit.portal.fakes_own_listings import InMemoryOwnListings
from tests.unit.portal.fakes_parties import (
    InMemoryMatchDesk,
    InMemoryNominationDesk,
    InMemoryRegistry,
    InMemoryReviewDesk,
)


class InMemoryListingsDirectory:
    def __init__(
        self,
        *items: Mapping[str, Any],
        organizations: tuple[Mapping[str, Any], ...] = (),
        down: bool = False,
    ) -> None:
        self.items = {str(item["listing_id"]): item for item in items}
        self.organizations = {str(o["organization_id"]): o for o in organizations}
        self.asked: list[dict[str, str]] = []
        self.down = down

    async def search(self, params: Mapping[str, str], limit: int) -> list[Mapping[str, Any]]:
        if self.down:
            raise UnavailableError("Dịch vụ tin công nghệ tạm thời không trả lời.")
        self.asked.append(dict(params))
        kind, owner = params.get("kind"), params.get("owner")
        found = [
            x
            for x in self.items.values()
            if (kind is None or x["kind"] == kind)
            # as the API: the public owner filter never finds an anonymous demand
            and (owner is None or x.get("owner_organization_id") == owner)
        ]
        return found[:limit]

    async def organization(self, organization_id: str) -> Mapping[str, Any]:
        if organization_id not in self.organizations:
            raise NotFoundError("Không tìm thấy trang này.")
        return self.organizations[organization_id]

    async def get(self, listing_id: str) -> Mapping[str, Any]:
        if listing_id not in self.items:
            raise NotFoundError("Không tìm thấy tin này.")
        return self.items[listing_id]


def offer_json(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "listing_id": "lst_sam_nuoi_cay_mo",
        "kind": "offer",
        "status": "published",
        "title": "Quy trình nhân giống sâm Ngọc Linh bằng nuôi cấy mô",
        "summary": "Nhân giống sạch bệnh, tỷ lệ sống trên 85% khi ra vườn.",
        "description": "Năm giai đoạn từ tạo mô sẹo đến thuần dưỡng cây con.",
        "sector": "medicinal_herbs",
        "trl": 7,
        "price_vnd": 1_200_000_000,
        "owner_name": "Viện Dược liệu",
        "owner_organization_id": "org_vien_duoc_lieu",
        "owner_kind": "research_institute",
        "anonymous": False,
        "location": {"code": "51", "name": "Quảng Ngãi", "level": "province"},
        "published_at": "2026-12-02T20:00:00Z",
        "keywords": ["sâm Ngọc Linh", "nuôi cấy mô"],
    }
    return data | changes


def anonymous_demand_json(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "listing_id": "lst_can_may_say",
        "kind": "demand",
        "status": "published",
        "title": "Cần công nghệ sấy lạnh dược liệu giữ hoạt chất",
        "summary": "Hợp tác xã cần máy và quy trình sấy lạnh cho đảng sâm.",
        "description": "Hiện sấy bằng lò củi.",
        "sector": "medicinal_herbs",
        "min_trl": 6,
        "budget_max_vnd": 500_000_000,
        "owner_name": None,
        "owner_organization_id": None,
        "owner_kind": "cooperative",
        "anonymous": True,
        "deadline": "2027-06-30",
    }
    return data | changes


def _claims(token: str) -> dict[str, Any]:
    claims: dict[str, Any] = jwt.decode(token, options={"verify_signature": False})
    return claims


class InMemoryModerationQueue:
    """The moderation API: a score mark must be 0–5, a return needs a reason."""

    def __init__(self, *listings: Mapping[str, Any]) -> None:
        self.waiting = {str(x["listing_id"]): dict(x) for x in listings}
        self.decisions: list[tuple[str, str, Any]] = []

    async def queue(self, token: str) -> list[Mapping[str, Any]]:
        _require_broker(token)
        return [{"listing": x, "possible_duplicates": []} for x in self.waiting.values()]

    async def approve(self, listing_id: str, score: Mapping[str, Any], token: str) -> None:
        _require_broker(token)
        bad = [axis for axis, mark in score.items() if not (isinstance(mark, int) and mark <= 5)]
        if bad:
            error = {"field": f"body.score.{bad[0]}", "code": "less_than_equal", "limit": 5}
            raise FormRefusedError([{**error, "message": "x"}])
        self.waiting.pop(listing_id)
        self.decisions.append(("approved", listing_id, dict(score)))

    async def return_to_owner(
        self, listing_id: str, reasons: Sequence[str], comment: str, token: str
    ) -> None:
        _require_broker(token)
        if not reasons:
            error = {"field": "body.feedback.reasons", "code": "too_short", "limit": 1}
            raise FormRefusedError([{**error, "message": "x"}])
        self.waiting.pop(listing_id)
        self.decisions.append(("returned", listing_id, (list(reasons), comment)))


def _require_broker(token: str) -> None:
    if "broker" not in _claims(token)["roles"]:
        raise ForbiddenError("not a broker")


def institute_json(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "organization_id": "org_vien_duoc_lieu",
        "kind": "research_institute",
        "name": "Viện Dược liệu",
        "name_en": "National Institute of Medicinal Materials",
        "province": {"code": "51", "name": "Quảng Ngãi", "level": "province"},
        "current_province": {"code": "51", "name": "Quảng Ngãi", "level": "province"},
        "commune": {"code": "23476", "name": "Xã Măng Đen", "level": "commune"},
        "verified": True,
    }
    return data | changes


class InMemoryIndicators:
    """The matching service's public indicators: one report per known period."""

    def __init__(self, *reports: Mapping[str, Any]) -> None:
        self.reports = {str(r["period"]): r for r in reports}

    async def report(self, period: str) -> Mapping[str, Any]:
        if period not in self.reports:
            raise NotFoundError("Không có chỉ số của kỳ này.")
        return self.reports[period]

    async def csv(self, period: str) -> str:
        report = await self.report(period)
        return f"period,scope\n{report['period']},total\n"


class InMemoryFullIndicators:
    """Matching's indicators with every cell, as the API sends them; only for a broker."""

    def __init__(self, *reports: Mapping[str, Any]) -> None:
        self.reports = {str(r["period"]): r for r in reports}
        self.asked: list[str] = []

    async def report(self, period: str, form: str, token: str) -> bytes:
        _require_broker(token)
        self.asked.append(period)
        if period not in self.reports:
            raise NotFoundError("Không có chỉ số của kỳ này.")
        if form == "csv":
            return f"period,scope,code\n{period},sector,medicinal_herbs\n".encode()
        return json.dumps(self.reports[period], ensure_ascii=False).encode()

    async def year(self, year: int, token: str) -> list[Mapping[str, Any]]:
        _require_broker(token)
        return [
            {"period": p, "granularity": r.get("granularity"), "totals": r["totals"]}
            for p, r in self.reports.items()
            if p.startswith(str(year))
        ]


def indicators_json(period: str = "2026-Q4") -> dict[str, Any]:
    figures = {
        "offers_published": 12,
        "demands_published": 7,
        "proposals": 31,
        "introductions": 5,
        "contracts": 2,
        "contract_value_vnd": 1_200_000_000,
    }
    return {
        "period": period,
        "period_start": "2026-10-01",
        "period_end": "2026-12-31",
        "totals": figures,
        "by_sector": [{"sector": "medicinal_herbs", "figures": figures}],
    }


class InMemoryEvents:
    def __init__(self, *events: Mapping[str, Any], down: bool = False) -> None:
        self.items = {str(e["event_id"]): e for e in events}
        self.down = down

    async def events(self) -> list[Mapping[str, Any]]:
        if self.down:
            raise UnavailableError("Dịch vụ lịch sự kiện tạm thời không trả lời.")
        return list(self.items.values())

    async def event(self, event_id: str) -> Mapping[str, Any]:
        if event_id not in self.items:
            raise NotFoundError("Không tìm thấy sự kiện này.")
        return self.items[event_id]


def event_json(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "event_id": "evt_techmart_2026",
        "status": "announced",
        "title": "Techmart Quảng Ngãi 2026",
        "kind": "techmart",
        "starts_at": "2026-12-10T01:00:00+00:00",
        "ends_at": "2026-12-10T10:00:00+00:00",
        "venue": "Trung tâm Hội nghị tỉnh",
        "online_url": None,
        "focus_sectors": ["medicinal_herbs", "high_tech_agriculture"],
        "capacity": 120,
        "registration_deadline": "2026-12-05T10:00:00+00:00",
        "cancelled_reason": None,
        "pins": [{"supplier": "org_bi_mat", "seeker": "org_kin_dao"}],
        **GRID,
    }
    return data | changes


@asynccontextmanager
async def portal_client(
    settings: PortalSettings | None = None, **ports: Any
) -> AsyncIterator[httpx.AsyncClient]:
    """A client on the portal's ASGI app with in-memory ports: each port a test does not give is
    an empty fake, so no unit test ever reaches the network."""
    empty: dict[str, Any] = {
        "listings": InMemoryListingsDirectory(),
        "own": InMemoryOwnListings(),
        "moderation": InMemoryModerationQueue(),
        "indicators": InMemoryIndicators(),
        "full_indicators": InMemoryFullIndicators(),
        "events": InMemoryEvents(),
        "awards": InMemoryAwards(),
        "registry": InMemoryRegistry(),
        "desk": InMemoryMatchDesk(),
        "event_desk": InMemoryEventDesk(),
        "review_desk": InMemoryReviewDesk(),
        "nomination_desk": InMemoryNominationDesk(),
        "news_desk": InMemoryNewsDesk(),
    }
    app = create_app(settings or PortalSettings(log_format="console"), **(empty | ports))
    async with LifespanManager(app) as manager:
        transport = httpx.ASGITransport(app=manager.app)
        async with httpx.AsyncClient(transport=transport, base_url="http://portal") as client:
            yield client

"""Realistic data for the brokerage domain tests: a Kon Tum university's ginseng drying
process and a Đăk Glei cooperative's order for it."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from services.matching.domain import matches
from services.matching.domain.introductions import Introduction, open_introduction
from services.matching.domain.matches import Answer, Match, Scoring
from shared.events.listings import ListingSnapshot
from shared.events.matches import Explanation, ProposedBy

NOW = datetime(2026, 11, 20, 3, 0, tzinfo=UTC)  # 10:00 in Kon Tum
TODAY = date(2026, 11, 20)
TTL = timedelta(days=30)
UNIVERSITY = "org_phan_hieu_dhdn_kon_tum"
COOPERATIVE = "org_htx_sam_ngoc_linh_dak_glei"
SCORING = Scoring(
    score=0.89,
    explanation=Explanation(
        features=[], shared_terms=["sâm ngọc linh"], sentence_vi="Cùng lĩnh vực · TRL 7 ≥ yêu cầu 6"
    ),
    engine_version="stx-match-1.0",
)


def offer(**changes: Any) -> ListingSnapshot:
    data: dict[str, Any] = {
        "listing_id": "lst_sam_say_lanh",
        "kind": "offer",
        "status": "published",
        "version": 1,
        "title": "Công nghệ sấy lạnh bảo quản sâm Ngọc Linh",
        "summary": "Sấy lạnh giữ nguyên hàm lượng saponin.",
        "description": "Quy trình sấy lạnh 3 giai đoạn.",
        "sector": "medicinal_herbs",
        "trl": 7,
        "ip_status": "utility_solution",
        "transfer_forms": ["independent_transfer"],
        "state_funded": True,
        "owner_organization_id": UNIVERSITY,
        "owner_kind": "university",
        "published_at": NOW - timedelta(days=10),
        "updated_at": NOW,
    }
    return ListingSnapshot.model_validate(data | changes)


def demand(**changes: Any) -> ListingSnapshot:
    data: dict[str, Any] = {
        "listing_id": "lst_htx_can_may_say",
        "kind": "demand",
        "status": "published",
        "version": 1,
        "title": "Cần công nghệ sấy sâm Ngọc Linh giữ hoạt chất",
        "summary": "Hợp tác xã cần giải pháp sấy sâm.",
        "description": "Hiện sấy bằng lò củi.",
        "sector": "medicinal_herbs",
        "min_trl": 6,
        "anonymous": True,
        "owner_kind": "cooperative",
        "published_at": NOW - timedelta(days=3),
        "updated_at": NOW,
    }
    return ListingSnapshot.model_validate(data | changes)


def proposed(**changes: Any) -> Match:
    match, _ = matches.propose(offer(), demand(), UNIVERSITY, SCORING, ProposedBy.ENGINE, NOW, TTL)
    return match.model_copy(update=changes)


def answer_of(organization_id: str, interested: bool = True, **changes: Any) -> Answer:
    data: dict[str, Any] = {
        "interested": interested,
        "organization_id": organization_id,
        "answered_by": f"{organization_id}:giam-doc",
        "answered_at": NOW + timedelta(days=1),
    }
    return Answer.model_validate(data | changes)


def accepted() -> Match:
    match = proposed()
    match, _ = matches.answer(match, demand().kind, answer_of(COOPERATIVE))
    match, _ = matches.answer(match, offer().kind, answer_of(UNIVERSITY))
    return match


def introduced(**offer_changes: Any) -> Introduction:
    introduction, _ = open_introduction(accepted(), offer(**offer_changes), "broker-01", NOW)
    return introduction

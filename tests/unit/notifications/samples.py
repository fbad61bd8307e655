"""Realistic events of the Kon Tum / Quảng Ngãi exchange, for the notifications tests."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from shared.events.listings import ListingPublished, ListingSnapshot
from shared.events.matches import Explanation, MatchAccepted, MatchProposed
from shared.events.organizations import AdministrativeUnit

NOW = datetime(2026, 11, 20, 2, 0, tzinfo=UTC)  # 09:00 in Asia/Ho_Chi_Minh
DAK_HA = AdministrativeUnit(code="615", name="Huyện Đăk Hà", level="district")
TU_MO_RONG = AdministrativeUnit(code="617", name="Huyện Tu Mơ Rông", level="district")


def snapshot(**overrides: Any) -> ListingSnapshot:
    fields: dict[str, Any] = {
        "listing_id": "lst_sam_ngoc_linh",
        "kind": "offer",
        "status": "published",
        "version": 1,
        "title": "Quy trình nhân giống sâm Ngọc Linh bằng nuôi cấy mô",
        "summary": "Nhân giống sâm Ngọc Linh sạch bệnh, tỷ lệ sống trên 85% khi ra vườn.",
        "description": "Quy trình gồm 5 giai đoạn từ tạo mô sẹo đến thuần dưỡng cây con.",
        "sector": "medicinal_herbs",
        "keywords": ["sâm Ngọc Linh", "nuôi cấy mô"],
        "location": TU_MO_RONG,
        "owner_organization_id": "org_vien_duoc_lieu",
        "owner_name": "Viện Dược liệu",
        "owner_kind": "research_institute",
        "updated_at": NOW,
    }
    return ListingSnapshot.model_validate(fields | overrides)


def published(**overrides: Any) -> ListingPublished:
    listing = snapshot(**overrides)
    return ListingPublished(listing_id=listing.listing_id, listing=listing)


def match_proposed(demand_owner: str | None = None) -> MatchProposed:
    return MatchProposed(
        match_id="mat_sam_say_lanh",
        offer_id="lst_sam_ngoc_linh",
        demand_id="lst_htx_dak_ha",
        score=0.82,
        explanation=Explanation(features=[], sentence_vi="Cùng lĩnh vực · TRL 7 ≥ yêu cầu 6"),
        engine_version="stx-match-1.0",
        proposed_by="engine",
        sector="medicinal_herbs",
        offer_owner_organization_id="org_vien_duoc_lieu",
        demand_owner_organization_id=demand_owner,
        expires_at=NOW + timedelta(days=14),
    )


def match_accepted(demand_owner: str | None = None) -> MatchAccepted:
    return MatchAccepted(
        match_id="mat_sam_say_lanh",
        offer_id="lst_sam_ngoc_linh",
        demand_id="lst_htx_dak_ha",
        offer_owner_organization_id="org_vien_duoc_lieu",
        demand_owner_organization_id=demand_owner,
    )

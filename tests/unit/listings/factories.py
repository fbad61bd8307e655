"""Realistic test data: Kon Tum organisations, offers and demands (Vietnamese)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from services.listings.domain import lifecycle
from services.listings.domain.listings import Listing, create_draft
from services.listings.domain.moderation import QualityScore
from services.listings.domain.organizations import (
    Organization,
    OrganizationDetails,
    register,
    verify,
)
from services.listings.domain.terms import ListingTerms

NOW = datetime(2026, 3, 2, 3, 0, tzinfo=UTC)  # 10:00 in Kon Tum
TODAY = date(2026, 3, 2)
GOOD_SCORE = QualityScore(clarity=4, completeness=4, commercial_relevance=5)


def org_details(**overrides: Any) -> OrganizationDetails:
    data: dict[str, Any] = {
        "kind": "enterprise",
        "name": "Công ty Cổ phần Sâm Ngọc Linh Kon Tum",
        "tax_code": "6100123454",
        "province_code": "51",
        "commune_code": "23425",
        "contact_name": "Bà Y Thị Hoa",
        "email": "hoa.yt@samngoclinh.vn",
        "phone": "0905 123 456",
    }
    return OrganizationDetails.model_validate(data | overrides)


def verified_org(organization_id: str = "org_samngoclinh", **overrides: Any) -> Organization:
    org = register(organization_id, org_details(**overrides), NOW).organization
    return verify(org, "broker-01", NOW).organization


def offer_terms(**overrides: Any) -> ListingTerms:
    data: dict[str, Any] = {
        "kind": "offer",
        "title": "Quy trình nhân giống Sâm Ngọc Linh bằng nuôi cấy mô",
        "summary": "Nhân giống sâm Ngọc Linh sạch bệnh, tỷ lệ sống trên 85% khi ra vườn.",
        "description": "Quy trình 5 giai đoạn từ tạo mô sẹo đến thuần dưỡng cây con dưới tán rừng.",
        "sector": "medicinal_herbs",
        "keywords": ["sâm Ngọc Linh", "nuôi cấy mô"],
        "trl": 7,
        "transfer_objects": ["process", "know_how"],
        "transfer_forms": ["independent_transfer"],
        "rights_mode": "non_exclusive_licence",
        "price_vnd": 850_000_000,
        "location_code": "23425",
        "valid_until": "2027-06-30",
    }
    return ListingTerms.model_validate(data | overrides)


def demand_terms(**overrides: Any) -> ListingTerms:
    data: dict[str, Any] = {
        "kind": "demand",
        "title": "Cần công nghệ sấy lạnh dược liệu giữ hoạt chất",
        "summary": "Hợp tác xã cần máy và quy trình sấy lạnh cho đảng sâm và sâm dây.",
        "description": "Sấy bằng lò củi làm mất màu và hoạt chất; cần giải pháp sấy ở dưới 45 °C.",
        "desired_outcome": "Giảm 30% chi phí sấy, giữ hoạt chất saponin.",
        "sector": "medicinal_herbs",
        "min_trl": 6,
        "budget_min_vnd": 300_000_000,
        "budget_max_vnd": 900_000_000,
        "deadline": "2026-12-31",
        "anonymous": True,
    }
    return ListingTerms.model_validate(data | overrides)


def draft(terms: ListingTerms | None = None, owner: Organization | None = None) -> Listing:
    return create_draft("lst_test1", terms or offer_terms(), owner or verified_org(), NOW)


def submitted(terms: ListingTerms | None = None) -> Listing:
    return lifecycle.submit(draft(terms), verified_org(), [], NOW).listing


def published(terms: ListingTerms | None = None) -> Listing:
    return lifecycle.approve(submitted(terms), "broker-01", GOOD_SCORE, NOW).listing

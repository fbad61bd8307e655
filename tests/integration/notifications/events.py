"""Input events with ids unique to one test (the topics are shared by the whole session)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from shared.events.awards import AwardCategoryInfo, AwardProgrammeOpened
from shared.events.connection_events import (
    ConnectionEventAnnounced,
    ConnectionEventDetails,
    MeetingScheduled,
)
from shared.events.contacts import ContactDetailsUpdated, ListingOwnerRecorded
from shared.events.listings import (
    ListingPublished,
    ListingReturned,
    ListingSnapshot,
    ReturnFeedback,
)
from shared.events.matches import Explanation, MatchAccepted, MatchProposed
from shared.events.organizations import (
    AdministrativeUnit,
    OrganizationProfile,
    OrganizationRegistered,
)
from shared.events.vocabulary import OrganizationKind


def offer(unique: str, n: int, district: str, **overrides: Any) -> ListingPublished:
    listing = ListingSnapshot.model_validate(
        {
            "listing_id": f"lst_{unique}_{n}",
            "kind": "offer",
            "status": "published",
            "version": 1,
            "title": f"Quy trình nhân giống sâm Ngọc Linh số {n}",
            "summary": "Nhân giống sâm Ngọc Linh sạch bệnh, tỷ lệ sống trên 85% khi ra vườn.",
            "description": "Quy trình gồm 5 giai đoạn từ tạo mô sẹo đến thuần dưỡng cây con.",
            "sector": "medicinal_herbs",
            "keywords": ["sâm Ngọc Linh", "nuôi cấy mô"],
            "location": AdministrativeUnit(code=district, name="Tu Mơ Rông", level="district"),
            "owner_organization_id": f"org_{unique}_vien",
            "owner_name": "Viện Dược liệu",
            "owner_kind": "research_institute",
            "updated_at": datetime.now(UTC),
        }
        | overrides
    )
    return ListingPublished(listing_id=listing.listing_id, listing=listing)


def returned(unique: str, owner: str) -> ListingReturned:
    listing = offer(unique, 9, "10000", owner_organization_id=owner, status="returned").listing
    feedback = ReturnFeedback(reasons=["incomplete"], comment="Bổ sung số liệu thử nghiệm.")
    return ListingReturned(listing_id=listing.listing_id, listing=listing, feedback=feedback)


def contact(
    organization_id: str, email: str, name: str, language: str = "vi"
) -> ContactDetailsUpdated:
    return ContactDetailsUpdated.model_validate(
        {
            "organization_id": organization_id,
            "contact_name": name,
            "email": email,
            "phone": "0905123456",
            "language": language,
        }
    )


def owner(listing_id: str, organization_id: str) -> ListingOwnerRecorded:
    return ListingOwnerRecorded(listing_id=listing_id, owner_organization_id=organization_id)


def proposal(unique: str, offer_owner: str) -> MatchProposed:
    return MatchProposed(
        match_id=f"mat_{unique}",
        offer_id=f"lst_{unique}_1",
        demand_id=f"lst_{unique}_demand",
        score=0.82,
        explanation=Explanation(features=[], sentence_vi="Cùng lĩnh vực · TRL 7 ≥ 6"),
        engine_version="stx-match-1.0",
        proposed_by="engine",
        sector="medicinal_herbs",
        offer_owner_organization_id=offer_owner,
        demand_owner_organization_id=None,
        expires_at=datetime.now(UTC) + timedelta(days=14),
    )


def acceptance(unique: str, offer_owner: str) -> MatchAccepted:
    return MatchAccepted(
        match_id=f"mat_{unique}",
        offer_id=f"lst_{unique}_1",
        demand_id=f"lst_{unique}_demand",
        offer_owner_organization_id=offer_owner,
        demand_owner_organization_id=None,
    )


def meeting(unique: str, supplier: str, seeker: str) -> MeetingScheduled:
    starts_at = datetime(2026, 12, 3, 2, 0, tzinfo=UTC)  # 09:00 in Asia/Ho_Chi_Minh
    return MeetingScheduled(
        meeting_id=f"mtg_{unique}",
        event_id=f"cev_{unique}",
        seeker_organization_id=seeker,
        supplier_organization_id=supplier,
        slot=3,
        table=7,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(minutes=20),
        score=0.82,
        requested=False,
        pinned=False,
        offer_id=f"lst_{unique}_1",
        demand_id=f"lst_{unique}_demand",
    )


def association_registered(organization_id: str) -> OrganizationRegistered:
    province = AdministrativeUnit(code="51", name="Quảng Ngãi", level="province")
    profile = OrganizationProfile(
        organization_id=organization_id,
        kind=OrganizationKind.ASSOCIATION,
        name="Hội Dược liệu tỉnh Quảng Ngãi",
        province=province,
        current_province=province,
        verified=False,
        registered_at=datetime.now(UTC),
    )
    return OrganizationRegistered(organization_id=organization_id, organization=profile)


def programme_opened(unique: str) -> AwardProgrammeOpened:
    return AwardProgrammeOpened(
        programme_id=f"awp_{unique}",
        year=2026,
        title="Tôn vinh tổ chức, cá nhân tiêu biểu phát triển thị trường KH&CN năm 2026",
        period_start=date(2026, 1, 1),
        period_end=date(2026, 12, 31),
        nominations_close_at=datetime.now(UTC) + timedelta(days=20),
        categories=[
            AwardCategoryInfo(
                category_id="doanh-nghiep-doi-moi-cong-nghe",
                name="Doanh nghiệp tiêu biểu trong đổi mới, ứng dụng công nghệ",
                quota=3,
                merit_quota=5,
            )
        ],
        by_hand=True,
    )


def techmart_announced(event_id: str, title: str) -> ConnectionEventAnnounced:
    starts = datetime.now(UTC) + timedelta(days=30)
    details = ConnectionEventDetails(
        title=title, kind="techmart", starts_at=starts, ends_at=starts + timedelta(hours=8),
        venue="Trung tâm Hội nghị tỉnh", focus_sectors=["medicinal_herbs"], capacity=60,
        registration_deadline=starts - timedelta(days=7), waitlist=True, slot_minutes=20,
        slot_count=12, tables=10,
    )  # fmt: skip
    return ConnectionEventAnnounced(event_id=event_id, details=details)

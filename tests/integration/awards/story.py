"""Steps and data the awards integration tests share: organisations, deals, programmes."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any

import httpx

from shared.auth import Role, mint_token
from shared.clock import PROVINCE_ZONE
from shared.events.connections import (
    IntroductionContractSigned,
    IntroductionDealClosed,
    IntroductionOpened,
    IntroductionParties,
)
from shared.events.contacts import ListingOwnerRecorded
from shared.events.envelope import Envelope, parse_record
from shared.events.matches import MatchAccepted
from shared.events.organizations import (
    AdministrativeUnit,
    OrganizationProfile,
    OrganizationRegistered,
    OrganizationVerified,
)
from shared.events.vocabulary import OrganizationKind, RightsMode, Sector, TransferForm
from shared.settings import DEV_JWT_SECRET
from shared.topics import AWARDS
from tests.integration.shared.harness import read_all

QUANG_NGAI = AdministrativeUnit(code="51", name="Quảng Ngãi", level="province")
KON_TUM = AdministrativeUnit(
    code="62", name="Kon Tum", level="province", valid_to=date(2025, 6, 30), successor_code="51"
)


def bearer(subject: str, *roles: Role, org_id: str | None = None) -> dict[str, str]:
    return {"Authorization": f"Bearer {mint_token(DEV_JWT_SECRET, subject, roles, org_id=org_id)}"}


ADMIN = bearer("admin-so-khcn", Role.admin)


def new_id(prefix: str) -> str:
    return f"{prefix}_{uuid.uuid4().hex[:12]}"


def today() -> date:
    return datetime.now(UTC).astimezone(PROVINCE_ZONE).date()


def registered(organization_id: str, name: str, kind: OrganizationKind) -> list[Any]:
    """An organisation registered, then verified by a broker."""
    profile = OrganizationProfile(
        organization_id=organization_id,
        kind=kind,
        name=name,
        province=KON_TUM,
        current_province=QUANG_NGAI,
        verified=True,
        registered_at=datetime.now(UTC),
    )
    unverified = profile.model_copy(update={"verified": False})
    return [
        OrganizationRegistered(organization_id=organization_id, organization=unverified),
        OrganizationVerified(
            organization_id=organization_id, organization=profile, verified_by="broker-01"
        ),
    ]


def closed_deal(supplier: str, seeker: str, value_vnd: int = 1_200_000_000) -> list[Any]:
    """A match accepted, an introduction, a contract and a closed deal on an *anonymous* demand:
    the seeker's id only arrives with `ListingOwnerRecorded` (internal contacts topic)."""
    offer_id, demand_id = new_id("lst"), new_id("lst")
    introduction_id, match_id = new_id("itr"), new_id("mch")
    parties = IntroductionParties(
        match_id=match_id,
        offer_id=offer_id,
        demand_id=demand_id,
        sector=Sector.MEDICINAL_HERBS,
        supplier_organization_id=supplier,
        supplier_kind=OrganizationKind.ENTERPRISE,
        seeker_organization_id=None,
        state_funded=False,
        ip_asset=False,
    )
    steps = {"introduction_id": introduction_id, "parties": parties}
    return [
        MatchAccepted(
            match_id=match_id,
            offer_id=offer_id,
            demand_id=demand_id,
            offer_owner_organization_id=supplier,
            demand_owner_organization_id=None,
        ),
        IntroductionOpened(**steps),
        IntroductionContractSigned(
            **steps,
            transfer_form=TransferForm.INDEPENDENT_TRANSFER,
            rights_mode=RightsMode.NON_EXCLUSIVE_LICENCE,
            value_vnd=value_vnd,
            signed_on=today(),
        ),
        IntroductionDealClosed(**steps, closed_on=today(), value_vnd=value_vnd),
        ListingOwnerRecorded(listing_id=demand_id, owner_organization_id=seeker),
    ]


def programme_body(
    *, rules: list[dict[str, Any]], advance_first: int = 1, quota: int = 1
) -> dict[str, Any]:
    now = datetime.now(UTC)
    return {
        "year": today().year,
        "title": f"Tôn vinh tổ chức, cá nhân tiêu biểu thị trường KH&CN năm {today().year}",
        "period_start": (today() - timedelta(days=200)).isoformat(),
        "period_end": (today() + timedelta(days=100)).isoformat(),
        "nominations_open_at": (now + timedelta(days=1)).isoformat(),
        "nominations_close_at": (now + timedelta(days=30)).isoformat(),
        "categories": [
            {
                "category_id": "doanh-nghiep-doi-moi-cong-nghe",
                "name": "Doanh nghiệp tiêu biểu trong đổi mới, ứng dụng công nghệ",
                "name_en": "Outstanding enterprise in technology innovation and application",
                "quota": quota,
                "merit_quota": 1,
                "criteria": [
                    {
                        "code": "hieu-qua-chuyen-giao",
                        "name": "Hiệu quả chuyển giao công nghệ",
                        "weight": 60,
                    },
                    {"code": "lan-toa", "name": "Sức lan tỏa trong tỉnh", "weight": 40},
                ],
                "eligibility": rules,
            }
        ],
        "rounds": [
            {"round_id": "so-tuyen", "name": "Sơ tuyển", "advance_count": advance_first},
            {"round_id": "chung-khao", "name": "Chung khảo", "advance_count": 1},
        ],
    }


CATEGORY = "doanh-nghiep-doi-moi-cong-nghe"
NEEDS_A_CLOSED_DEAL: list[dict[str, Any]] = [
    {"kind": "nominee_kind", "allowed": ["enterprise", "cooperative"]},
    {
        "kind": "minimum_activity",
        "measure": "deals_closed",
        "at_least": 1,
        "applies_to": ["enterprise", "cooperative"],
    },
]


async def create_open_programme(
    client: httpx.AsyncClient, rules: list[dict[str, Any]], **terms: Any
) -> str:
    created = await client.post(
        "/programmes", json=programme_body(rules=rules, **terms), headers=ADMIN
    )
    assert created.status_code == 201, created.text
    programme_id: str = created.json()["programme_id"]
    opened = await client.post(f"/programmes/{programme_id}/open", headers=ADMIN)
    assert opened.status_code == 200, opened.text
    return programme_id


async def awards_events(bootstrap: str, subjects: set[str]) -> list[Envelope]:
    """Every event on `stx.awards.v1` about these nominations or programmes (topics are shared)."""
    records = await read_all(bootstrap, AWARDS, expected=10**9, timeout=3.0)
    envelopes = [parse_record(r.headers, r.value) for r in records]
    return [e for e in envelopes if e.subject in subjects]

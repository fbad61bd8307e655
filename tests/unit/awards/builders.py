"""Test data that looks like the real thing: a 2026 programme of Quảng Ngãi province."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from services.awards.domain.activity import (
    ActivityFact,
    ActivitySnapshot,
    FactKind,
    Measure,
    Side,
    summarise,
)
from services.awards.domain.decisions import Decision, Outcome
from services.awards.domain.eligibility import MinimumActivity, Nominee, NomineeKinds
from services.awards.domain.nomination import Nomination, Nominator
from services.awards.domain.programme import Category, Criterion, Programme, ReviewRound
from services.awards.domain.stages import submit
from shared.events.vocabulary import OrganizationKind

OPENS = datetime(2026, 9, 1, 1, 0, tzinfo=UTC)
CLOSES = datetime(2026, 10, 31, 10, 0, tzinfo=UTC)
DURING_WINDOW = datetime(2026, 9, 15, 3, 0, tzinfo=UTC)
ENTERPRISE_CATEGORY = "doanh-nghiep-doi-moi-cong-nghe"
EXPERT_CATEGORY = "chuyen-gia-chuyen-giao"

HTX_SAM = Nominee(
    organization_id="org_htx_sam_tu_mo_rong",
    name="Hợp tác xã Sâm Ngọc Linh Tu Mơ Rông",
    kind=OrganizationKind.COOPERATIVE,
    verified=True,
)
CONG_TY_CA_PHE = Nominee(
    organization_id="org_cafe_dak_ha",
    name="Công ty TNHH Cà phê Đắk Hà",
    kind=OrganizationKind.ENTERPRISE,
    verified=True,
)
VIEN_DUOC_LIEU = Nominee(
    organization_id="org_vien_duoc_lieu",
    name="Viện Dược liệu",
    kind=OrganizationKind.RESEARCH_INSTITUTE,
    verified=True,
)
HIEP_HOI = Nominator(
    organization_id="org_hiep_hoi_dn_quang_ngai", kind=OrganizationKind.ASSOCIATION
)


def criteria() -> list[Criterion]:
    return [
        Criterion(code="hieu-qua-chuyen-giao", name="Hiệu quả chuyển giao công nghệ", weight=50),
        Criterion(code="doi-moi-sang-tao", name="Mức độ đổi mới sáng tạo", weight=30),
        Criterion(code="lan-toa", name="Sức lan tỏa trong tỉnh", weight=20),
    ]


def enterprise_category(quota: int = 2, merit_quota: int = 1) -> Category:
    return Category(
        category_id=ENTERPRISE_CATEGORY,
        name="Doanh nghiệp tiêu biểu trong đổi mới, ứng dụng công nghệ",
        name_en="Outstanding enterprise in technology innovation and application",
        quota=quota,
        merit_quota=merit_quota,
        criteria=criteria(),
        eligibility=[
            NomineeKinds(allowed=[OrganizationKind.ENTERPRISE, OrganizationKind.COOPERATIVE]),
            MinimumActivity(
                measure=Measure.CONTRACTS_SIGNED,
                at_least=1,
                applies_to=[OrganizationKind.ENTERPRISE, OrganizationKind.COOPERATIVE],
            ),
        ],
    )


def programme(**changes: Any) -> Programme:
    fields: dict[str, Any] = {
        "programme_id": "awp_2026_test",
        "year": 2026,
        "title": "Tôn vinh tổ chức, cá nhân tiêu biểu phát triển thị trường KH&CN năm 2026",
        "period_start": date(2026, 1, 1),
        "period_end": date(2026, 12, 31),
        "nominations_open_at": OPENS,
        "nominations_close_at": CLOSES,
        "categories": [enterprise_category()],
        "rounds": [
            ReviewRound(round_id="so-tuyen", name="Sơ tuyển", advance_count=2),
            ReviewRound(round_id="chung-khao", name="Chung khảo", advance_count=1),
        ],
    }
    return Programme(**(fields | changes))


def open_programme(**changes: Any) -> Programme:
    opened = programme(**changes)
    opened.open(OPENS, by_hand=False)
    return opened


def contract(
    organization_id: str,
    on: date = date(2026, 6, 12),
    value_vnd: int = 1_200_000_000,
    ref: str = "itr_sam_01",
    side: Side = Side.SEEKER,
    state_funded: bool = False,
) -> ActivityFact:
    return ActivityFact(
        kind=FactKind.CONTRACT_SIGNED,
        ref=ref,
        side=side,
        organization_id=organization_id,
        on=on,
        value_vnd=value_vnd,
        state_funded=state_funded,
    )


def snapshot(*facts: ActivityFact) -> ActivitySnapshot:
    return summarise(facts, date(2026, 1, 1), date(2026, 12, 31))


def nominate(
    open_: Programme,
    nominee: Nominee = HTX_SAM,
    evidence: ActivitySnapshot | None = None,
    *,
    nomination_id: str = "nom_htx_sam",
    at: datetime = DURING_WINDOW,
    nominator: Nominator = HIEP_HOI,
) -> Nomination:
    nomination, _ = submit(
        nomination_id=nomination_id,
        programme=open_,
        category_id=ENTERPRISE_CATEGORY,
        nominee=nominee,
        nominator=nominator,
        submitted_by="hiep-hoi-01",
        narrative="Đơn vị đã làm chủ quy trình nhân giống sâm Ngọc Linh bằng nuôi cấy mô.",
        links=[],
        snapshot=evidence or snapshot(contract(nominee.organization_id)),
        now=at,
    )
    return nomination


def decision(
    outcome: Outcome = Outcome.AWARDED, citation: str | None = "Tiêu biểu năm 2026."
) -> Decision:
    return Decision(
        outcome=outcome,
        justification="Hội đồng thống nhất đề nghị khen thưởng.",
        citation=citation,
        decided_by="admin-01",
        decided_at=CLOSES + timedelta(days=30),
    )

"""Events on `stx.awards.v1` about nominations: submitted, checked for eligibility with public
market evidence, withdrawn, advanced or rejected in review, and granted an award.

Public: reviewer identities and scores never appear here.
"""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar

from pydantic import BaseModel, Field

from shared.events.awards import (
    CATEGORY_ID_EXAMPLE,
    NOMINATION_ID_EXAMPLE,
    PROGRAMME_ID_EXAMPLE,
    AwardLevel,
    NominatorKind,
    RejectionStage,
)
from shared.events.base import Event
from shared.events.organizations import ORG_ID_EXAMPLE
from shared.events.registry import register
from shared.topics import AWARDS


class _NominationEvent(Event):
    topic: ClassVar[str] = AWARDS
    subject_field: ClassVar[str] = "nomination_id"

    nomination_id: str = Field(description="The nomination.", examples=[NOMINATION_ID_EXAMPLE])
    programme_id: str = Field(description="Its programme.", examples=[PROGRAMME_ID_EXAMPLE])
    category_id: str = Field(description="Its category.", examples=[CATEGORY_ID_EXAMPLE])
    nominee_organization_id: str = Field(
        description="The nominated organisation or expert.", examples=[ORG_ID_EXAMPLE]
    )


@register
class NominationSubmitted(_NominationEvent):
    """A nominator put an organisation or expert forward in a category."""

    ce_type: ClassVar[str] = "stx.nomination.submitted"

    nominee_name: str = Field(
        description="Public name of the nominee.", examples=["Hợp tác xã Sâm Ngọc Linh Tu Mơ Rông"]
    )
    nominator_organization_id: str = Field(
        description="The nominating organisation (the nominee itself for a self-nomination).",
        examples=["org_01JC9W3Z8Q5M7K2H4N6P8R0HHD"],
    )
    nominator_kind: NominatorKind = Field(description="Who nominated.", examples=["association"])


class EligibilityReason(BaseModel):
    """One eligibility rule and its outcome, in both languages."""

    rule: str = Field(description="Kind of rule.", examples=["minimum_activity"])
    passed: bool = Field(description="The nominee meets the rule.", examples=[False])
    reason_vi: str = Field(
        description="Why, in Vietnamese.",
        examples=[
            "Doanh nghiệp cần ít nhất 1 hợp đồng chuyển giao công nghệ đã ký trong kỳ xét "
            "(hiện có 0)."
        ],
    )
    reason_en: str = Field(
        description="Why, in English.",
        examples=[
            "an enterprise needs at least 1 signed technology-transfer contract in the period "
            "(has 0)"
        ],
    )


class ActivityEvidence(BaseModel):
    """The nominee's market activity in the programme period, counted from public STX events."""

    offers_published: int = Field(ge=0, description="Technology offers published.", examples=[2])
    demands_published: int = Field(ge=0, description="Technology demands published.", examples=[1])
    matches_accepted: int = Field(
        ge=0, description="Match proposals both sides accepted.", examples=[3]
    )
    introductions_opened: int = Field(
        ge=0, description="Introductions by the broker.", examples=[3]
    )
    mous_signed: int = Field(ge=0, description="Memoranda of understanding signed.", examples=[1])
    contracts_signed: int = Field(
        ge=0, description="Technology-transfer contracts signed.", examples=[1]
    )
    contract_value_vnd: int = Field(
        ge=0, description="Value of those contracts, VND.", examples=[1_200_000_000]
    )
    contracts_registered: int = Field(
        ge=0, description="Transfer contracts registered.", examples=[1]
    )
    deals_closed: int = Field(ge=0, description="Deals closed.", examples=[1])
    deal_value_vnd: int = Field(
        ge=0, description="Final value of the closed deals, VND.", examples=[1_200_000_000]
    )
    state_funded_results_transferred: int = Field(
        ge=0, description="State-funded research results transferred by contract.", examples=[0]
    )
    connection_events_attended: int = Field(
        ge=0, description="Connection events (techmart, B2B sessions) attended.", examples=[2]
    )


@register
class NominationEligibilityChecked(_NominationEvent):
    """Eligibility was evaluated from the nominee's recorded activity (on submission, and again
    whenever new activity of the nominee arrives while the window is open)."""

    ce_type: ClassVar[str] = "stx.nomination.eligibility_checked"

    eligible: bool = Field(description="Every rule of the category is met.", examples=[True])
    reasons: list[EligibilityReason] = Field(
        description="Each rule and its outcome.",
        examples=[
            [
                {
                    "rule": "minimum_activity",
                    "passed": True,
                    "reason_vi": "Doanh nghiệp cần ít nhất 1 hợp đồng chuyển giao công nghệ đã ký "
                    "trong kỳ xét (hiện có 2).",
                    "reason_en": "an enterprise needs at least 1 signed technology-transfer "
                    "contract in the period (has 2)",
                }
            ]
        ],
    )
    evidence: ActivityEvidence = Field(
        description="The activity the rules were checked against.",
        examples=[
            {
                "offers_published": 0,
                "demands_published": 1,
                "matches_accepted": 2,
                "introductions_opened": 2,
                "mous_signed": 1,
                "contracts_signed": 2,
                "contract_value_vnd": 1_850_000_000,
                "contracts_registered": 1,
                "deals_closed": 1,
                "deal_value_vnd": 1_200_000_000,
                "state_funded_results_transferred": 0,
                "connection_events_attended": 1,
            }
        ],
    )


@register
class NominationWithdrawn(_NominationEvent):
    """The nominator withdrew the nomination before review."""

    ce_type: ClassVar[str] = "stx.nomination.withdrawn"

    reason: str | None = Field(
        default=None, description="Why, as the nominator gave it.", examples=["Hồ sơ chưa đầy đủ."]
    )


@register
class NominationAdvanced(_NominationEvent):
    """The nomination passed a review round."""

    ce_type: ClassVar[str] = "stx.nomination.advanced"

    round_id: str = Field(description="The round it passed.", examples=["so-tuyen"])
    next_round_id: str | None = Field(
        description="The round it enters; null when it goes to the final decision.",
        examples=["chung-khao"],
    )


@register
class NominationRejected(_NominationEvent):
    """The nomination goes no further."""

    ce_type: ClassVar[str] = "stx.nomination.rejected"

    stage: RejectionStage = Field(description="Where it stopped.", examples=["review"])
    round_id: str | None = Field(
        default=None, description="The review round, when stage is `review`.", examples=["so-tuyen"]
    )
    reason_vi: str = Field(
        description="Why, in Vietnamese.",
        examples=["Không nằm trong nhóm được chọn ở vòng Sơ tuyển."],
    )
    reason_en: str = Field(
        description="Why, in English.", examples=["not among those advanced in round Sơ tuyển"]
    )


@register
class AwardGranted(_NominationEvent):
    """Results are published: the nominee is honoured. What media partners need to announce it."""

    ce_type: ClassVar[str] = "stx.award.granted"

    year: int = Field(ge=2000, le=2100, description="The programme's year.", examples=[2026])
    programme_title: str = Field(
        description="Vietnamese title of the programme.",
        examples=["Tôn vinh tổ chức, cá nhân tiêu biểu phát triển thị trường KH&CN năm 2026"],
    )
    category_name: str = Field(
        description="Vietnamese name of the category.",
        examples=["Doanh nghiệp tiêu biểu trong đổi mới, ứng dụng công nghệ"],
    )
    category_name_en: str | None = Field(
        default=None,
        description="English name of the category.",
        examples=["Outstanding enterprise in technology innovation and application"],
    )
    level: AwardLevel = Field(description="Award or certificate of merit.", examples=["award"])
    nominee_name: str = Field(
        description="Public name of the honoured organisation or expert.",
        examples=["Hợp tác xã Sâm Ngọc Linh Tu Mơ Rông"],
    )
    citation: str = Field(
        description="The citation, in Vietnamese, as it appears on the certificate.",
        examples=["Đã ứng dụng thành công quy trình nhân giống sâm Ngọc Linh bằng nuôi cấy mô."],
    )
    nominator_organization_id: str = Field(
        description="The nominating organisation.", examples=["org_01JC9W3Z8Q5M7K2H4N6P8R0HHD"]
    )
    announced_at: datetime = Field(
        description="When the results were published (UTC).", examples=["2026-12-20T02:00:00Z"]
    )

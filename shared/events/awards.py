"""Events on `stx.awards.v1` about programmes: opened, closed, review rounds closed
(nominations and results are in `nominations.py`).

Public: media partners, associations and other agencies read them. Reviewer identities and
scores never appear here; a nomination's evidence is made of public market facts only.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import ClassVar

from pydantic import BaseModel, Field

from shared.events.base import Event
from shared.events.registry import register
from shared.topics import AWARDS

PROGRAMME_ID_EXAMPLE = "awp_2026_3f1c9a7e"
NOMINATION_ID_EXAMPLE = "nom_8b2d4e6f10a2c4e6"
CATEGORY_ID_EXAMPLE = "doanh-nghiep-doi-moi-cong-nghe"


class NominatorKind(StrEnum):
    """Who put the nominee forward."""

    ASSOCIATION = "association"
    """A business association (e.g. the provincial business association)."""
    AGENCY = "agency"
    """A state agency (e.g. a department or a district people's committee)."""
    SELF = "self"
    """Self-nomination: the nominee nominated itself."""


class RejectionStage(StrEnum):
    ELIGIBILITY = "eligibility"
    """Not eligible when the nomination window closed."""
    REVIEW = "review"
    """Not advanced at the close of a review round."""
    DECISION = "decision"
    """Reached the final decision and was not awarded."""


class AwardLevel(StrEnum):
    AWARD = "award"
    """The award of the category ("bằng khen")."""
    MERIT = "merit"
    """A certificate of merit ("giấy khen")."""


class AwardCategoryInfo(BaseModel):
    """A category of a programme, as announced."""

    category_id: str = Field(
        description="Stable id of the category.", examples=[CATEGORY_ID_EXAMPLE]
    )
    name: str = Field(
        description="Vietnamese name.",
        examples=["Doanh nghiệp tiêu biểu trong đổi mới, ứng dụng công nghệ"],
    )
    name_en: str | None = Field(
        default=None,
        description="English name.",
        examples=["Outstanding enterprise in technology innovation and application"],
    )
    quota: int = Field(
        ge=0, description="How many awards the category grants at most.", examples=[3]
    )
    merit_quota: int = Field(
        ge=0, description="How many certificates of merit it grants at most.", examples=[5]
    )


class _ProgrammeEvent(Event):
    topic: ClassVar[str] = AWARDS
    subject_field: ClassVar[str] = "programme_id"

    programme_id: str = Field(description="The award programme.", examples=[PROGRAMME_ID_EXAMPLE])
    year: int = Field(ge=2000, le=2100, description="The programme's year.", examples=[2026])


@register
class AwardProgrammeOpened(_ProgrammeEvent):
    """Nominations are open (on the announced date, or opened by hand by an admin)."""

    ce_type: ClassVar[str] = "stx.award_programme.opened"

    title: str = Field(
        description="Vietnamese title.",
        examples=["Tôn vinh tổ chức, cá nhân tiêu biểu phát triển thị trường KH&CN năm 2026"],
    )
    title_en: str | None = Field(
        default=None,
        description="English title.",
        examples=["Honouring outstanding actors of the S&T market 2026"],
    )
    period_start: date = Field(
        description="First day of the activity period considered as evidence.",
        examples=["2026-01-01"],
    )
    period_end: date = Field(
        description="Last day of the activity period considered as evidence.",
        examples=["2026-12-31"],
    )
    nominations_close_at: datetime = Field(
        description="When the nomination window closes (UTC).", examples=["2026-10-31T17:00:00Z"]
    )
    categories: list[AwardCategoryInfo] = Field(
        description="The categories and their quotas.",
        examples=[
            [
                {
                    "category_id": CATEGORY_ID_EXAMPLE,
                    "name": "Doanh nghiệp tiêu biểu trong đổi mới, ứng dụng công nghệ",
                    "name_en": "Outstanding enterprise in technology innovation and application",
                    "quota": 3,
                    "merit_quota": 5,
                }
            ]
        ],
    )
    by_hand: bool = Field(
        description="Opened by an admin rather than by the announced date.", examples=[False]
    )


@register
class AwardProgrammeClosed(_ProgrammeEvent):
    """The nomination window closed; eligible nominations enter the first review round."""

    ce_type: ClassVar[str] = "stx.award_programme.closed"

    nominations_received: int = Field(
        ge=0, description="Nominations standing (not withdrawn) at the close.", examples=[27]
    )
    nominations_in_review: int = Field(
        ge=0, description="Of those, how many were eligible and entered review.", examples=[21]
    )
    by_hand: bool = Field(
        description="Closed by an admin rather than by the announced date.", examples=[False]
    )


@register
class ReviewRoundClosed(_ProgrammeEvent):
    """A lead reviewer closed one review round of one category."""

    ce_type: ClassVar[str] = "stx.review_round.closed"

    category_id: str = Field(description="The category.", examples=[CATEGORY_ID_EXAMPLE])
    round_id: str = Field(description="The round.", examples=["so-tuyen"])
    round_name: str = Field(description="Vietnamese name of the round.", examples=["Sơ tuyển"])
    advanced: int = Field(ge=0, description="Nominations advanced.", examples=[5])
    not_advanced: int = Field(ge=0, description="Nominations that stop here.", examples=[9])
    final: bool = Field(
        description="The last round: those advanced go to the final decision.", examples=[False]
    )

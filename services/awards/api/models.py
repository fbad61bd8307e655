"""Request and response bodies. Views differ by caller: a nominator never sees reviewers or
scores; a reviewer sees their own scorecard; only an admin sees every scorecard."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import AwareDatetime, BaseModel, Field, HttpUrl

from services.awards.domain.activity import ActivitySnapshot
from services.awards.domain.decisions import Decision, Outcome
from services.awards.domain.nomination import Nomination, NominationStatus, Rejection
from services.awards.domain.programme import Programme, ProgrammeTerms
from services.awards.domain.recusal import RecusalReason, Reviewer
from services.awards.domain.scoring import Scorecard
from shared.events.awards import AwardLevel, NominatorKind
from shared.events.base import EdgeModel
from shared.events.nominations import EligibilityReason
from shared.events.vocabulary import OrganizationKind

Score = Annotated[int, Field(ge=0, le=10, description="0 (absent) to 10 (exemplary).")]


class ProgrammeCreate(ProgrammeTerms, EdgeModel):
    """A year's programme: categories with quotas, criteria, eligibility rules; window; rounds."""


class DutyCreate(EdgeModel):
    category_id: str
    round_id: str
    lead: bool = Field(default=False, description="The lead closes the round.")


class ReviewerAssign(EdgeModel):
    name: str = Field(min_length=1, max_length=200, examples=["PGS.TS. Trần Thị Hoa"])
    organization_id: str | None = Field(
        default=None, description="Where the reviewer works: recused from its nominations."
    )
    duties: list[DutyCreate] = Field(min_length=1, max_length=50)


class ReviewerRead(BaseModel):
    subject: str
    name: str
    organization_id: str | None

    @classmethod
    def of(cls, reviewer: Reviewer) -> ReviewerRead:
        return cls(
            subject=reviewer.subject, name=reviewer.name, organization_id=reviewer.organization_id
        )


class NominationCreate(EdgeModel):
    category_id: str = Field(examples=["doanh-nghiep-doi-moi-cong-nghe"])
    nominee_organization_id: str = Field(examples=["org_01JC9W3Z8Q5M7K2H4N6P8R0T2V"])
    narrative: str = Field(
        min_length=20,
        max_length=10_000,
        examples=["Hợp tác xã đã làm chủ quy trình nhân giống sâm Ngọc Linh bằng nuôi cấy mô..."],
    )
    links: list[HttpUrl] = Field(default_factory=list, max_length=10)


class NomineeRead(BaseModel):
    organization_id: str
    name: str
    kind: OrganizationKind


class NominationRead(BaseModel):
    """What the nominator and the nominee see at every step."""

    nomination_id: str
    programme_id: str
    category_id: str
    nominee: NomineeRead
    nominator_organization_id: str
    nominator_kind: NominatorKind
    narrative: str
    links: list[str]
    submitted_at: datetime
    status: NominationStatus
    round_id: str | None
    eligible: bool
    eligibility: list[EligibilityReason]
    evidence: ActivitySnapshot
    rejection: Rejection | None

    @classmethod
    def fields_of(cls, nomination: Nomination) -> dict[str, object]:
        return {
            **nomination.model_dump(include=_SHARED_FIELDS),
            "nominee": NomineeRead.model_validate(nomination.nominee.model_dump()),
            "eligible": nomination.eligible,
            "evidence": nomination.snapshot,
        }

    @classmethod
    def of(cls, nomination: Nomination) -> NominationRead:
        return cls.model_validate(cls.fields_of(nomination))


_SHARED_FIELDS = {
    "nomination_id",
    "programme_id",
    "category_id",
    "nominator_organization_id",
    "nominator_kind",
    "narrative",
    "links",
    "submitted_at",
    "status",
    "round_id",
    "eligibility",
    "rejection",
}


class ScorecardRead(BaseModel):
    round_id: str
    scores: dict[str, int]
    comments: dict[str, str]
    submitted_at: datetime

    @classmethod
    def of(cls, card: Scorecard) -> ScorecardRead:
        return cls.model_validate(card.model_dump())


class ReviewerScorecardRead(ScorecardRead):
    reviewer: str
    reviewer_name: str | None
    recused: RecusalReason | None = Field(description="Set when the scorecard no longer counts.")


class NominationReviewRead(NominationRead):
    """What an assigned, unrecused reviewer sees: the file and their own scorecard."""

    my_scorecard: ScorecardRead | None


class NominationAdminRead(NominationRead):
    decision: Decision | None
    scorecards: list[ReviewerScorecardRead]


class WithdrawRequest(EdgeModel):
    reason: str | None = Field(default=None, max_length=1000, examples=["Hồ sơ chưa đầy đủ."])


class ConflictDeclaration(EdgeModel):
    reason: str = Field(
        min_length=3, max_length=1000, examples=["Tôi là thành viên hội đồng quản trị của đơn vị."]
    )


class ScoreSubmission(EdgeModel):
    scores: dict[str, Score] = Field(
        min_length=1, description="Per criterion code.", examples=[{"hieu-qua-chuyen-giao": 8}]
    )
    comments: dict[str, Annotated[str, Field(max_length=2000)]] = Field(
        default_factory=dict, examples=[{"hieu-qua-chuyen-giao": "Hợp đồng có giá trị cao."}]
    )


class RankingEntryRead(BaseModel):
    rank: int | None = Field(
        description="Place in the round among the nominations you may see; null for those "
        "you are recused from."
    )
    nomination_id: str
    nominee_name: str
    total: float | None = Field(description="Weighted total, 0–10; hidden when you are recused.")
    reviewers: int
    recused: bool


class RankingRead(BaseModel):
    programme_id: str
    category_id: str
    round_id: str
    entries: list[RankingEntryRead]


class RoundClose(EdgeModel):
    advance: int | None = Field(
        default=None, ge=1, description="How many to advance; the round's default when absent."
    )


class DecisionCreate(EdgeModel):
    outcome: Outcome
    justification: str = Field(min_length=10, max_length=4000)
    citation: str | None = Field(
        default=None,
        max_length=1000,
        description="Printed on the certificate and announced; required unless not awarded.",
    )


class ResultsAnnouncement(EdgeModel):
    announce_at: AwareDatetime | None = Field(
        default=None, description="Publish at this time; now when absent or past."
    )


class AwardRead(BaseModel):
    nomination_id: str
    category_id: str
    level: AwardLevel
    nominee: NomineeRead
    citation: str
    certificate_path: str


class ResultsRead(BaseModel):
    programme_id: str
    year: int
    title: str
    published_at: datetime | None
    awards: list[AwardRead]

    @classmethod
    def of(cls, programme: Programme, honoured: list[Nomination]) -> ResultsRead:
        return cls(
            programme_id=programme.programme_id,
            year=programme.year,
            title=programme.title,
            published_at=programme.published_at,
            awards=[_award(n) for n in honoured if n.decision is not None],
        )


def _award(nomination: Nomination) -> AwardRead:
    merit = nomination.status is NominationStatus.MERIT
    return AwardRead(
        nomination_id=nomination.nomination_id,
        category_id=nomination.category_id,
        level=AwardLevel.MERIT if merit else AwardLevel.AWARD,
        nominee=NomineeRead.model_validate(nomination.nominee.model_dump()),
        citation=(nomination.decision.citation if nomination.decision else None) or "",
        certificate_path=f"/nominations/{nomination.nomination_id}/certificate.pdf",
    )

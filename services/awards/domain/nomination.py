"""A nomination: who put whom forward, with evidence, from submission to the result."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, Field

from services.awards.domain.activity import ActivitySnapshot
from services.awards.domain.decisions import Decision, Outcome, ensure_within_quota
from services.awards.domain.eligibility import (
    EligibilityRule,
    Nominee,
    RuleOutcome,
    evaluate,
    is_eligible,
)
from services.awards.domain.errors import StateConflictError
from services.awards.domain.programme import Category, Programme, ReviewRound
from shared.events.awards import AwardLevel, NominatorKind, RejectionStage
from shared.events.base import Event
from shared.events.nominations import (
    AwardGranted,
    NominationAdvanced,
    NominationEligibilityChecked,
    NominationRejected,
    NominationWithdrawn,
)
from shared.events.vocabulary import OrganizationKind


class NominationStatus(StrEnum):
    SUBMITTED = "submitted"
    """In the window: evidence and eligibility follow the nominee's activity."""
    WITHDRAWN = "withdrawn"
    IN_REVIEW = "in_review"
    FINALIST = "finalist"
    """Passed the last round; awaiting the decision and its publication."""
    REJECTED = "rejected"
    AWARDED = "awarded"
    MERIT = "merit"
    NOT_AWARDED = "not_awarded"


class Nominator(BaseModel):
    organization_id: str
    kind: OrganizationKind


class Rejection(BaseModel):
    stage: RejectionStage
    round_id: str | None = None
    reason_vi: str
    reason_en: str


class Nomination(BaseModel):
    nomination_id: str
    programme_id: str
    category_id: str
    nominee: Nominee
    nominator_organization_id: str
    nominator_kind: NominatorKind
    submitted_by: str
    narrative: str
    links: list[str] = Field(default_factory=list)
    submitted_at: datetime
    status: NominationStatus = NominationStatus.SUBMITTED
    round_id: str | None = None
    snapshot: ActivitySnapshot
    eligibility: list[RuleOutcome]
    rejection: Rejection | None = None
    decision: Decision | None = None
    withdrawal_reason: str | None = None

    @property
    def eligible(self) -> bool:
        return is_eligible(self.eligibility)

    def ids(self) -> dict[str, Any]:
        return {
            "nomination_id": self.nomination_id,
            "programme_id": self.programme_id,
            "category_id": self.category_id,
            "nominee_organization_id": self.nominee.organization_id,
        }

    def eligibility_checked(self) -> NominationEligibilityChecked:
        return NominationEligibilityChecked(
            **self.ids(),
            eligible=self.eligible,
            reasons=self.eligibility,
            evidence=self.snapshot.evidence(),
        )

    def refresh_evidence(
        self, nominee: Nominee, snapshot: ActivitySnapshot, rules: Sequence[EligibilityRule]
    ) -> list[Event]:
        """New activity or a new profile while the window is open; frozen once review starts."""
        if self.status is not NominationStatus.SUBMITTED:
            return []
        outcomes = evaluate(rules, nominee, snapshot)
        changed = outcomes != self.eligibility
        self.nominee, self.snapshot, self.eligibility = nominee, snapshot, outcomes
        return [self.eligibility_checked()] if changed else []

    def withdraw(self, reason: str | None) -> list[Event]:
        if self.status is not NominationStatus.SUBMITTED:
            raise StateConflictError(
                "review-started",
                f"Nomination {self.nomination_id} is {self.status}: a nomination can be "
                "withdrawn only while the nomination window is open, before review starts.",
            )
        self.status, self.withdrawal_reason = NominationStatus.WITHDRAWN, reason
        return [NominationWithdrawn(**self.ids(), reason=reason)]

    def enter_review(self, first_round: ReviewRound) -> list[Event]:
        self.status, self.round_id = NominationStatus.IN_REVIEW, first_round.round_id
        return []

    def reject_ineligible(self) -> list[Event]:
        failed = [o for o in self.eligibility if not o.passed]
        return self._reject(
            Rejection(
                stage=RejectionStage.ELIGIBILITY,
                reason_vi=" ".join(o.reason_vi for o in failed),
                reason_en="; ".join(o.reason_en for o in failed),
            )
        )

    def advance(self, passed: ReviewRound, following: ReviewRound | None) -> list[Event]:
        if following is None:
            self.status, self.round_id = NominationStatus.FINALIST, None
        else:
            self.round_id = following.round_id
        next_id = following.round_id if following else None
        return [NominationAdvanced(**self.ids(), round_id=passed.round_id, next_round_id=next_id)]

    def stop_at(self, review_round: ReviewRound) -> list[Event]:
        return self._reject(
            Rejection(
                stage=RejectionStage.REVIEW,
                round_id=review_round.round_id,
                reason_vi=f"Không nằm trong nhóm được chọn ở vòng {review_round.name}.",
                reason_en=f"not among those advanced in round {review_round.name}",
            )
        )

    def _reject(self, rejection: Rejection) -> list[Event]:
        self.status, self.round_id, self.rejection = NominationStatus.REJECTED, None, rejection
        return [NominationRejected(**self.ids(), **rejection.model_dump())]

    def decide(
        self, category: Category, decision: Decision, decided: Iterable[tuple[str, Outcome]]
    ) -> None:
        """Record or replace the decision; `decided` are the category's decisions so far."""
        if self.status is not NominationStatus.FINALIST:
            raise StateConflictError(
                "not-finalist",
                f"Nomination {self.nomination_id} is {self.status}: only nominations that "
                "passed the last review round are decided.",
            )
        decision.ensure_complete()
        ensure_within_quota(category, self.nomination_id, decision.outcome, decided)
        self.decision = decision

    def publish_decision(self, programme: Programme, now: datetime) -> list[Event]:
        """Make the decision public: the only moment it leaves the service."""
        decision = self.decision
        if self.status is not NominationStatus.FINALIST or decision is None:
            return []
        if decision.outcome is Outcome.NOT_AWARDED:
            self.status = NominationStatus.NOT_AWARDED
            return [
                NominationRejected(
                    **self.ids(),
                    stage=RejectionStage.DECISION,
                    reason_vi="Không được xét tặng trong kết quả chung cuộc.",
                    reason_en="not awarded in the final results",
                )
            ]
        self.status = _PUBLISHED_STATUS[decision.outcome]
        return [self._granted(programme, decision, now)]

    def _granted(self, programme: Programme, decision: Decision, now: datetime) -> AwardGranted:
        assert decision.citation is not None  # Decision.ensure_complete admitted no other
        category = programme.category(self.category_id)
        return AwardGranted(
            **self.ids(),
            year=programme.year,
            programme_title=programme.title,
            category_name=category.name,
            category_name_en=category.name_en,
            level=_LEVEL[decision.outcome],
            nominee_name=self.nominee.name,
            citation=decision.citation,
            nominator_organization_id=self.nominator_organization_id,
            announced_at=now,
        )


_PUBLISHED_STATUS = {
    Outcome.AWARDED: NominationStatus.AWARDED,
    Outcome.MERIT: NominationStatus.MERIT,
}
_LEVEL = {Outcome.AWARDED: AwardLevel.AWARD, Outcome.MERIT: AwardLevel.MERIT}


def duplicate_nomination(nominee_name: str) -> StateConflictError:
    return StateConflictError(
        "duplicate-nomination",
        f"{nominee_name} is already nominated in this category of this programme; one "
        "nomination per nominee, category and programme (withdraw the other one first).",
        "nominee_organization_id",
    )

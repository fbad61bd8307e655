"""An award programme: categories, criteria, eligibility rules, the window and review rounds."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from enum import StrEnum
from typing import Self

from pydantic import AwareDatetime, BaseModel, Field, model_validator

from services.awards.domain.eligibility import EligibilityRule
from services.awards.domain.errors import NotFoundError, StateConflictError
from shared.clock import PROVINCE_ZONE
from shared.events.awards import AwardCategoryInfo, AwardProgrammeOpened

SLUG = r"^[a-z0-9][a-z0-9-]{0,62}$"


class Criterion(BaseModel):
    code: str = Field(pattern=SLUG, examples=["hieu-qua-chuyen-giao"])
    name: str = Field(min_length=1, max_length=200, examples=["Hiệu quả chuyển giao công nghệ"])
    name_en: str | None = Field(default=None, max_length=200)
    weight: int = Field(ge=1, le=100, description="Relative weight in the total.", examples=[40])


class Category(AwardCategoryInfo):
    category_id: str = Field(pattern=SLUG, examples=["doanh-nghiep-doi-moi-cong-nghe"])
    quota: int = Field(ge=0, le=100, description="Awards granted at most.", examples=[3])
    merit_quota: int = Field(default=0, ge=0, le=100, description="Certificates of merit at most.")
    criteria: list[Criterion] = Field(min_length=1, max_length=20)
    eligibility: list[EligibilityRule] = Field(default_factory=list, max_length=20)

    @model_validator(mode="after")
    def _criteria_codes_are_unique(self) -> Self:
        _ensure_unique("criteria", [c.code for c in self.criteria])
        return self

    def info(self) -> AwardCategoryInfo:
        return AwardCategoryInfo.model_validate(
            self.model_dump(include=set(AwardCategoryInfo.model_fields))
        )


class ReviewRound(BaseModel):
    round_id: str = Field(pattern=SLUG, examples=["so-tuyen"])
    name: str = Field(min_length=1, max_length=120, examples=["Sơ tuyển"])
    advance_count: int = Field(ge=1, le=500, description="Top N advanced by default at the close.")


class ProgrammeStatus(StrEnum):
    DRAFT = "draft"
    OPEN = "open"
    """Nominations are accepted."""
    IN_REVIEW = "in_review"
    """The window closed; review rounds and decisions."""
    PUBLISHED = "published"
    """Results are public."""


class ProgrammeTerms(BaseModel):
    """What an admin defines for one year's programme."""

    year: int = Field(ge=2000, le=2100, examples=[2026])
    title: str = Field(min_length=1, max_length=300)
    title_en: str | None = Field(default=None, max_length=300)
    period_start: date = Field(description="Activity counts as evidence from this day...")
    period_end: date = Field(description="...to this day, both included (Asia/Ho_Chi_Minh).")
    nominations_open_at: AwareDatetime
    nominations_close_at: AwareDatetime
    categories: list[Category] = Field(min_length=1, max_length=30)
    rounds: list[ReviewRound] = Field(min_length=1, max_length=5)

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if self.period_end < self.period_start:
            raise ValueError("period_end must not be before period_start")
        if self.nominations_close_at <= self.nominations_open_at:
            raise ValueError("nominations_close_at must be after nominations_open_at")
        _ensure_unique("categories", [c.category_id for c in self.categories])
        _ensure_unique("rounds", [r.round_id for r in self.rounds])
        return self


class Programme(ProgrammeTerms):
    programme_id: str
    status: ProgrammeStatus = ProgrammeStatus.DRAFT
    opened_at: datetime | None = None
    closed_at: datetime | None = None
    closed_rounds: dict[str, list[str]] = Field(
        default_factory=dict, description="Per category, the rounds closed so far, in order."
    )
    announce_at: datetime | None = None
    published_at: datetime | None = None

    def category(self, category_id: str) -> Category:
        for category in self.categories:
            if category.category_id == category_id:
                return category
        known = ", ".join(c.category_id for c in self.categories)
        raise NotFoundError(
            "category-not-found",
            f"Programme {self.programme_id} has no category {category_id!r} (it has: {known}).",
            "category_id",
        )

    def review_round(self, round_id: str) -> ReviewRound:
        for review_round in self.rounds:
            if review_round.round_id == round_id:
                return review_round
        known = ", ".join(r.round_id for r in self.rounds)
        raise NotFoundError(
            "round-not-found",
            f"Programme {self.programme_id} has no review round {round_id!r} (it has: {known}).",
            "round_id",
        )

    # --- the nomination window -------------------------------------------------------------

    def open(self, now: datetime, *, by_hand: bool) -> list[AwardProgrammeOpened]:
        if self.status is not ProgrammeStatus.DRAFT:
            raise StateConflictError(
                "programme-not-draft", f"The programme is already {self.status}; it opens once."
            )
        self.status, self.opened_at = ProgrammeStatus.OPEN, now
        return [
            AwardProgrammeOpened(
                programme_id=self.programme_id,
                year=self.year,
                title=self.title,
                title_en=self.title_en,
                period_start=self.period_start,
                period_end=self.period_end,
                nominations_close_at=self.nominations_close_at,
                categories=[c.info() for c in self.categories],
                by_hand=by_hand,
            )
        ]

    def ensure_accepting_nominations(self, now: datetime) -> None:
        if self.status is ProgrammeStatus.OPEN and now < self.nominations_close_at:
            return
        raise StateConflictError(
            "nomination-window-closed",
            f"Nominations to {self.title!r} are accepted from {_local(self.nominations_open_at)} "
            f"to {_local(self.nominations_close_at)} while the programme is open; "
            f"it is {self.status} now.",
        )

    def close_nominations(self, now: datetime) -> None:
        if self.status is not ProgrammeStatus.OPEN:
            raise StateConflictError(
                "programme-not-open", f"Only an open programme closes; this one is {self.status}."
            )
        self.status, self.closed_at = ProgrammeStatus.IN_REVIEW, now

    def due_to_open(self, now: datetime) -> bool:
        return self.status is ProgrammeStatus.DRAFT and now >= self.nominations_open_at

    def due_to_close(self, now: datetime) -> bool:
        return self.status is ProgrammeStatus.OPEN and now >= self.nominations_close_at

    # --- review rounds ---------------------------------------------------------------------

    def current_round(self, category_id: str) -> ReviewRound | None:
        """The category's first round not closed yet; None once all are closed."""
        closed = self.closed_rounds.get(self.category(category_id).category_id, [])
        return next((r for r in self.rounds if r.round_id not in closed), None)

    def close_round(
        self, category_id: str, round_id: str
    ) -> tuple[ReviewRound, ReviewRound | None]:
        """Mark the round closed; returns it and the round that follows (None after the last)."""
        review_round = self.review_round(round_id)
        current = self.current_round(category_id)
        if self.status is not ProgrammeStatus.IN_REVIEW or current != review_round:
            expected = current.round_id if current else "none: every round is closed"
            raise StateConflictError(
                "round-not-current",
                f"Round {round_id!r} of {category_id!r} cannot be closed now; rounds close in "
                f"order while the programme is in review (current: {expected}).",
            )
        self.closed_rounds.setdefault(category_id, []).append(round_id)
        return review_round, self.current_round(category_id)

    def review_finished(self) -> bool:
        return all(self.current_round(c.category_id) is None for c in self.categories)

    # --- results ---------------------------------------------------------------------------

    def ensure_deciding(self) -> None:
        if self.status is not ProgrammeStatus.IN_REVIEW or self.announce_at is not None:
            raise StateConflictError(
                "decisions-closed",
                "Decisions are taken while the programme is in review and before results are "
                "announced.",
            )

    def schedule_results(self, at: datetime | None, now: datetime) -> None:
        self.ensure_deciding()
        if not self.review_finished():
            raise StateConflictError(
                "review-not-finished", "Every review round of every category must be closed first."
            )
        self.announce_at = max(at, now) if at else now

    def due_to_publish(self, now: datetime) -> bool:
        return (
            self.status is ProgrammeStatus.IN_REVIEW
            and self.announce_at is not None
            and now >= self.announce_at
        )

    def mark_published(self, now: datetime) -> None:
        self.status, self.published_at = ProgrammeStatus.PUBLISHED, now


def _ensure_unique(what: str, ids: Sequence[str]) -> None:
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise ValueError(f"{what} ids must be unique; repeated: {', '.join(duplicates)}")


def _local(moment: datetime) -> str:
    return moment.astimezone(PROVINCE_ZONE).strftime("%H:%M %d/%m/%Y")

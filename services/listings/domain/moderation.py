"""What a broker records when deciding on a submitted listing."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from shared.events.listings import ReturnFeedback

Score = Annotated[int, Field(ge=0, le=5, description="0 (poor) to 5 (excellent).")]


class QualityScore(BaseModel):
    """The broker's quality assessment, 0–5 on each axis."""

    model_config = ConfigDict(frozen=True)

    clarity: Score = Field(examples=[4])
    completeness: Score = Field(examples=[3])
    commercial_relevance: Score = Field(examples=[5])

    @property
    def total(self) -> int:
        return self.clarity + self.completeness + self.commercial_relevance


class Decision(StrEnum):
    APPROVED = "approved"
    RETURNED = "returned"


class ModerationDecision(BaseModel):
    """One moderation step: who decided what, when, with which score and feedback."""

    model_config = ConfigDict(frozen=True)

    decision: Decision
    decided_by: str = Field(description="Subject of the broker.", examples=["broker-01"])
    decided_at: datetime
    score: QualityScore | None = None
    feedback: ReturnFeedback | None = None

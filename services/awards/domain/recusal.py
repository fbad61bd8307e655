"""Who reviews what: assignments per category and round, and automatic recusal.

A reviewer is recused from a nomination when they belong to the nominee's organisation or
declared a conflict of interest with it. A recused reviewer neither sees nor scores it, and a
score given before the conflict was declared no longer counts.
"""

from __future__ import annotations

from collections.abc import Collection
from enum import StrEnum

from pydantic import BaseModel, Field

from services.awards.domain.errors import ForbiddenError


class RecusalReason(StrEnum):
    SAME_ORGANISATION = "same_organisation"
    DECLARED_CONFLICT = "declared_conflict"


class Reviewer(BaseModel):
    """A reviewer as the programme knows them: who, and which organisation they belong to."""

    subject: str = Field(min_length=1, max_length=200)
    name: str = Field(min_length=1, max_length=200)
    organization_id: str | None = None
    conflicts: dict[str, str] = Field(default_factory=dict)
    """Organisations the reviewer declared a conflict of interest with, and why."""

    def declare_conflict(self, organization_id: str, reason: str) -> None:
        self.conflicts[organization_id] = reason

    def recusal(self, nominee_organization_id: str) -> RecusalReason | None:
        if self.organization_id == nominee_organization_id:
            return RecusalReason.SAME_ORGANISATION
        if nominee_organization_id in self.conflicts:
            return RecusalReason.DECLARED_CONFLICT
        return None


class Assignment(BaseModel):
    """A reviewer assigned to one category in one round; the lead closes the round."""

    programme_id: str
    category_id: str
    round_id: str
    reviewer: str
    lead: bool = False

    def covers(self, category_id: str, round_id: str | None) -> bool:
        return self.category_id == category_id and self.round_id == round_id


def ensure_may_review(
    reviewer: Reviewer,
    assignments: Collection[Assignment],
    category_id: str,
    round_id: str | None,
    nominee_organization_id: str,
) -> None:
    """Raise unless the reviewer is assigned to the nomination's category and round, unrecused."""
    if not any(a.covers(category_id, round_id) for a in assignments):
        raise ForbiddenError(
            "not-assigned",
            f"Reviewer {reviewer.subject} is not assigned to category {category_id!r} in the "
            "nomination's current round.",
        )
    reason = reviewer.recusal(nominee_organization_id)
    if reason is not None:
        raise ForbiddenError(
            "recused",
            f"Reviewer {reviewer.subject} is recused from this nomination ({reason}): "
            "a recused reviewer neither sees nor scores it.",
        )


def ensure_lead(assignments: Collection[Assignment], category_id: str, round_id: str) -> None:
    if not any(a.lead and a.covers(category_id, round_id) for a in assignments):
        raise ForbiddenError(
            "not-lead-reviewer",
            f"Only the lead reviewer of {category_id!r} in round {round_id!r} (or an admin) "
            "closes that round.",
        )

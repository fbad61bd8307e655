"""Final decisions within each category's quotas; they stay internal until published."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from enum import StrEnum

from pydantic import BaseModel, Field

from services.awards.domain.errors import RuleViolationError
from services.awards.domain.programme import Category


class Outcome(StrEnum):
    AWARDED = "awarded"
    MERIT = "merit"
    NOT_AWARDED = "not_awarded"


class Decision(BaseModel):
    outcome: Outcome
    justification: str = Field(min_length=1)
    citation: str | None = None
    """What the certificate and the announcement say; required unless not awarded."""
    decided_by: str
    decided_at: datetime

    def ensure_complete(self) -> None:
        if self.outcome is not Outcome.NOT_AWARDED and not self.citation:
            raise RuleViolationError(
                "citation-required",
                "An award or a merit needs the citation printed on its certificate.",
                "citation",
            )


def ensure_within_quota(
    category: Category, nomination_id: str, outcome: Outcome, decided: Iterable[tuple[str, Outcome]]
) -> None:
    """`decided`: (nomination id, outcome) of the category's decisions so far."""
    limits = {Outcome.AWARDED: category.quota, Outcome.MERIT: category.merit_quota}
    if outcome not in limits:
        return
    taken = sorted(other for other, given in decided if given is outcome and other != nomination_id)
    if len(taken) >= limits[outcome]:
        raise RuleViolationError(
            "quota-exceeded",
            f"Category {category.category_id!r} grants at most {limits[outcome]} × {outcome}; "
            f"already decided: {', '.join(taken) or 'none'}. Change one of those first.",
            "outcome",
        )

"""Scores per criterion, weighted totals and rankings with deterministic tie-breaks.

Arithmetic is exact (fractions): two nominations whose weighted totals are equal on paper
are tied, whatever order the floating-point sums would have taken.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from fractions import Fraction
from statistics import mean

from pydantic import BaseModel, ConfigDict, Field

from services.awards.domain.errors import RuleViolationError
from services.awards.domain.programme import Criterion

MIN_SCORE = 0
MAX_SCORE = 10


class Scorecard(BaseModel):
    """One reviewer's scores for one nomination in one round."""

    nomination_id: str
    round_id: str
    reviewer: str
    scores: dict[str, int]
    comments: dict[str, str] = Field(default_factory=dict)
    submitted_at: datetime


def check_scores(criteria: Sequence[Criterion], scores: Mapping[str, int]) -> None:
    """Every criterion scored once, 0–10, and nothing else."""
    codes = [c.code for c in criteria]
    unknown = sorted(set(scores) - set(codes))
    if unknown:
        raise RuleViolationError(
            "unknown-criterion",
            f"No such criterion: {', '.join(unknown)}; the criteria are {', '.join(codes)}.",
            f"scores.{unknown[0]}",
        )
    missing = [code for code in codes if code not in scores]
    if missing:
        raise RuleViolationError(
            "criterion-not-scored",
            f"Score every criterion; missing: {', '.join(missing)}.",
            f"scores.{missing[0]}",
        )
    for code, score in scores.items():
        if not MIN_SCORE <= score <= MAX_SCORE:
            raise RuleViolationError(
                "score-out-of-range",
                f"score for {code} must be between {MIN_SCORE} and {MAX_SCORE} (got {score})",
                f"scores.{code}",
            )


def weighted_total(criteria: Sequence[Criterion], scores: Mapping[str, int]) -> Fraction:
    """Σ weight × score / Σ weight: a total on the same 0–10 scale as the scores."""
    weights = sum(c.weight for c in criteria)
    return Fraction(sum(c.weight * scores[c.code] for c in criteria), weights)


class Candidate(BaseModel):
    nomination_id: str
    submitted_at: datetime
    scorecards: list[Scorecard]
    """Only the scorecards that count: recused reviewers' are left out by the caller."""


class Ranked(BaseModel):
    model_config = ConfigDict(frozen=True)

    rank: int
    nomination_id: str
    total: float | None
    """Mean of the reviewers' weighted totals, rounded for display; None when unscored."""
    reviewers: int


def rank(criteria: Sequence[Criterion], candidates: Sequence[Candidate]) -> list[Ranked]:
    """Best first. Ties: the higher mean on the heaviest criterion (then the next heaviest…),
    then the earlier submission, then the nomination id, so a ranking never depends on order."""
    by_weight = sorted(
        criteria, key=lambda c: -c.weight
    )  # stable: listed order breaks equal weights
    ordered = sorted(candidates, key=lambda c: _sort_key(criteria, by_weight, c))
    return [
        Ranked(
            rank=position,
            nomination_id=c.nomination_id,
            total=_display(_total(criteria, c)),
            reviewers=len(c.scorecards),
        )
        for position, c in enumerate(ordered, start=1)
    ]


def _total(criteria: Sequence[Criterion], candidate: Candidate) -> Fraction | None:
    if not candidate.scorecards:
        return None
    return Fraction(mean(weighted_total(criteria, s.scores) for s in candidate.scorecards))


def _sort_key(
    criteria: Sequence[Criterion], by_weight: Sequence[Criterion], candidate: Candidate
) -> tuple[bool, Fraction, tuple[Fraction, ...], datetime, str]:
    total = _total(criteria, candidate)
    unscored = total is None
    means = tuple(-_criterion_mean(candidate, c.code) for c in by_weight)
    return (
        unscored,
        -(total or Fraction(0)),
        means,
        candidate.submitted_at,
        candidate.nomination_id,
    )


def _criterion_mean(candidate: Candidate, code: str) -> Fraction:
    if not candidate.scorecards:
        return Fraction(0)
    return Fraction(sum(s.scores[code] for s in candidate.scorecards), len(candidate.scorecards))


def _display(total: Fraction | None) -> float | None:
    return None if total is None else round(float(total), 3)

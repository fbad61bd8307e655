"""Why proposals were declined, aggregated for brokers and owners (comments for brokers only)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from pydantic import BaseModel, ConfigDict, Field

from services.matching.domain.matches import Match, MatchStatus
from shared.events.matches import DeclineReason
from shared.events.vocabulary import ListingKind


class DeclinedComment(BaseModel):
    model_config = ConfigDict(frozen=True)

    match_id: str
    side: ListingKind
    reason: DeclineReason
    comment: str


class DeclineSummary(BaseModel):
    model_config = ConfigDict(frozen=True)

    declined: int = Field(description="Declined proposals counted.", examples=[12])
    by_reason: dict[DeclineReason, int] = Field(
        description="Declines per reason.", examples=[{"price": 7, "too_early_stage": 5}]
    )
    by_side: dict[ListingKind, int] = Field(
        description="Declines per side.", examples=[{"offer": 2, "demand": 10}]
    )
    comments: list[DeclinedComment] = Field(
        default_factory=list, description="The comments given (brokers only)."
    )


def _declining_side(match: Match) -> tuple[ListingKind, DeclineReason, str] | None:
    for side in (ListingKind.OFFER, ListingKind.DEMAND):
        given = match.answer_of(side)
        if given is not None and given.reason is not None:
            return side, given.reason, given.comment
    return None


def summarise_declines(matches: Iterable[Match], with_comments: bool) -> DeclineSummary:
    reasons: Counter[DeclineReason] = Counter()
    sides: Counter[ListingKind] = Counter()
    comments: list[DeclinedComment] = []
    for match in matches:
        declined = _declining_side(match) if match.status == MatchStatus.DECLINED else None
        if declined is None:
            continue
        side, reason, comment = declined
        reasons[reason] += 1
        sides[side] += 1
        if with_comments and comment:
            comments.append(
                DeclinedComment(match_id=match.match_id, side=side, reason=reason, comment=comment)
            )
    return DeclineSummary(
        declined=sum(reasons.values()),
        by_reason={reason: reasons[reason] for reason in DeclineReason if reason in reasons},
        by_side={side: sides[side] for side in ListingKind if side in sides},
        comments=comments,
    )

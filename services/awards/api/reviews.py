"""Review: queue, conflicts of interest, scorecards, rankings and closing a round."""

from __future__ import annotations

from fastapi import APIRouter

from services.awards.api.deps import ERRORS, Reviewer, ReviewerOrAdmin, Services
from services.awards.api.models import (
    ConflictDeclaration,
    NominationRead,
    RankingEntryRead,
    RankingRead,
    RoundClose,
    ScorecardRead,
    ScoreSubmission,
)
from services.awards.service.reviews import Ranking

router = APIRouter(tags=["review"], responses=ERRORS)
_ROUND = "/programmes/{programme_id}/categories/{category_id}/rounds/{round_id}"


@router.get("/programmes/{programme_id}/review-queue")
async def review_queue(programme_id: str, awards: Services, me: Reviewer) -> list[NominationRead]:
    """Nominations to score now; those you are recused from are not listed."""
    return [NominationRead.of(n) for n in await awards.reviews.queue(programme_id, me)]


@router.post("/nominations/{nomination_id}/conflict", status_code=204)
async def declare_conflict(
    nomination_id: str, body: ConflictDeclaration, awards: Services, me: Reviewer
) -> None:
    """Declare a conflict of interest with the nominee: you are recused from its nominations."""
    await awards.reviews.declare_conflict(nomination_id, body.reason, me)


@router.put("/nominations/{nomination_id}/scorecard")
async def score_nomination(
    nomination_id: str, body: ScoreSubmission, awards: Services, me: Reviewer
) -> ScorecardRead:
    card = await awards.reviews.score(nomination_id, body.scores, body.comments, me)
    return ScorecardRead.of(card)


@router.get(f"{_ROUND}/ranking")
async def round_ranking(
    programme_id: str, category_id: str, round_id: str, awards: Services, me: ReviewerOrAdmin
) -> RankingRead:
    """For admins and the round's lead reviewer."""
    ranking = await awards.reviews.ranking(programme_id, category_id, round_id, me)
    return _read(programme_id, category_id, round_id, ranking)


@router.post(f"{_ROUND}/close")
async def close_round(
    programme_id: str,
    category_id: str,
    round_id: str,
    body: RoundClose,
    awards: Services,
    me: ReviewerOrAdmin,
) -> RankingRead:
    """Advance the top N of the ranking; the lead reviewer or an admin closes a round."""
    ranking = await awards.reviews.close_round(
        programme_id, category_id, round_id, body.advance, me
    )
    return _read(programme_id, category_id, round_id, ranking)


def _read(programme_id: str, category_id: str, round_id: str, ranking: Ranking) -> RankingRead:
    """The ranking as the caller may see it: the nominations it is recused from come last, in
    id order, with neither rank nor total (their place in the list would reveal standing), and
    the others are ranked among themselves."""
    hidden = ranking.hidden
    shown = [entry for entry in ranking.entries if entry.nomination_id not in hidden]
    withheld = sorted(
        (entry for entry in ranking.entries if entry.nomination_id in hidden),
        key=lambda entry: entry.nomination_id,
    )
    # Ranks are counted among what the caller sees: a gap would place the hidden nominees.
    places = {entry.nomination_id: place for place, entry in enumerate(shown, start=1)}
    entries = [
        RankingEntryRead(
            rank=places.get(entry.nomination_id) if hidden else entry.rank,
            nomination_id=entry.nomination_id,
            nominee_name=ranking.nominations[entry.nomination_id].nominee.name,
            total=None if entry.nomination_id in hidden else entry.total,
            reviewers=entry.reviewers,
            recused=entry.nomination_id in hidden,
        )
        for entry in [*shown, *withheld]
    ]
    return RankingRead(
        programme_id=programme_id, category_id=category_id, round_id=round_id, entries=entries
    )

"""Review: the reviewer's queue, conflicts of interest, scores, rankings, closing a round."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from services.awards.domain.errors import ForbiddenError, StateConflictError
from services.awards.domain.nomination import Nomination, NominationStatus
from services.awards.domain.programme import Programme
from services.awards.domain.recusal import Reviewer, ensure_lead, ensure_may_review
from services.awards.domain.scoring import Candidate, Ranked, Scorecard, check_scores, rank
from services.awards.domain.stages import close_round
from services.awards.service.base import UseCases
from services.awards.service.ports import Session
from shared.auth import Principal, Role
from shared.outbox import Tx


@dataclass(frozen=True)
class Ranking:
    entries: list[Ranked]
    nominations: dict[str, Nomination]
    hidden: frozenset[str] = field(default_factory=frozenset)
    """Nominations whose totals the caller may not see (they are recused from them)."""


class Reviews(UseCases):
    async def queue(self, programme_id: str, by: Principal) -> list[Nomination]:
        """What the reviewer has to score now: assigned, in the current round, unrecused."""
        reviewer = await self._repo.reviewer(programme_id, by.subject)
        if reviewer is None:
            return []
        queue: list[Nomination] = []
        for duty in await self._repo.assignments_of(programme_id, by.subject):
            in_round = await self._in_round(programme_id, duty.category_id, duty.round_id, None)
            queue += [n for n in in_round if reviewer.recusal(n.nominee.organization_id) is None]
        return queue

    async def declare_conflict(self, nomination_id: str, reason: str, by: Principal) -> None:
        async def work(tx: Tx) -> None:
            nomination = await self.nomination(nomination_id, tx.session)
            reviewer = await self._reviewer(nomination.programme_id, by, tx.session)
            reviewer.declare_conflict(nomination.nominee.organization_id, reason)
            await self._repo.save_reviewer(nomination.programme_id, reviewer, tx.session)

        await self._outbox.unit_of_work(work)

    async def score(
        self, nomination_id: str, scores: dict[str, int], comments: dict[str, str], by: Principal
    ) -> Scorecard:
        async def work(tx: Tx) -> Scorecard:
            nomination = await self.nomination(nomination_id, tx.session)
            if nomination.status is not NominationStatus.IN_REVIEW or nomination.round_id is None:
                raise StateConflictError(
                    "not-in-review",
                    f"Nomination {nomination_id} is {nomination.status}, not in review.",
                )
            programme = await self.programme(nomination.programme_id, tx.session)
            reviewer = await self._reviewer(programme.programme_id, by, tx.session)
            assignments = await self._repo.assignments_of(
                programme.programme_id, by.subject, tx.session
            )
            nominee_id = nomination.nominee.organization_id
            ensure_may_review(
                reviewer, assignments, nomination.category_id, nomination.round_id, nominee_id
            )
            check_scores(programme.category(nomination.category_id).criteria, scores)
            card = Scorecard(
                nomination_id=nomination_id,
                round_id=nomination.round_id,
                reviewer=by.subject,
                scores=scores,
                comments=comments,
                submitted_at=self._clock(),
            )
            await self._repo.save_scorecard(card, tx.session)
            return card

        return await self._outbox.unit_of_work(work)

    async def ranking(
        self, programme_id: str, category_id: str, round_id: str, by: Principal
    ) -> Ranking:
        programme = await self.programme(programme_id)
        await self._ensure_leads(programme, category_id, round_id, by, None)
        nominations = await self._in_round(programme_id, category_id, round_id, None)
        entries = await self._rank(programme, category_id, round_id, nominations, None)
        hidden = await self._hidden_from(programme_id, nominations, by)
        return Ranking(entries, {n.nomination_id: n for n in nominations}, hidden)

    async def close_round(
        self, programme_id: str, category_id: str, round_id: str, advance: int | None, by: Principal
    ) -> Ranking:
        async def work(tx: Tx) -> Ranking:
            programme = await self.programme(programme_id, tx.session)
            await self._ensure_leads(programme, category_id, round_id, by, tx.session)
            nominations = await self._in_round(programme_id, category_id, round_id, tx.session)
            entries = await self._rank(programme, category_id, round_id, nominations, tx.session)
            by_id = {n.nomination_id: n for n in nominations}
            tx.emit(*close_round(programme, category_id, round_id, entries, by_id, advance))
            await self._repo.save_programme(programme, tx.session)
            for nomination in nominations:
                await self._repo.save_nomination(nomination, tx.session)
            # A recused lead closes the round but learns nothing of the nominees it is recused
            # from: neither their totals nor their place.
            return Ranking(entries, by_id, await self._hidden_from(programme_id, nominations, by))

        return await self._outbox.unit_of_work(work)

    async def scorecards(self, nomination: Nomination) -> list[tuple[Scorecard, Reviewer | None]]:
        """Every scorecard with its reviewer: for admins only."""
        reviewers = {r.subject: r for r in await self._repo.reviewers(nomination.programme_id)}
        cards = await self._repo.scorecards([nomination.nomination_id])
        return [(card, reviewers.get(card.reviewer)) for card in cards]

    async def own_scorecard(self, nomination: Nomination, by: Principal) -> Scorecard | None:
        cards = await self._repo.scorecards([nomination.nomination_id], nomination.round_id)
        return next((c for c in cards if c.reviewer == by.subject), None)

    async def _in_round(
        self, programme_id: str, category_id: str, round_id: str, session: Session
    ) -> list[Nomination]:
        return await self._repo.nominations(
            programme_id,
            category_id=category_id,
            statuses=[NominationStatus.IN_REVIEW],
            round_id=round_id,
            session=session,
        )

    async def _rank(
        self,
        programme: Programme,
        category_id: str,
        round_id: str,
        nominations: Sequence[Nomination],
        session: Session,
    ) -> list[Ranked]:
        """Rank on the scorecards that count: a recused reviewer's never do."""
        ids = [n.nomination_id for n in nominations]
        cards = await self._repo.scorecards(ids, round_id, session)
        reviewers = {
            r.subject: r for r in await self._repo.reviewers(programme.programme_id, session)
        }

        def counts(card: Scorecard, nomination: Nomination) -> bool:
            reviewer = reviewers.get(card.reviewer)
            nominee_id = nomination.nominee.organization_id
            return reviewer is not None and reviewer.recusal(nominee_id) is None

        candidates = [
            Candidate(
                nomination_id=n.nomination_id,
                submitted_at=n.submitted_at,
                scorecards=[
                    c for c in cards if c.nomination_id == n.nomination_id and counts(c, n)
                ],
            )
            for n in nominations
        ]
        return rank(programme.category(category_id).criteria, candidates)

    async def _ensure_leads(
        self, programme: Programme, category_id: str, round_id: str, by: Principal, session: Session
    ) -> None:
        programme.category(category_id)
        programme.review_round(round_id)
        if by.has(Role.admin):
            return
        assignments = await self._repo.assignments_of(programme.programme_id, by.subject, session)
        ensure_lead(assignments, category_id, round_id)

    async def _hidden_from(
        self, programme_id: str, nominations: Sequence[Nomination], by: Principal
    ) -> frozenset[str]:
        if by.has(Role.admin):
            return frozenset()
        reviewer = await self._repo.reviewer(programme_id, by.subject)
        return frozenset(
            n.nomination_id
            for n in nominations
            if reviewer is None or reviewer.recusal(n.nominee.organization_id) is not None
        )

    async def _reviewer(self, programme_id: str, by: Principal, session: Session) -> Reviewer:
        reviewer = await self._repo.reviewer(programme_id, by.subject, session)
        if reviewer is None:
            raise ForbiddenError("not-assigned", "You review no category of this programme.")
        return reviewer

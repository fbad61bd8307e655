"""Programmes: define, open and close the nomination window (by hand or by date), reviewers."""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import dataclass

from services.awards.domain.errors import NotFoundError
from services.awards.domain.nomination import NominationStatus
from services.awards.domain.programme import Programme, ProgrammeStatus, ProgrammeTerms
from services.awards.domain.recusal import Assignment, Reviewer
from services.awards.domain.stages import close_window
from services.awards.service.base import UseCases
from shared.auth import Principal, Role
from shared.logging import get_logger
from shared.outbox import Tx

log = get_logger(__name__)


@dataclass(frozen=True)
class Duty:
    """One category and round a reviewer is assigned to."""

    category_id: str
    round_id: str
    lead: bool = False


class Programmes(UseCases):
    async def create(self, terms: ProgrammeTerms) -> Programme:
        """A draft: nothing is announced until it opens."""
        programme_id = f"awp_{terms.year}_{secrets.token_hex(4)}"
        programme = Programme(programme_id=programme_id, **terms.model_dump())

        async def work(tx: Tx) -> None:
            await self._repo.insert_programme(programme, tx.session)

        await self._outbox.unit_of_work(work)
        log.info("programme_created", programme_id=programme_id, year=terms.year)
        return programme

    async def announced(self, by: Principal | None) -> list[Programme]:
        """Drafts stay between admins until they open."""
        programmes = await self._repo.programmes()
        return [p for p in programmes if _may_see(p, by)]

    async def announced_one(self, programme_id: str, by: Principal | None) -> Programme:
        programme = await self.programme(programme_id)
        if not _may_see(programme, by):
            raise NotFoundError("programme-not-found", f"No award programme {programme_id!r}.")
        return programme

    async def open(self, programme_id: str, *, by_hand: bool = True) -> Programme:
        async def work(tx: Tx) -> Programme:
            programme = await self.programme(programme_id, tx.session)
            if by_hand or programme.due_to_open(self._clock()):
                tx.emit(*programme.open(self._clock(), by_hand=by_hand))
                await self._repo.save_programme(programme, tx.session)
            return programme

        return await self._outbox.unit_of_work(work)

    async def close(self, programme_id: str, *, by_hand: bool = True) -> Programme:
        """Close the window: eligible nominations enter the first round, others are rejected."""

        async def work(tx: Tx) -> Programme:
            programme = await self.programme(programme_id, tx.session)
            if not by_hand and not programme.due_to_close(self._clock()):
                return programme  # another replica's tick got there first
            nominations = await self._repo.nominations(
                programme_id, statuses=[NominationStatus.SUBMITTED], session=tx.session
            )
            tx.emit(*close_window(programme, nominations, self._clock(), by_hand=by_hand))
            await self._repo.save_programme(programme, tx.session)
            for nomination in nominations:
                await self._repo.save_nomination(nomination, tx.session)
            return programme

        return await self._outbox.unit_of_work(work)

    async def assign_reviewer(
        self, programme_id: str, reviewer: Reviewer, duties: Sequence[Duty]
    ) -> Reviewer:
        async def work(tx: Tx) -> Reviewer:
            programme = await self.programme(programme_id, tx.session)
            for duty in duties:
                programme.category(duty.category_id)
                programme.review_round(duty.round_id)
            known = await self._repo.reviewer(programme_id, reviewer.subject, tx.session)
            # Re-assigning a reviewer must not erase the conflicts they declared.
            kept = reviewer.model_copy(update={"conflicts": known.conflicts if known else {}})
            await self._repo.save_reviewer(programme_id, kept, tx.session)
            for duty in duties:
                assignment = Assignment(
                    programme_id=programme_id, reviewer=reviewer.subject, **vars(duty)
                )
                await self._repo.save_assignment(assignment, tx.session)
            return kept

        return await self._outbox.unit_of_work(work)


def _may_see(programme: Programme, by: Principal | None) -> bool:
    return programme.status is not ProgrammeStatus.DRAFT or (by is not None and by.has(Role.admin))

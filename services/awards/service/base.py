"""What every group of use cases needs: the repository, the outbox, the clock, and loaders."""

from __future__ import annotations

from services.awards.domain.errors import NotFoundError
from services.awards.domain.nomination import Nomination
from services.awards.domain.programme import Programme
from services.awards.service.ports import AwardsStore, Session, Transactions
from shared.clock import Clock, utc_now


class UseCases:
    def __init__(self, repository: AwardsStore, outbox: Transactions, clock: Clock = utc_now):
        self._repo = repository
        self._outbox = outbox
        self._clock = clock

    async def programme(self, programme_id: str, session: Session = None) -> Programme:
        programme = await self._repo.programme(programme_id, session)
        if programme is None:
            raise NotFoundError("programme-not-found", f"No award programme {programme_id!r}.")
        return programme

    async def nomination(self, nomination_id: str, session: Session = None) -> Nomination:
        nomination = await self._repo.nomination(nomination_id, session)
        if nomination is None:
            raise NotFoundError("nomination-not-found", f"No nomination {nomination_id!r}.")
        return nomination

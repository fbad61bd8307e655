"""The programme calendar: what happens by date rather than by hand (run periodically)."""

from __future__ import annotations

from services.awards.service.ports import AwardsStore
from services.awards.service.programmes import Programmes
from services.awards.service.results import Results
from shared.clock import Clock, utc_now
from shared.logging import get_logger

log = get_logger(__name__)


class Calendar:
    def __init__(
        self,
        repository: AwardsStore,
        programmes: Programmes,
        results: Results,
        clock: Clock = utc_now,
    ):
        self._repo = repository
        self._programmes = programmes
        self._results = results
        self._clock = clock

    async def tick(self) -> None:
        """Open, close and publish what is due. Every replica runs it: each step re-checks
        inside its transaction, so a step two replicas race on happens once."""
        now = self._clock()
        for programme in await self._repo.programmes(unfinished=True):
            pid = programme.programme_id
            if programme.due_to_open(now):
                await self._programmes.open(pid, by_hand=False)
                log.info("programme_opened_by_date", programme_id=pid)
            elif programme.due_to_close(now):
                await self._programmes.close(pid, by_hand=False)
                log.info("programme_closed_by_date", programme_id=pid)
            elif programme.due_to_publish(now):
                await self._results.publish_due(pid)

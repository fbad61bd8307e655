"""Decisions within quotas, results announced at once or at a set time, certificates."""

from __future__ import annotations

from datetime import datetime

from services.awards.certificates import CertificateRenderer, CertificateText
from services.awards.domain.decisions import Decision, Outcome
from services.awards.domain.errors import NotFoundError
from services.awards.domain.nomination import Nomination, NominationStatus
from services.awards.domain.programme import Programme
from services.awards.domain.stages import ensure_decided, publish_results
from services.awards.service.base import UseCases
from services.awards.service.ports import AwardsStore, Session, Transactions
from shared.auth import Principal
from shared.clock import Clock, utc_now
from shared.logging import get_logger
from shared.outbox import Tx

log = get_logger(__name__)
_HONOURED = (NominationStatus.AWARDED, NominationStatus.MERIT)


class Results(UseCases):
    def __init__(
        self,
        repository: AwardsStore,
        outbox: Transactions,
        certificates: CertificateRenderer,
        clock: Clock = utc_now,
    ):
        super().__init__(repository, outbox, clock)
        self._certificates = certificates

    async def decide(
        self,
        nomination_id: str,
        outcome: Outcome,
        justification: str,
        citation: str | None,
        by: Principal,
    ) -> Decision:
        async def work(tx: Tx) -> Decision:
            nomination = await self.nomination(nomination_id, tx.session)
            programme = await self.programme(nomination.programme_id, tx.session)
            programme.ensure_deciding()
            decided = [
                (n.nomination_id, n.decision.outcome)
                for n in await self._finalists(programme, tx.session, nomination.category_id)
                if n.decision is not None
            ]
            decision = Decision(
                outcome=outcome,
                justification=justification,
                citation=citation,
                decided_by=by.subject,
                decided_at=self._clock(),
            )
            nomination.decide(programme.category(nomination.category_id), decision, decided)
            await self._repo.save_nomination(nomination, tx.session)
            # Rewriting the programme makes concurrent decisions conflict and retry, so two
            # admins deciding at once cannot both take the category's last place.
            await self._repo.save_programme(programme, tx.session)
            return decision

        return await self._outbox.unit_of_work(work)

    async def announce(self, programme_id: str, at: datetime | None) -> Programme:
        """Publish now (no time, or a past one) or schedule the announcement."""

        async def work(tx: Tx) -> Programme:
            programme = await self.programme(programme_id, tx.session)
            ensure_decided(await self._finalists(programme, tx.session))
            programme.schedule_results(at, self._clock())
            await self._publish_if_due(programme, tx)
            await self._repo.save_programme(programme, tx.session)
            return programme

        return await self._outbox.unit_of_work(work)

    async def publish_due(self, programme_id: str) -> None:
        async def work(tx: Tx) -> None:
            programme = await self.programme(programme_id, tx.session)
            if await self._publish_if_due(programme, tx):
                await self._repo.save_programme(programme, tx.session)

        await self._outbox.unit_of_work(work)

    async def honoured(self, programme_id: str) -> list[Nomination]:
        programme = await self.programme(programme_id)
        if programme.published_at is None:
            return []
        return await self._repo.nominations(programme_id, statuses=_HONOURED)

    async def certificate(self, nomination_id: str) -> bytes:
        nomination = await self.nomination(nomination_id)
        if nomination.status not in _HONOURED or nomination.decision is None:
            raise NotFoundError(
                "certificate-not-found",
                f"Nomination {nomination_id} has no certificate: certificates exist for published "
                "awards and merits only.",
            )
        programme = await self.programme(nomination.programme_id)
        category = programme.category(nomination.category_id)
        return self._certificates.render(
            CertificateText(
                programme_title=programme.title,
                year=programme.year,
                category_name=category.name,
                merit=nomination.status is NominationStatus.MERIT,
                nominee_name=nomination.nominee.name,
                citation=nomination.decision.citation or "",
                announced_on=(programme.published_at or self._clock()).date(),
            )
        )

    async def _publish_if_due(self, programme: Programme, tx: Tx) -> bool:
        now = self._clock()
        if not programme.due_to_publish(now):
            return False
        finalists = await self._finalists(programme, tx.session)
        tx.emit(*publish_results(programme, finalists, now))
        for nomination in finalists:
            await self._repo.save_nomination(nomination, tx.session)
        log.info("results_published", programme_id=programme.programme_id, finalists=len(finalists))
        return True

    async def _finalists(
        self, programme: Programme, session: Session, category_id: str | None = None
    ) -> list[Nomination]:
        return await self._repo.nominations(
            programme.programme_id,
            category_id=category_id,
            statuses=[NominationStatus.FINALIST],
            session=session,
        )

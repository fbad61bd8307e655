"""The activity projection: facts from other services' events, and what they change.

New activity of a nominee re-evaluates the eligibility of its nominations still in the window,
in the same transaction as the fact (and as the consumed event's idempotency record).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from services.awards.domain.activity import ActivityFact, ActivitySnapshot, summarise
from services.awards.domain.eligibility import Nominee
from services.awards.domain.programme import Programme
from services.awards.service.base import UseCases
from services.awards.service.ports import Session
from shared.outbox import Tx


class Evidence(UseCases):
    async def snapshot(
        self, organization_id: str, programme: Programme, session: Session
    ) -> ActivitySnapshot:
        start, end = programme.period_start, programme.period_end
        facts = await self._repo.facts_of(organization_id, start, end, session)
        return summarise(facts, start, end)

    async def record_organization(self, tx: Tx, organization: Nominee) -> None:
        await self._repo.save_organization(organization, tx.session)
        await self._refresh(tx, {organization.organization_id})

    async def record_activity(self, tx: Tx, facts: Sequence[ActivityFact]) -> None:
        resolved = [await self._with_known_owner(fact, tx) for fact in facts]
        await self._repo.save_facts(resolved, tx.session)
        await self._refresh(tx, {f.organization_id for f in resolved if f.organization_id})

    async def record_listing_owner(self, tx: Tx, listing_id: str, owner_id: str) -> None:
        """An anonymous demand's owner: its facts so far become the owner's evidence."""
        await self._repo.record_listing_owner(listing_id, owner_id, tx.session)
        if await self._repo.assign_owner(listing_id, owner_id, tx.session):
            await self._refresh(tx, {owner_id})

    async def _with_known_owner(self, fact: ActivityFact, tx: Tx) -> ActivityFact:
        if fact.organization_id is not None or fact.listing_id is None:
            return fact
        owner = await self._repo.listing_owner(fact.listing_id, tx.session)
        return fact if owner is None else fact.model_copy(update={"organization_id": owner})

    async def _refresh(self, tx: Tx, organization_ids: Iterable[str]) -> None:
        nominations = await self._repo.submitted_nominations_of(set(organization_ids), tx.session)
        programmes: dict[str, Programme] = {}
        for nomination in nominations:
            pid = nomination.programme_id
            programme = programmes.get(pid) or await self.programme(pid, tx.session)
            programmes[pid] = programme
            nominee = await self._repo.organization(nomination.nominee.organization_id, tx.session)
            snapshot = await self.snapshot(
                nomination.nominee.organization_id, programme, tx.session
            )
            rules = programme.category(nomination.category_id).eligibility
            tx.emit(*nomination.refresh_evidence(nominee or nomination.nominee, snapshot, rules))
            await self._repo.save_nomination(nomination, tx.session)

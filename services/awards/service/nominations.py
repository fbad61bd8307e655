"""Nominations: submit, withdraw, and who may see which nomination, how."""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from services.awards.domain.eligibility import Nominee
from services.awards.domain.errors import ForbiddenError, NotFoundError, RuleViolationError
from services.awards.domain.nomination import Nomination, Nominator, duplicate_nomination
from services.awards.domain.recusal import ensure_may_review
from services.awards.domain.stages import submit
from services.awards.service.base import UseCases
from services.awards.service.evidence import Evidence
from services.awards.service.ports import AwardsStore, Session, Transactions
from shared.auth import Principal, Role
from shared.clock import Clock, utc_now
from shared.outbox import Tx


@dataclass(frozen=True)
class NominationForm:
    category_id: str
    nominee_organization_id: str
    narrative: str
    links: Sequence[str] = ()


class View(StrEnum):
    """How much of a nomination a caller sees."""

    ADMIN = "admin"
    """Everything, scores and reviewers included."""
    PARTY = "party"
    """Nominator or nominee: status, evidence, eligibility; never reviewers or scores."""
    REVIEWER = "reviewer"
    """An assigned, unrecused reviewer: the file and their own scores."""


class Nominations(UseCases):
    def __init__(
        self,
        repository: AwardsStore,
        outbox: Transactions,
        evidence: Evidence,
        clock: Clock = utc_now,
    ):
        super().__init__(repository, outbox, clock)
        self._evidence = evidence

    async def submit(self, programme_id: str, form: NominationForm, by: Principal) -> Nomination:
        async def work(tx: Tx) -> Nomination:
            programme = await self.programme(programme_id, tx.session)
            nominee = await self._known(form.nominee_organization_id, tx.session)
            nominator = await self._nominator(by, tx.session)
            nomination, events = submit(
                nomination_id=f"nom_{secrets.token_hex(8)}",
                programme=programme,
                category_id=form.category_id,
                nominee=nominee,
                nominator=nominator,
                submitted_by=by.subject,
                narrative=form.narrative,
                links=form.links,
                snapshot=await self._evidence.snapshot(
                    nominee.organization_id, programme, tx.session
                ),
                now=self._clock(),
            )
            if await self._repo.standing_nomination(
                programme_id, nomination.category_id, nominee.organization_id, tx.session
            ):
                raise duplicate_nomination(nominee.name)
            await self._repo.insert_nomination(nomination, tx.session)
            tx.emit(*events)
            return nomination

        return await self._outbox.unit_of_work(work)

    async def withdraw(self, nomination_id: str, reason: str | None, by: Principal) -> Nomination:
        async def work(tx: Tx) -> Nomination:
            nomination = await self.nomination(nomination_id, tx.session)
            if not by.acts_for(nomination.nominator_organization_id):
                raise ForbiddenError(
                    "not-the-nominator", "Only the nominating organisation withdraws a nomination."
                )
            tx.emit(*nomination.withdraw(reason))
            await self._repo.save_nomination(nomination, tx.session)
            return nomination

        return await self._outbox.unit_of_work(work)

    async def view(self, nomination_id: str, by: Principal) -> tuple[Nomination, View]:
        nomination = await self.nomination(nomination_id)
        if by.has(Role.admin):
            return nomination, View.ADMIN
        parties = (nomination.nominator_organization_id, nomination.nominee.organization_id)
        if any(by.acts_for(org) for org in parties):
            return nomination, View.PARTY
        if by.has(Role.reviewer):
            await self._ensure_reviews(nomination, by)
            return nomination, View.REVIEWER
        raise NotFoundError("nomination-not-found", f"No nomination {nomination_id!r}.")

    async def of_programme(self, programme_id: str) -> list[Nomination]:
        await self.programme(programme_id)
        return await self._repo.nominations(programme_id)

    async def mine(self, by: Principal) -> list[Nomination]:
        if by.organization_id is None or not by.has(Role.org):
            return []
        return await self._repo.nominations_involving(by.organization_id)

    async def _ensure_reviews(self, nomination: Nomination, by: Principal) -> None:
        reviewer = await self._repo.reviewer(nomination.programme_id, by.subject)
        assignments = await self._repo.assignments_of(nomination.programme_id, by.subject)
        if reviewer is None:
            raise ForbiddenError("not-assigned", "You review no category of this programme.")
        ensure_may_review(
            reviewer,
            assignments,
            nomination.category_id,
            nomination.round_id,
            nomination.nominee.organization_id,
        )

    async def _known(self, organization_id: str, session: Session) -> Nominee:
        organization = await self._repo.organization(organization_id, session)
        if organization is None:
            raise RuleViolationError(
                "nominee-unknown",
                f"Organisation {organization_id!r} is not known to the exchange; a nominee must "
                "be an organisation or expert registered on it.",
                "nominee_organization_id",
            )
        return organization

    async def _nominator(self, by: Principal, session: Session) -> Nominator:
        if by.organization_id is None:
            raise ForbiddenError("no-organisation", "A nomination is made for an organisation.")
        organization = await self._repo.organization(by.organization_id, session)
        if organization is None:
            raise ForbiddenError(
                "nominator-unknown",
                f"Your organisation {by.organization_id!r} is not registered on the exchange.",
            )
        return Nominator(organization_id=organization.organization_id, kind=organization.kind)

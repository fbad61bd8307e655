"""In-memory fakes of the awards ports (`services/awards/service/ports.py`)."""

from __future__ import annotations

import copy
from collections.abc import Awaitable, Callable, Collection, Iterable
from datetime import date
from typing import Any, TypeVar

from services.awards.domain.activity import ActivityFact
from services.awards.domain.eligibility import Nominee
from services.awards.domain.nomination import (
    Nomination,
    NominationStatus,
    duplicate_nomination,
)
from services.awards.domain.programme import Programme, ProgrammeStatus
from services.awards.domain.recusal import Assignment, Reviewer
from services.awards.domain.scoring import Scorecard
from shared.events.base import Event
from shared.outbox import Tx

T = TypeVar("T")


class FakeOutbox:
    """All or nothing, like the MongoDB transaction: a failing unit of work changes nothing."""

    def __init__(self, store: InMemoryAwards) -> None:
        self._store = store
        self.published: list[Event] = []

    async def unit_of_work(self, work: Callable[[Tx], Awaitable[T]]) -> T:
        before = copy.deepcopy(self._store.__dict__)
        tx = Tx(session=None, correlation_id=None, causation_id=None)  # type: ignore[arg-type]
        try:
            result = await work(tx)
        except BaseException:
            self._store.__dict__ = before
            raise
        self.published += tx.emitted
        return result

    def types(self) -> list[str]:
        return [event.ce_type for event in self.published]


class InMemoryAwards:
    def __init__(self) -> None:
        self.programme_items: dict[str, Programme] = {}
        self.nomination_items: dict[str, Nomination] = {}
        self.organizations: dict[str, Nominee] = {}
        self.owners: dict[str, str] = {}
        self.facts: dict[str, ActivityFact] = {}
        self.reviewer_items: dict[tuple[str, str], Reviewer] = {}
        self.assignments: dict[tuple[str, str, str, str], Assignment] = {}
        self.cards: dict[tuple[str, str, str], Scorecard] = {}

    async def insert_programme(self, programme: Programme, session: Any) -> None:
        self.programme_items[programme.programme_id] = programme.model_copy(deep=True)

    async def save_programme(self, programme: Programme, session: Any) -> None:
        self.programme_items[programme.programme_id] = programme.model_copy(deep=True)

    async def programme(self, programme_id: str, session: Any = None) -> Programme | None:
        found = self.programme_items.get(programme_id)
        return None if found is None else found.model_copy(deep=True)

    async def programmes(self, *, unfinished: bool = False) -> list[Programme]:
        chosen = [
            p
            for p in self.programme_items.values()
            if not unfinished or p.status is not ProgrammeStatus.PUBLISHED
        ]
        return sorted(chosen, key=lambda p: -p.year)

    async def insert_nomination(self, nomination: Nomination, session: Any) -> None:
        if await self.standing_nomination(
            nomination.programme_id,
            nomination.category_id,
            nomination.nominee.organization_id,
            session,
        ):
            raise duplicate_nomination(nomination.nominee.name)
        await self.save_nomination(nomination, session)

    async def save_nomination(self, nomination: Nomination, session: Any) -> None:
        self.nomination_items[nomination.nomination_id] = nomination.model_copy(deep=True)

    async def nomination(self, nomination_id: str, session: Any = None) -> Nomination | None:
        found = self.nomination_items.get(nomination_id)
        return None if found is None else found.model_copy(deep=True)

    async def nominations(
        self,
        programme_id: str,
        *,
        category_id: str | None = None,
        statuses: Collection[NominationStatus] = (),
        round_id: str | None = None,
        session: Any = None,
    ) -> list[Nomination]:
        return [
            n.model_copy(deep=True)
            for _, n in sorted(self.nomination_items.items())
            if n.programme_id == programme_id
            and (category_id is None or n.category_id == category_id)
            and (not statuses or n.status in statuses)
            and (round_id is None or n.round_id == round_id)
        ]

    async def standing_nomination(
        self, programme_id: str, category_id: str, nominee_id: str, session: Any
    ) -> Nomination | None:
        return next(
            (
                n
                for n in self.nomination_items.values()
                if (n.programme_id, n.category_id, n.nominee.organization_id)
                == (programme_id, category_id, nominee_id)
                and n.status is not NominationStatus.WITHDRAWN
            ),
            None,
        )

    async def submitted_nominations_of(
        self, organization_ids: Collection[str], session: Any
    ) -> list[Nomination]:
        return [
            n.model_copy(deep=True)
            for _, n in sorted(self.nomination_items.items())
            if n.nominee.organization_id in organization_ids
            and n.status is NominationStatus.SUBMITTED
        ]

    async def nominations_involving(self, organization_id: str) -> list[Nomination]:
        return [
            n.model_copy(deep=True)
            for _, n in sorted(self.nomination_items.items())
            if organization_id in (n.nominee.organization_id, n.nominator_organization_id)
        ]

    async def save_organization(self, organization: Nominee, session: Any) -> None:
        self.organizations[organization.organization_id] = organization

    async def organization(self, organization_id: str, session: Any = None) -> Nominee | None:
        return self.organizations.get(organization_id)

    async def record_listing_owner(self, listing_id: str, owner_id: str, session: Any) -> None:
        self.owners[listing_id] = owner_id

    async def listing_owner(self, listing_id: str, session: Any) -> str | None:
        return self.owners.get(listing_id)

    async def save_facts(self, facts: Iterable[ActivityFact], session: Any) -> None:
        for fact in facts:
            known = self.facts.get(fact.fact_id)
            owner = fact.organization_id or (known.organization_id if known else None)
            self.facts[fact.fact_id] = fact.model_copy(update={"organization_id": owner})

    async def assign_owner(self, listing_id: str, owner_id: str, session: Any) -> int:
        orphans = [
            key
            for key, fact in self.facts.items()
            if fact.listing_id == listing_id and fact.organization_id is None
        ]
        for key in orphans:
            self.facts[key] = self.facts[key].model_copy(update={"organization_id": owner_id})
        return len(orphans)

    async def facts_of(
        self, organization_id: str, start: date, end: date, session: Any
    ) -> list[ActivityFact]:
        return [
            f
            for _, f in sorted(self.facts.items())
            if f.organization_id == organization_id and start <= f.on <= end
        ]

    async def save_reviewer(self, programme_id: str, reviewer: Reviewer, session: Any) -> None:
        self.reviewer_items[programme_id, reviewer.subject] = reviewer

    async def reviewer(
        self, programme_id: str, subject: str, session: Any = None
    ) -> Reviewer | None:
        return self.reviewer_items.get((programme_id, subject))

    async def reviewers(self, programme_id: str, session: Any = None) -> list[Reviewer]:
        return [r for (p, _), r in sorted(self.reviewer_items.items()) if p == programme_id]

    async def save_assignment(self, assignment: Assignment, session: Any) -> None:
        key = (
            assignment.programme_id,
            assignment.category_id,
            assignment.round_id,
            assignment.reviewer,
        )
        self.assignments[key] = assignment

    async def assignments_of(
        self, programme_id: str, reviewer: str, session: Any = None
    ) -> list[Assignment]:
        return [
            a
            for key, a in sorted(self.assignments.items())
            if key[0] == programme_id and key[3] == reviewer
        ]

    async def save_scorecard(self, card: Scorecard, session: Any) -> None:
        self.cards[card.nomination_id, card.round_id, card.reviewer] = card

    async def scorecards(
        self, nomination_ids: Collection[str], round_id: str | None = None, session: Any = None
    ) -> list[Scorecard]:
        return [
            c
            for (nomination_id, round_, _), c in sorted(self.cards.items())
            if nomination_id in nomination_ids and (round_id is None or round_ == round_id)
        ]

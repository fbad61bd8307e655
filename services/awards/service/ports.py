"""What the awards use cases need from the world, as Protocols: `repository.AwardsRepository`
implements them on MongoDB, `tests/unit/awards/fakes.py` in memory."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Collection, Iterable
from datetime import date
from typing import Any, Protocol, TypeVar

from services.awards.domain.activity import ActivityFact
from services.awards.domain.eligibility import Nominee
from services.awards.domain.nomination import Nomination, NominationStatus
from services.awards.domain.programme import Programme
from services.awards.domain.recusal import Assignment, Reviewer
from services.awards.domain.scoring import Scorecard
from shared.outbox import Tx

T = TypeVar("T")
Session = Any
"""A store session, opaque above the repository (None outside a transaction)."""


class Transactions(Protocol):
    async def unit_of_work(self, work: Callable[[Tx], Awaitable[T]]) -> T:
        """Run `work` and store the events it emitted, atomically."""
        ...


class AwardsStore(Protocol):
    async def insert_programme(self, programme: Programme, session: Session) -> None: ...
    async def save_programme(self, programme: Programme, session: Session) -> None: ...
    async def programme(self, programme_id: str, session: Session = None) -> Programme | None: ...
    async def programmes(self, *, unfinished: bool = False) -> list[Programme]:
        """Newest year first."""
        ...

    async def insert_nomination(self, nomination: Nomination, session: Session) -> None:
        """Refuses a second standing nomination of the same nominee in a category."""
        ...

    async def save_nomination(self, nomination: Nomination, session: Session) -> None: ...
    async def nomination(
        self, nomination_id: str, session: Session = None
    ) -> Nomination | None: ...
    async def nominations(
        self,
        programme_id: str,
        *,
        category_id: str | None = None,
        statuses: Collection[NominationStatus] = (),
        round_id: str | None = None,
        session: Session = None,
    ) -> list[Nomination]: ...
    async def standing_nomination(
        self, programme_id: str, category_id: str, nominee_id: str, session: Session
    ) -> Nomination | None: ...
    async def submitted_nominations_of(
        self, organization_ids: Collection[str], session: Session
    ) -> list[Nomination]: ...
    async def nominations_involving(self, organization_id: str) -> list[Nomination]: ...
    async def save_organization(self, organization: Nominee, session: Session) -> None: ...
    async def organization(
        self, organization_id: str, session: Session = None
    ) -> Nominee | None: ...
    async def record_listing_owner(
        self, listing_id: str, owner_id: str, session: Session
    ) -> None: ...
    async def listing_owner(self, listing_id: str, session: Session) -> str | None: ...
    async def save_facts(self, facts: Iterable[ActivityFact], session: Session) -> None:
        """Upsert by fact id, never forgetting an owner learnt earlier."""
        ...

    async def assign_owner(self, listing_id: str, owner_id: str, session: Session) -> int:
        """Give the facts of an anonymous listing their owner; how many changed."""
        ...

    async def facts_of(
        self, organization_id: str, start: date, end: date, session: Session
    ) -> list[ActivityFact]: ...
    async def save_reviewer(
        self, programme_id: str, reviewer: Reviewer, session: Session
    ) -> None: ...
    async def reviewer(
        self, programme_id: str, subject: str, session: Session = None
    ) -> Reviewer | None: ...
    async def reviewers(self, programme_id: str, session: Session = None) -> list[Reviewer]: ...
    async def save_assignment(self, assignment: Assignment, session: Session) -> None: ...
    async def assignments_of(
        self, programme_id: str, reviewer: str, session: Session = None
    ) -> list[Assignment]: ...
    async def save_scorecard(self, card: Scorecard, session: Session) -> None: ...
    async def scorecards(
        self, nomination_ids: Collection[str], round_id: str | None = None, session: Session = None
    ) -> list[Scorecard]: ...

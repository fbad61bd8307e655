"""What the use cases need from the world, as Protocols: the MongoDB repositories and the live
index implement them, `tests/unit/matching/fakes.py` implements them in memory."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol, TypeVar

from services.matching.domain.connection_events.event import ConnectionEvent
from services.matching.domain.connection_events.meetings import BookedMeeting
from services.matching.domain.connection_events.registrations import (
    Registration,
    RegistrationStatus,
)
from services.matching.domain.connection_events.requests import MeetingRequest, RequestStatus
from services.matching.domain.declared_contracts import DeclaredContract
from services.matching.domain.introductions import Introduction
from services.matching.domain.listings import ProjectedListing
from services.matching.domain.matches import Match, MatchStatus
from services.matching.engine import MatchingEngine, Proposal
from shared.events.organizations import AdministrativeUnit, OrganizationProfile
from shared.events.vocabulary import OrganizationKind, Sector
from shared.outbox import Tx

T = TypeVar("T")
Session = Any
"""A store session, opaque above the repositories."""


class UnitOfWork(Protocol):
    async def unit_of_work(self, work: Callable[[Tx], Awaitable[T]]) -> T:
        """Run `work` and store the events it emitted, atomically."""
        ...

    async def last_sequence(self) -> int:
        """Changes with every committed unit of work that emitted an event."""
        ...


class Publications(Protocol):
    async def is_published(self, period: str) -> bool: ...
    async def mark(
        self, period: str, at: datetime, report: dict[str, Any], session: Session
    ) -> bool:
        """False when another replica published this period first."""
        ...

    async def report(self, period: str) -> dict[str, Any] | None: ...


class DeclaredContracts(Protocol):
    async def add(self, declared: DeclaredContract) -> bool:
        """False when this registration certificate was declared already."""
        ...

    async def page(self, limit: int, offset: int) -> list[DeclaredContract]: ...
    async def all(self) -> list[DeclaredContract]: ...
    async def count(self) -> int: ...


class MarketRecords(Protocol):
    """Everything else the indicators count: listings, organisations, matches, introductions."""

    async def listings(self) -> list[ProjectedListing]: ...
    async def listings_seq(self) -> int: ...
    async def places(self) -> dict[str, AdministrativeUnit | None]: ...
    async def verified_of_kinds(
        self, kinds: Iterable[OrganizationKind]
    ) -> list[tuple[str, datetime]]: ...
    async def matches(self) -> list[Match]: ...
    async def introductions(self) -> list[Introduction]: ...


@dataclass(frozen=True)
class IndicatorStores:
    publications: Publications
    declared: DeclaredContracts
    records: MarketRecords


class ListingStore(Protocol):
    async def get(self, listing_id: str, session: Session = None) -> ProjectedListing | None: ...
    async def get_many(
        self, listing_ids: Sequence[str], session: Session = None
    ) -> dict[str, ProjectedListing]: ...
    async def owned_by(self, organization_id: str) -> list[str]: ...
    async def next_seq(self, session: Session) -> int:
        """The next value of the projection's one counter: concurrent writers conflict here."""
        ...

    async def save(self, listing: ProjectedListing, session: Session) -> None: ...
    async def record_owner(
        self, listing_id: str, owner: str, seq: int, session: Session
    ) -> None: ...


class ProjectedChanges(Protocol):
    """What a replica's index reads to catch up: the projection in `seq` order."""

    async def ensure_counter(self) -> None: ...
    async def changed_since(self, seq: int, session: Session = None) -> list[ProjectedListing]: ...


class OrganizationStore(Protocol):
    async def save(self, profile: OrganizationProfile, session: Session) -> None: ...


class ListingIndex(Protocol):
    """This replica's engine, caught up with the projection by `seq`."""

    @property
    def engine(self) -> MatchingEngine: ...
    async def catch_up(self, session: Session = None) -> int:
        """Apply what was projected after this replica's `seq`; how many listings."""
        ...

    def candidates(
        self, listing: ProjectedListing, previous: ProjectedListing | None, *, top_k: int
    ) -> list[Proposal]: ...


class MatchStore(Protocol):
    async def create(self, match: Match, session: Session) -> bool: ...
    async def open_of(self, listing_id: str, session: Session) -> list[Match]: ...
    async def existing_ids(self, match_ids: Sequence[str], session: Session) -> set[str]: ...
    async def save(self, match: Match, session: Session) -> None: ...
    async def get(self, match_id: str, session: Session = None) -> Match | None: ...
    async def scores_between(
        self, offer_ids: Sequence[str], demand_ids: Sequence[str], session: Session
    ) -> dict[tuple[str, str], float]: ...
    async def due(self, now: datetime, limit: int) -> list[str]: ...
    async def find(
        self,
        *,
        listing_ids: Sequence[str] | None = None,
        status: MatchStatus | None = None,
        sector: Sector | None = None,
        limit: int = 0,
    ) -> list[Match]: ...


class IntroductionStore(Protocol):
    async def create(self, introduction: Introduction, session: Session) -> bool: ...
    async def save(self, introduction: Introduction, session: Session) -> None: ...
    async def get(self, introduction_id: str, session: Session = None) -> Introduction | None: ...
    async def find(
        self,
        *,
        organization_id: str | None = None,
        listing_ids: Sequence[str] | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[Introduction]: ...


class ConnectionEventStore(Protocol):
    async def save(self, event: ConnectionEvent, session: Session) -> None: ...
    async def get(self, event_id: str, session: Session = None) -> ConnectionEvent | None: ...
    async def find(self) -> list[ConnectionEvent]: ...
    async def save_registration(self, registration: Registration, session: Session) -> None: ...
    async def registration(
        self, event_id: str, organization_id: str, session: Session = None
    ) -> Registration | None: ...
    async def registrations(
        self,
        event_id: str,
        status: RegistrationStatus | None = None,
        session: Session = None,
    ) -> list[Registration]: ...


class MeetingRequestStore(Protocol):
    async def save(self, request: MeetingRequest, session: Session) -> None: ...
    async def get(self, request_id: str, session: Session = None) -> MeetingRequest | None: ...
    async def of_event(
        self,
        event_id: str,
        statuses: Sequence[RequestStatus] | None = None,
        session: Session = None,
    ) -> list[MeetingRequest]: ...
    async def due(self, now: datetime, limit: int) -> list[str]: ...


class MeetingStore(Protocol):
    async def save_all(self, meetings: Sequence[BookedMeeting], session: Session) -> None: ...
    async def save(self, meeting: BookedMeeting, session: Session) -> None: ...
    async def get(self, meeting_id: str, session: Session = None) -> BookedMeeting | None: ...
    async def of_event(
        self,
        event_id: str,
        organization_id: str | None = None,
        session: Session = None,
    ) -> list[BookedMeeting]: ...


class Stores(Protocol):
    """The stores of the brokerage use cases (`repository.Repositories` on MongoDB)."""

    @property
    def listings(self) -> ListingStore: ...
    @property
    def matches(self) -> MatchStore: ...
    @property
    def introductions(self) -> IntroductionStore: ...
    @property
    def connection_events(self) -> ConnectionEventStore: ...
    @property
    def meeting_requests(self) -> MeetingRequestStore: ...
    @property
    def meetings(self) -> MeetingStore: ...

"""What the indicator use cases need from the world, as Protocols: the MongoDB repositories
implement them, `tests/unit/matching/fakes.py` implements them in memory."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol, TypeVar

from services.matching.domain.declared_contracts import DeclaredContract
from services.matching.domain.introductions import Introduction
from services.matching.domain.matches import Match
from services.matching.repository import ProjectedListing
from shared.events.organizations import AdministrativeUnit
from shared.events.vocabulary import OrganizationKind
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

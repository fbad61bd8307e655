"""In-memory fakes of matching's ports (`services/matching/service/ports.py`)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from datetime import datetime
from typing import Any, TypeVar

from services.matching.domain.declared_contracts import DeclaredContract
from services.matching.domain.introductions import Introduction
from services.matching.domain.matches import Match
from services.matching.repository import ProjectedListing
from shared.events.base import Event
from shared.events.organizations import AdministrativeUnit
from shared.events.vocabulary import OrganizationKind
from shared.outbox import Tx

T = TypeVar("T")


class FakeUnitOfWork:
    """Runs the work, keeps what it emitted; the sequence moves with every emitting commit."""

    def __init__(self) -> None:
        self.published: list[Event] = []

    async def unit_of_work(self, work: Callable[[Tx], Awaitable[T]]) -> T:
        tx = Tx(session=None, correlation_id=None, causation_id=None)  # type: ignore[arg-type]
        result = await work(tx)
        self.published += tx.emitted
        return result

    async def last_sequence(self) -> int:
        return len(self.published)


class InMemoryPublications:
    def __init__(self) -> None:
        self.items: dict[str, dict[str, Any]] = {}

    async def is_published(self, period: str) -> bool:
        return period in self.items

    async def mark(self, period: str, at: datetime, report: dict[str, Any], session: Any) -> bool:
        if period in self.items:
            return False
        self.items[period] = report
        return True

    async def report(self, period: str) -> dict[str, Any] | None:
        return self.items.get(period)


class InMemoryDeclared:
    def __init__(self) -> None:
        self.items: dict[str, DeclaredContract] = {}

    async def add(self, declared: DeclaredContract) -> bool:
        if declared.declaration_id in self.items:
            return False
        self.items[declared.declaration_id] = declared
        return True

    async def page(self, limit: int, offset: int) -> list[DeclaredContract]:
        newest = sorted(self.items.values(), key=lambda d: d.contract.signed_on, reverse=True)
        return newest[offset : offset + limit]

    async def all(self) -> list[DeclaredContract]:
        return list(self.items.values())

    async def count(self) -> int:
        return len(self.items)


class InMemoryMarket:
    """The records indicators count; `reads` says how often the whole market was read."""

    def __init__(self) -> None:
        self.projected: list[ProjectedListing] = []
        self.seq = 0
        self.units: dict[str, AdministrativeUnit | None] = {}
        self.intermediaries: list[tuple[str, datetime]] = []
        self.match_records: list[Match] = []
        self.introduction_records: list[Introduction] = []
        self.reads = 0

    async def listings(self) -> list[ProjectedListing]:
        self.reads += 1
        return list(self.projected)

    async def listings_seq(self) -> int:
        return self.seq

    async def places(self) -> dict[str, AdministrativeUnit | None]:
        return dict(self.units)

    async def verified_of_kinds(
        self, kinds: Iterable[OrganizationKind]
    ) -> list[tuple[str, datetime]]:
        return list(self.intermediaries)

    async def matches(self) -> list[Match]:
        return list(self.match_records)

    async def introductions(self) -> list[Introduction]:
        return list(self.introduction_records)

"""In-memory fakes of matching's ports (`services/matching/service/ports.py`)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any, TypeVar

from services.matching.domain.declared_contracts import DeclaredContract
from services.matching.domain.introductions import Introduction
from services.matching.domain.listings import ProjectedListing
from services.matching.domain.matches import Match, MatchStatus
from shared.events.organizations import AdministrativeUnit, OrganizationProfile
from shared.events.vocabulary import OrganizationKind, Sector

T = TypeVar("T")


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


class InMemoryListings:
    """The listings projection, as far as the brokerage use cases read it."""

    def __init__(self, *listings: ProjectedListing) -> None:
        self.items = {listing.listing_id: listing for listing in listings}

    async def get(self, listing_id: str, session: Any = None) -> ProjectedListing | None:
        return self.items.get(listing_id)

    async def get_many(
        self, listing_ids: Sequence[str], session: Any = None
    ) -> dict[str, ProjectedListing]:
        return {i: self.items[i] for i in listing_ids if i in self.items}

    async def owned_by(self, organization_id: str) -> list[str]:
        return sorted(i for i, listing in self.items.items() if listing.owner == organization_id)

    async def next_seq(self, session: Any) -> int:
        return max((listing.seq for listing in self.items.values()), default=0) + 1

    async def save(self, listing: ProjectedListing, session: Any) -> None:
        self.items[listing.listing_id] = listing

    async def record_owner(self, listing_id: str, owner: str, seq: int, session: Any) -> None:
        before = self.items.get(listing_id, ProjectedListing(listing_id=listing_id, seq=seq))
        self.items[listing_id] = replace(before, recorded_owner=owner, seq=seq)

    async def ensure_counter(self) -> None:
        return None

    async def changed_since(self, seq: int, session: Any = None) -> list[ProjectedListing]:
        return sorted((x for x in self.items.values() if x.seq > seq), key=lambda x: x.seq)


class InMemoryOrganizations:
    def __init__(self) -> None:
        self.items: dict[str, OrganizationProfile] = {}

    async def save(self, profile: OrganizationProfile, session: Any) -> None:
        self.items[profile.organization_id] = profile


class InMemoryMatches:
    def __init__(self, *matches: Match) -> None:
        self.items = {match.match_id: match for match in matches}

    async def create(self, match: Match, session: Any) -> bool:
        return self.items.setdefault(match.match_id, match) is match

    async def save(self, match: Match, session: Any) -> None:
        self.items[match.match_id] = match

    async def get(self, match_id: str, session: Any = None) -> Match | None:
        return self.items.get(match_id)

    async def scores_between(
        self, offer_ids: Sequence[str], demand_ids: Sequence[str], session: Any
    ) -> dict[tuple[str, str], float]:
        return {
            (m.offer_id, m.demand_id): m.score
            for m in self.items.values()
            if m.offer_id in offer_ids and m.demand_id in demand_ids
        }

    async def due(self, now: datetime, limit: int) -> list[str]:
        due = [m.match_id for m in self.items.values() if m.is_open and m.expires_at <= now]
        return sorted(due)[:limit]

    async def open_of(self, listing_id: str, session: Any) -> list[Match]:
        return [
            m
            for m in self.items.values()
            if m.status is MatchStatus.PROPOSED and listing_id in (m.offer_id, m.demand_id)
        ]

    async def existing_ids(self, match_ids: Sequence[str], session: Any) -> set[str]:
        return {i for i in match_ids if i in self.items}

    async def find(
        self,
        *,
        listing_ids: Sequence[str] | None = None,
        status: MatchStatus | None = None,
        sector: Sector | None = None,
        limit: int = 0,
    ) -> list[Match]:
        found = [
            m
            for m in self.items.values()
            if (listing_ids is None or {m.offer_id, m.demand_id} & set(listing_ids))
            and (status is None or m.status is status)
            and (sector is None or m.sector is sector)
        ]
        found.sort(key=lambda m: m.proposed_at, reverse=True)
        return found[:limit] if limit else found


class InMemoryIntroductions:
    def __init__(self) -> None:
        self.items: dict[str, Introduction] = {}

    async def create(self, introduction: Introduction, session: Any) -> bool:
        return self.items.setdefault(introduction.introduction_id, introduction) is introduction

    async def save(self, introduction: Introduction, session: Any) -> None:
        self.items[introduction.introduction_id] = introduction

    async def get(self, introduction_id: str, session: Any = None) -> Introduction | None:
        return self.items.get(introduction_id)

    async def find(
        self,
        *,
        organization_id: str | None = None,
        listing_ids: Sequence[str] | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[Introduction]:
        found = [
            i
            for i in self.items.values()
            if (organization_id is None or i.involves(organization_id))
            and (
                listing_ids is None or {i.parties.offer_id, i.parties.demand_id} & set(listing_ids)
            )
        ]
        found.sort(key=lambda i: i.opened_at, reverse=True)
        return found[offset:] if limit is None else found[offset : offset + limit]


@dataclass
class BrokerageStores:
    """The stores of the brokerage use cases; connection events are not faked here."""

    listings: InMemoryListings
    matches: InMemoryMatches
    introductions: InMemoryIntroductions = field(default_factory=InMemoryIntroductions)
    connection_events: Any = None
    meeting_requests: Any = None
    meetings: Any = None

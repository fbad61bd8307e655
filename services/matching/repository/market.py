"""The records market indicators count, read through one object (the `MarketRecords` port)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from services.matching.domain.introductions import Introduction
from services.matching.domain.listings import ProjectedListing
from services.matching.domain.matches import Match
from services.matching.repository.introductions import IntroductionRepository
from services.matching.repository.listings import ListingProjection, OrganizationProjection
from services.matching.repository.matches import MatchRepository
from shared.events.organizations import AdministrativeUnit
from shared.events.vocabulary import OrganizationKind


class MarketRecordsReader:
    def __init__(
        self,
        listings: ListingProjection,
        organizations: OrganizationProjection,
        matches: MatchRepository,
        introductions: IntroductionRepository,
    ) -> None:
        self._listings = listings
        self._organizations = organizations
        self._matches = matches
        self._introductions = introductions

    async def listings(self) -> list[ProjectedListing]:
        return await self._listings.all_without_vectors()

    async def listings_seq(self) -> int:
        return await self._listings.last_seq()

    async def places(self) -> dict[str, AdministrativeUnit | None]:
        return await self._organizations.places()

    async def verified_of_kinds(
        self, kinds: Iterable[OrganizationKind]
    ) -> list[tuple[str, datetime]]:
        return await self._organizations.verified_of_kinds(kinds)

    async def matches(self) -> list[Match]:
        return await self._matches.find()

    async def introductions(self) -> list[Introduction]:
        return await self._introductions.find()

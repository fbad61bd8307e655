"""The MongoDB side of the matching service, and nothing else."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from pymongo.asynchronous.database import AsyncDatabase

from services.matching.repository import introductions, listings, matches
from services.matching.repository.indicators import IndicatorPublications
from services.matching.repository.introductions import IntroductionRepository
from services.matching.repository.listings import (
    ListingProjection,
    OrganizationProjection,
    ProjectedListing,
)
from services.matching.repository.matches import MatchRepository
from shared.mongo import Document

INDEXES: Final = {**listings.INDEXES, **matches.INDEXES, **introductions.INDEXES}


@dataclass(frozen=True)
class Repositories:
    listings: ListingProjection
    organizations: OrganizationProjection
    matches: MatchRepository
    introductions: IntroductionRepository
    publications: IndicatorPublications

    @classmethod
    def of(cls, db: AsyncDatabase[Document]) -> Repositories:
        return cls(
            listings=ListingProjection(db),
            organizations=OrganizationProjection(db),
            matches=MatchRepository(db),
            introductions=IntroductionRepository(db),
            publications=IndicatorPublications(db),
        )


__all__ = ["INDEXES", "ProjectedListing", "Repositories"]

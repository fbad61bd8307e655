"""The MongoDB side of the matching service, and nothing else."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from pymongo.asynchronous.database import AsyncDatabase

from services.matching.repository import (
    connection_events,
    declared_contracts,
    introductions,
    listings,
    matches,
    meetings,
)
from services.matching.repository.connection_events import ConnectionEventRepository
from services.matching.repository.declared_contracts import DeclaredContractRepository
from services.matching.repository.indicators import IndicatorPublications
from services.matching.repository.introductions import IntroductionRepository
from services.matching.repository.listings import (
    ListingProjection,
    OrganizationProjection,
)
from services.matching.repository.matches import MatchRepository
from services.matching.repository.meetings import MeetingRepository, MeetingRequestRepository
from shared.mongo import Document

INDEXES: Final = {
    **listings.INDEXES,
    **matches.INDEXES,
    **introductions.INDEXES,
    **connection_events.INDEXES,
    **meetings.INDEXES,
    **declared_contracts.INDEXES,
}


@dataclass(frozen=True)
class Repositories:
    listings: ListingProjection
    organizations: OrganizationProjection
    matches: MatchRepository
    introductions: IntroductionRepository
    publications: IndicatorPublications
    connection_events: ConnectionEventRepository
    meeting_requests: MeetingRequestRepository
    meetings: MeetingRepository
    declared_contracts: DeclaredContractRepository

    @classmethod
    def of(cls, db: AsyncDatabase[Document]) -> Repositories:
        return cls(
            listings=ListingProjection(db),
            organizations=OrganizationProjection(db),
            matches=MatchRepository(db),
            introductions=IntroductionRepository(db),
            publications=IndicatorPublications(db),
            connection_events=ConnectionEventRepository(db),
            meeting_requests=MeetingRequestRepository(db),
            meetings=MeetingRepository(db),
            declared_contracts=DeclaredContractRepository(db),
        )


__all__ = ["INDEXES", "Repositories"]

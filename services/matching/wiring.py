"""The matching use cases built on MongoDB, the outbox, the engine and the embedder (used by
`app.py`; the unit tests build the use cases they test on fakes of `service/ports.py`)."""

from __future__ import annotations

from dataclasses import dataclass

from services.matching.engine import Embedder, MatchingEngine
from services.matching.index_sync import LiveIndex
from services.matching.repository import Repositories
from services.matching.repository.market import MarketRecordsReader
from services.matching.scheduling import SolverOptions
from services.matching.service.connection_events import ConnectionEventUseCases, Ports
from services.matching.service.indicators import Indicators
from services.matching.service.introductions import Introductions
from services.matching.service.matches import Matches
from services.matching.service.ports import IndicatorStores
from services.matching.service.projection import Projection
from services.matching.service.proposals import EngineProposals, ProposalPolicy
from services.matching.service.vectors import ListingVectors
from services.matching.settings import MatchingSettings
from shared.clock import Clock
from shared.runtime import ServiceRuntime


@dataclass(frozen=True)
class UseCases:
    index: LiveIndex
    vectors: ListingVectors
    projection: Projection
    matches: Matches
    introductions: Introductions
    indicators: Indicators
    connection_events: ConnectionEventUseCases


def build_use_cases(
    runtime: ServiceRuntime, settings: MatchingSettings, embedder: Embedder, clock: Clock
) -> UseCases:
    repos = Repositories.of(runtime.db)
    index = LiveIndex(MatchingEngine(settings.engine_config()), repos.listings)
    vectors = ListingVectors(embedder)
    policy = ProposalPolicy(settings.top_k, settings.rescore_top_k, settings.proposal_ttl)
    proposals = EngineProposals(index, repos.listings, repos.matches, policy, clock)
    introductions = Introductions(runtime.outbox, repos, settings.zone, clock)
    return UseCases(
        index=index,
        vectors=vectors,
        projection=Projection(repos.listings, repos.organizations, index, vectors, proposals),
        matches=Matches(runtime.outbox, repos, index, introductions, policy, clock),
        introductions=introductions,
        indicators=Indicators(
            runtime.outbox,
            IndicatorStores(
                publications=repos.publications,
                declared=repos.declared_contracts,
                records=MarketRecordsReader(
                    repos.listings, repos.organizations, repos.matches, repos.introductions
                ),
            ),
            settings.zone,
            settings.province_name,
            clock,
            settings.indicators_cache_seconds,
        ),
        connection_events=ConnectionEventUseCases.of(
            Ports(runtime.outbox, repos, clock),
            introductions,
            request_ttl=settings.meeting_request_ttl,
            proposal_ttl=settings.proposal_ttl,
            solver=SolverOptions(time_limit_s=settings.schedule_time_limit_seconds),
        ),
    )

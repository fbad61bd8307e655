"""Composition root of the matching service: settings → runtime → repositories → index →
use cases → handlers, routes and periodic jobs."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

from fastapi import FastAPI

from services.matching.api import (
    connection_events_router,
    declared_contracts_router,
    indicators_router,
    introductions_router,
    matches_router,
)
from services.matching.engine import E5Embedder, Embedder, MatchingEngine
from services.matching.handlers import register_handlers
from services.matching.index_sync import LiveIndex
from services.matching.repository import INDEXES, Repositories
from services.matching.repository.market import MarketRecordsReader
from services.matching.scheduling import SolverOptions
from services.matching.service.connection_events import ConnectionEventDesks, Ports
from services.matching.service.indicators import IndicatorDesk
from services.matching.service.introductions import IntroductionDesk
from services.matching.service.matches import MatchDesk
from services.matching.service.ports import IndicatorStores
from services.matching.service.projection import Projection
from services.matching.service.proposals import EngineProposals, ProposalPolicy
from services.matching.service.vectors import ListingVectors
from services.matching.settings import MatchingSettings
from shared.clock import Clock, utc_now
from shared.http.rate_limit import RateLimiter
from shared.runtime import ServiceRuntime

DESCRIPTION = (
    "Explained match proposals between technology offers and demands, the parties' answers, "
    "introductions followed to a closed deal, and market indicators."
)


@dataclass(frozen=True)
class UseCases:
    index: LiveIndex
    vectors: ListingVectors
    projection: Projection
    matches: MatchDesk
    introductions: IntroductionDesk
    indicators: IndicatorDesk
    connection_events: ConnectionEventDesks


def create_app(
    settings: MatchingSettings | None = None,
    *,
    embedder: Embedder | None = None,
    clock: Clock = utc_now,
) -> FastAPI:
    settings = settings or MatchingSettings()
    runtime = ServiceRuntime(
        settings, title="STX matching", description=DESCRIPTION, indexes=INDEXES
    )
    cases = _use_cases(runtime, settings, embedder or E5Embedder(), clock)
    register_handlers(runtime.consumer, cases.projection)
    runtime.include(
        matches_router(cases.matches),
        introductions_router(cases.introductions),
        indicators_router(
            cases.indicators,
            RateLimiter(settings.indicators_rate_per_minute, settings.indicators_burst),
        ),
        declared_contracts_router(cases.indicators),
        connection_events_router(cases.connection_events, settings.zone),
    )
    runtime.every("index_catch_up", settings.index_catch_up_seconds, cases.index.refresh)
    runtime.every("match_expiry", settings.expiry_sweep_seconds, cases.matches.expire_due)
    runtime.every(
        "meeting_request_expiry",
        settings.meeting_request_sweep_seconds,
        cases.connection_events.requests.expire_due,
    )
    runtime.every(
        "indicators_publication", settings.indicators_sweep_seconds, cases.indicators.publish_closed
    )
    app = runtime.finish_wiring()
    app.state.runtime, app.state.index = runtime, cases.index
    _before_consuming(app, cases)
    return app


def _use_cases(
    runtime: ServiceRuntime, settings: MatchingSettings, embedder: Embedder, clock: Clock
) -> UseCases:
    repos = Repositories.of(runtime.db)
    index = LiveIndex(MatchingEngine(settings.engine_config()), repos.listings)
    vectors = ListingVectors(embedder)
    policy = ProposalPolicy(settings.top_k, settings.rescore_top_k, settings.proposal_ttl)
    proposals = EngineProposals(index, repos.listings, repos.matches, policy, clock)
    introductions = IntroductionDesk(runtime.outbox, repos, settings.zone, clock)
    return UseCases(
        index=index,
        vectors=vectors,
        projection=Projection(repos.listings, repos.organizations, index, vectors, proposals),
        matches=MatchDesk(runtime.outbox, repos, index, introductions, policy, clock),
        introductions=introductions,
        indicators=IndicatorDesk(
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
        connection_events=ConnectionEventDesks.of(
            Ports(runtime.outbox, repos, clock),
            introductions,
            request_ttl=settings.meeting_request_ttl,
            proposal_ttl=settings.proposal_ttl,
            solver=SolverOptions(time_limit_s=settings.schedule_time_limit_seconds),
        ),
    )


def _before_consuming(app: FastAPI, cases: UseCases) -> None:
    """Load the model and the whole index before the broker hands this replica any record."""
    started = app.router.lifespan_context

    @asynccontextmanager
    async def lifespan(application: FastAPI) -> AsyncIterator[Any]:
        await cases.vectors.warm()
        await cases.index.load()
        async with started(application) as state:
            yield state

    app.router.lifespan_context = lifespan

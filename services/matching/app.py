"""Composition root of the matching service: settings → runtime → repositories → index →
use cases → handlers, routes and periodic jobs."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI

from services.matching.api import (
    connection_events_router,
    declared_contracts_router,
    full_indicators_router,
    indicators_router,
    introductions_router,
    matches_router,
)
from services.matching.engine import E5Embedder, Embedder
from services.matching.handlers import register_handlers
from services.matching.repository import INDEXES
from services.matching.settings import MatchingSettings
from services.matching.wiring import UseCases, build_use_cases
from shared.clock import Clock, utc_now
from shared.http.rate_limit import RateLimiter
from shared.runtime import ServiceRuntime

DESCRIPTION = (
    "Explained match proposals between technology offers and demands, the parties' answers, "
    "introductions followed to a closed deal, and market indicators."
)


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
    cases = build_use_cases(runtime, settings, embedder or E5Embedder(), clock)
    register_handlers(runtime.consumer, cases.projection)
    runtime.include(
        matches_router(cases.matches),
        introductions_router(cases.introductions),
        indicators_router(
            cases.indicators,
            RateLimiter(settings.indicators_rate_per_minute, settings.indicators_burst),
        ),
        full_indicators_router(cases.indicators),
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

"""Composition root: builds the awards service from its settings."""

from __future__ import annotations

from fastapi import FastAPI

from services.awards.api import ROUTERS, AwardsServices
from services.awards.handlers import register_handlers
from services.awards.repository import INDEXES, AwardsRepository
from services.awards.settings import AwardsSettings
from services.awards.wiring import build_use_cases
from shared.clock import Clock, utc_now
from shared.runtime import ServiceRuntime

DESCRIPTION = """Award programmes honouring outstanding actors of the S&T market: nominations
with evidence from verified market activity, conflict-of-interest-aware review, results and
certificates. Publishes `stx.awards.v1`."""


def create_app(settings: AwardsSettings | None = None, clock: Clock = utc_now) -> FastAPI:
    settings = settings or AwardsSettings()
    runtime = ServiceRuntime(settings, title="STX awards", description=DESCRIPTION, indexes=INDEXES)
    cases = build_use_cases(AwardsRepository(runtime.db), runtime.outbox, settings, clock)
    runtime.app.state.awards = AwardsServices(
        programmes=cases.programmes,
        nominations=cases.nominations,
        reviews=cases.reviews,
        results=cases.results,
    )
    register_handlers(runtime.consumer, cases.evidence)
    runtime.include(*ROUTERS)
    runtime.every("programme_calendar", settings.clock_seconds, cases.calendar.tick)
    return runtime.finish_wiring()

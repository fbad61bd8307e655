"""Composition root: builds the awards service from its settings."""

from __future__ import annotations

from fastapi import FastAPI

from services.awards.api import ROUTERS, AwardsServices
from services.awards.certificates import CertificateRenderer
from services.awards.handlers import register_handlers
from services.awards.repository import INDEXES, AwardsRepository
from services.awards.service import (
    Calendar,
    Evidence,
    Nominations,
    Programmes,
    Results,
    Reviews,
)
from services.awards.settings import AwardsSettings
from shared.clock import Clock, utc_now
from shared.runtime import ServiceRuntime

DESCRIPTION = """Award programmes honouring outstanding actors of the S&T market: nominations
with evidence from verified market activity, conflict-of-interest-aware review, results and
certificates. Publishes `stx.awards.v1`."""


def create_app(settings: AwardsSettings | None = None, clock: Clock = utc_now) -> FastAPI:
    settings = settings or AwardsSettings()
    runtime = ServiceRuntime(settings, title="STX awards", description=DESCRIPTION, indexes=INDEXES)
    repository = AwardsRepository(runtime.db)
    certificates = CertificateRenderer(
        settings.certificate_font,
        settings.certificate_font_bold,
        settings.certificate_issuer,
        settings.province_name,
    )
    evidence = Evidence(repository, runtime.outbox, clock)
    programmes = Programmes(repository, runtime.outbox, clock)
    results = Results(repository, runtime.outbox, certificates, clock)
    runtime.app.state.awards = AwardsServices(
        programmes=programmes,
        nominations=Nominations(repository, runtime.outbox, evidence, clock),
        reviews=Reviews(repository, runtime.outbox, clock),
        results=results,
    )
    register_handlers(runtime.consumer, evidence)
    runtime.include(*ROUTERS)
    calendar = Calendar(repository, programmes, results, clock)
    runtime.every("programme_calendar", settings.clock_seconds, calendar.tick)
    return runtime.finish_wiring()

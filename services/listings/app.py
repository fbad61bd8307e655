"""Composition root: settings → runtime (logging, Mongo, Kafka, outbox) → use cases → API,
handlers and the expiry sweep."""

from __future__ import annotations

from datetime import timedelta

from fastapi import FastAPI

from services.listings import api, handlers, repository
from services.listings.settings import ListingsSettings
from services.listings.wiring import build_use_cases
from shared.clock import Clock, utc_now
from shared.runtime import ServiceRuntime

DESCRIPTION = """Organisations and experts, technology offers ("chào bán") and demands
("đặt hàng"), moderation by the Department's brokers. Publishes `stx.organizations.v1`,
`stx.listings.v1` (public snapshots) and `stx.internal.contacts.v1`; consumes closed deals
from `stx.connections.v1`."""


def create_app(settings: ListingsSettings | None = None, clock: Clock = utc_now) -> FastAPI:
    """The service; tests pass their own settings and, to travel in time, a clock."""
    settings = settings or ListingsSettings()
    retention = timedelta(hours=settings.idempotency_retention_hours)
    runtime = ServiceRuntime(
        settings,
        title="STX listings",
        description=DESCRIPTION,
        indexes=repository.indexes(retention),
    )
    services = build_use_cases(runtime.outbox, runtime.db, settings, clock)
    runtime.app.state.services = services
    listings = repository.ListingRepository(runtime.db)
    runtime.migrate(listings.ensure_counter)
    runtime.migrate(listings.refresh_query_fields)
    runtime.before_serving(services.catalogue.load)
    runtime.include(*api.ROUTERS)
    handlers.register_handlers(runtime.consumer, services.moderation)
    runtime.every(
        "listing_expiry_sweep", settings.expiry_sweep_seconds, services.moderation.expire_due
    )
    return runtime.finish_wiring()

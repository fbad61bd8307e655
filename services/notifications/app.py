"""Composition root: everything the notifications service is made of, built from settings."""

from __future__ import annotations

from fastapi import FastAPI

from services.notifications.api import ROUTERS
from services.notifications.handlers import register_handlers
from services.notifications.repository import INDEXES, Repositories
from services.notifications.settings import NotificationsSettings
from services.notifications.wiring import build_use_cases
from shared.clock import Clock, utc_now
from shared.runtime import ServiceRuntime

DESCRIPTION = """Subscriptions (e-mail with double opt-in, signed webhooks), targeted messages to
the parties of a listing, match or introduction, press digests for media partners, public
Atom/RSS/JSON feeds, and a delivery log. Publishes `stx.notifications.v1`."""


def create_app(settings: NotificationsSettings | None = None, clock: Clock = utc_now) -> FastAPI:
    settings = settings or NotificationsSettings()
    runtime = ServiceRuntime(
        settings, title="STX notifications", description=DESCRIPTION, indexes=INDEXES
    )
    cases = build_use_cases(settings, runtime.outbox, Repositories.of(runtime.db), clock)
    register_handlers(runtime.consumer, cases.intake, cases.contacts, cases.outreach)
    runtime.every("deliveries", settings.delivery_poll_seconds, cases.worker.run_once)
    runtime.every("digests", settings.digest_poll_seconds, cases.digests.run_due)
    runtime.every("reminders", settings.reminder_poll_seconds, cases.reminders.run_due)
    app = runtime.app
    app.state.renderer = cases.renderer
    app.state.subscriptions = cases.subscriptions
    app.state.delivery_log = cases.delivery_log
    app.state.feeds = cases.feeds
    app.state.press_packs = cases.press_packs
    app.state.press_room = cases.press_room
    runtime.include(*ROUTERS)
    return runtime.finish_wiring()

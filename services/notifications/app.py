"""Composition root: everything the notifications service is made of, built from settings."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from functools import partial
from zoneinfo import ZoneInfo

from fastapi import FastAPI

from services.notifications.api import ROUTERS
from services.notifications.delivery.destinations import Destinations
from services.notifications.delivery.log import DeliveryLog
from services.notifications.delivery.outcomes import Outcomes
from services.notifications.delivery.senders import Senders
from services.notifications.delivery.smtp import SmtpSender
from services.notifications.delivery.ssrf import resolve_target
from services.notifications.delivery.webhook import WebhookSender
from services.notifications.delivery.worker import DeliveryWorker
from services.notifications.domain.deliveries import RateLimits, RetryPolicy
from services.notifications.domain.digests import DigestSchedule
from services.notifications.handlers import register_handlers
from services.notifications.links import Links
from services.notifications.rendering import Renderer
from services.notifications.repository import INDEXES, Repositories
from services.notifications.service.contacts import Contacts
from services.notifications.service.digests import DigestJob
from services.notifications.service.feeds import Feeds
from services.notifications.service.intake import Intake
from services.notifications.service.subscriptions import Subscriptions
from services.notifications.settings import NotificationsSettings
from shared.clock import Clock
from shared.runtime import ServiceRuntime

DESCRIPTION = """Subscriptions (e-mail with double opt-in, signed webhooks), targeted messages to
the parties of a listing, match or introduction, press digests for media partners, public
Atom/RSS/JSON feeds, and a delivery log. Publishes `stx.notifications.v1`."""


def _system_clock() -> datetime:
    return datetime.now(UTC)


def create_app(
    settings: NotificationsSettings | None = None, clock: Clock = _system_clock
) -> FastAPI:
    settings = settings or NotificationsSettings()
    runtime = ServiceRuntime(
        settings, title="STX notifications", description=DESCRIPTION, indexes=INDEXES
    )
    repositories = Repositories.of(runtime.db)
    zone = ZoneInfo(settings.timezone)
    schedule = DigestSchedule(
        settings.digest_hour,
        settings.weekly_digest_weekday,
        settings.quiet_hours_start,
        settings.quiet_hours_end,
        zone,
    )
    renderer = Renderer(zone, settings.portal_listing_url, settings.province_name)
    links = Links(settings, clock)

    ids = settings.delivery_ids()
    intake = Intake(repositories, clock, ids)
    register_handlers(runtime.consumer, intake, Contacts(repositories.address_book))
    worker = _delivery_worker(settings, runtime, repositories, renderer, links, schedule, clock)
    runtime.every("deliveries", settings.delivery_poll_seconds, worker.run_once)
    digests = DigestJob(repositories, runtime.outbox, schedule, clock, ids)
    runtime.every("digests", settings.digest_poll_seconds, digests.run_due)

    app = runtime.app
    app.state.renderer = renderer
    app.state.subscriptions = Subscriptions(
        repositories,
        runtime.outbox,
        links,
        schedule,
        clock,
        partial(resolve_target, policy=settings.webhook_targets),
        settings.signup_limits,
        ids,
    )
    app.state.delivery_log = DeliveryLog(repositories.deliveries, clock)
    app.state.feeds = Feeds(
        repositories.notices,
        renderer,
        settings.public_base_url,
        settings.province_name,
        settings.feed_max_entries,
        clock,
    )
    runtime.include(*ROUTERS)
    return runtime.finish_wiring()


def _delivery_worker(
    settings: NotificationsSettings,
    runtime: ServiceRuntime,
    repositories: Repositories,
    renderer: Renderer,
    links: Links,
    schedule: DigestSchedule,
    clock: Clock,
) -> DeliveryWorker:
    webhook = WebhookSender(settings.webhook_targets, settings.webhook_timeout_seconds)
    senders = Senders(renderer, links, SmtpSender(settings), webhook, settings.smtp_from)
    return DeliveryWorker(
        Destinations(repositories),
        senders,
        Outcomes(repositories.deliveries, runtime.outbox),
        retry=RetryPolicy(
            settings.delivery_max_attempts,
            settings.delivery_backoff_seconds,
            settings.delivery_backoff_max_seconds,
        ),
        limits=RateLimits(
            settings.rate_limit_per_recipient_per_hour, settings.rate_limit_per_domain_per_minute
        ),
        schedule=schedule,
        lease=timedelta(seconds=settings.delivery_lease_seconds),
        contact_wait=timedelta(hours=settings.contact_wait_hours),
        batch_size=settings.delivery_batch_size,
        clock=clock,
    )

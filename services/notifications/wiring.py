"""The notifications use cases built on MongoDB, the outbox and the senders (used by
`app.py`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from functools import partial
from zoneinfo import ZoneInfo

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
from services.notifications.domain.reminder_rules import ReminderPolicy
from services.notifications.links import Links
from services.notifications.pressroom.pdf import PressPdf
from services.notifications.pressroom.room import PressRoom
from services.notifications.rendering import Renderer
from services.notifications.repository import Repositories
from services.notifications.service.contacts import Contacts
from services.notifications.service.digests import Digests
from services.notifications.service.feeds import Feeds
from services.notifications.service.intake import Intake
from services.notifications.service.outreach import Outreach
from services.notifications.service.press import PressPacks
from services.notifications.service.reminders import Reminders
from services.notifications.service.subscriptions import Subscriptions
from services.notifications.settings import NotificationsSettings
from shared.clock import Clock
from shared.outbox import Outbox


@dataclass(frozen=True)
class UseCases:
    intake: Intake
    contacts: Contacts
    outreach: Outreach
    reminders: Reminders
    subscriptions: Subscriptions
    digests: Digests
    feeds: Feeds
    delivery_log: DeliveryLog
    worker: DeliveryWorker
    renderer: Renderer
    press_packs: PressPacks
    press_room: PressRoom


def build_use_cases(
    settings: NotificationsSettings, outbox: Outbox, repositories: Repositories, clock: Clock
) -> UseCases:
    zone = ZoneInfo(settings.timezone)
    schedule = DigestSchedule(
        settings.digest_hour,
        settings.weekly_digest_weekday,
        settings.quiet_hours_start,
        settings.quiet_hours_end,
        zone,
    )
    renderer = Renderer(
        zone, settings.portal_listing_url, settings.province_name, settings.portal_url
    )
    links = Links(settings, clock)
    ids = settings.delivery_ids()
    reminders = Reminders(repositories, outbox, _reminder_policy(settings), schedule, clock, ids)
    return UseCases(
        intake=Intake(repositories, clock, ids, reminders),
        contacts=Contacts(repositories.address_book),
        outreach=Outreach(repositories, clock, ids),
        reminders=reminders,
        subscriptions=Subscriptions(
            repositories,
            outbox,
            links,
            schedule,
            clock,
            partial(resolve_target, policy=settings.webhook_targets),
            settings.signup_limits,
            ids,
        ),
        digests=Digests(repositories, outbox, schedule, clock, ids),
        feeds=Feeds(
            repositories.notices,
            renderer,
            settings.public_base_url,
            settings.province_name,
            settings.feed_max_entries,
            clock,
        ),
        delivery_log=DeliveryLog(repositories.deliveries, clock),
        worker=_delivery_worker(settings, outbox, repositories, renderer, links, schedule, clock),
        renderer=renderer,
        press_packs=PressPacks(repositories.notices),
        press_room=PressRoom(
            renderer,
            PressPdf(settings.press_font, settings.press_font_bold, settings.province_name),
            settings.public_base_url,
        ),
    )


def _reminder_policy(settings: NotificationsSettings) -> ReminderPolicy:
    return ReminderPolicy(
        ZoneInfo(settings.timezone),
        settings.reminder_hour,
        settings.introduction_reminder_days,
        settings.nomination_reminder_days,
        settings.registration_reminder_days,
    )


def _delivery_worker(
    settings: NotificationsSettings,
    outbox: Outbox,
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
        Outcomes(repositories.deliveries, outbox),
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

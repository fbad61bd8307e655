"""Subscribing against in-memory ports: e-mail waits for its confirmation, a webhook is
checked and active at once, and sign-ups are limited per address."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from services.notifications.domain.deliveries import DeliveryIds
from services.notifications.domain.digests import DigestSchedule
from services.notifications.domain.subscriptions import (
    Filters,
    Frequency,
    SignupLimits,
    SubscriberKind,
    SubscriptionStatus,
)
from services.notifications.links import Links
from services.notifications.service.subscriptions import (
    NewSubscription,
    SignupRateLimitedError,
    Subscriptions,
)
from services.notifications.settings import NotificationsSettings
from shared.clock import PROVINCE_ZONE
from shared.events.notifications import NotificationChannel
from shared.events.vocabulary import Language
from tests.unit.notifications.fakes import InMemoryStores
from tests.unit.unit_of_work import FakeUnitOfWork

NOW = datetime(2026, 12, 3, 2, 0, tzinfo=UTC)


class Desk:
    def __init__(self) -> None:
        self.stores = InMemoryStores()
        self.checked: list[str] = []
        schedule = DigestSchedule(7, 0, 21, 6, PROVINCE_ZONE)

        async def check_target(url: str) -> None:
            self.checked.append(url)

        self.subscriptions = Subscriptions(
            self.stores,
            FakeUnitOfWork(),
            Links(NotificationsSettings(), lambda: NOW),
            schedule,
            lambda: NOW,
            check_target,
            SignupLimits(per_address_per_day=2, per_client_per_hour=10),
            DeliveryIds(b"k" * 32),
        )


def new(channel: NotificationChannel, address: str) -> NewSubscription:
    return NewSubscription(
        subscriber_name="Báo Quảng Ngãi",
        kind=SubscriberKind.MEDIA_PARTNER,
        channel=channel,
        address=address,
        language=Language.VI,
        filters=Filters(),
        frequency=Frequency.INSTANT,
    )


async def test_an_email_subscription_waits_for_its_confirmation_mail() -> None:
    desk = Desk()

    created, secret = await desk.subscriptions.subscribe(
        new(NotificationChannel.EMAIL, "toasoan@baoquangngai.vn")
    )

    assert created.status is SubscriptionStatus.PENDING
    assert secret is None
    [confirmation] = desk.stores.deliveries.queued.values()
    assert confirmation.source_event_type == "stx.subscription.requested"
    assert desk.checked == []


async def test_a_webhook_is_checked_and_active_at_once_with_its_secret() -> None:
    desk = Desk()
    url = "https://congthongtin.quangngai.gov.vn/hooks/stx"

    created, secret = await desk.subscriptions.subscribe(new(NotificationChannel.WEBHOOK, url))

    assert created.status is SubscriptionStatus.ACTIVE
    assert secret
    assert desk.checked == [url]
    assert desk.stores.deliveries.queued == {}


async def test_one_address_cannot_be_signed_up_again_and_again() -> None:
    desk = Desk()
    for _ in range(2):
        await desk.subscriptions.subscribe(new(NotificationChannel.EMAIL, "ban@example.vn"))

    with pytest.raises(SignupRateLimitedError):
        await desk.subscriptions.subscribe(new(NotificationChannel.EMAIL, "ban@example.vn"))
    assert len(desk.stores.subscriptions.items) == 2

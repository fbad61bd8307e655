"""Use cases of subscriptions: subscribe, confirm (double opt-in), change, unsubscribe."""

from __future__ import annotations

import secrets
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from services.notifications.domain.deliveries import Delivery, DeliveryIds, Purpose
from services.notifications.domain.digests import DigestSchedule
from services.notifications.domain.recipients import RecipientKind, subscription
from services.notifications.domain.subscriptions import (
    Filters,
    Frequency,
    SignupLimits,
    SubscriberKind,
    Subscription,
    SubscriptionStatus,
)
from services.notifications.domain.tokens import TokenPurpose
from services.notifications.links import Links
from services.notifications.service.ports import Stores, Transactions
from shared.clock import Clock
from shared.events.notifications import NotificationChannel
from shared.events.vocabulary import Language
from shared.outbox import Tx

TargetCheck = Callable[[str], Awaitable[object]]
"""Port: refuses a webhook URL the service must not call (the SSRF guard, `delivery/ssrf.py`)."""


class SubscriptionNotFoundError(LookupError):
    pass


class SignupRateLimitedError(Exception):
    """Too many e-mail subscriptions asked for one address or from one client: try later."""

    retry_after_seconds = 3600


@dataclass(frozen=True)
class NewSubscription:
    subscriber_name: str
    kind: SubscriberKind
    channel: NotificationChannel
    address: str
    language: Language
    filters: Filters
    frequency: Frequency
    owner_organization_id: str | None = None


@dataclass(frozen=True)
class Changes:
    filters: Filters | None = None
    frequency: Frequency | None = None
    language: Language | None = None
    active: bool | None = None


class Subscriptions:
    def __init__(
        self,
        repositories: Stores,
        outbox: Transactions,
        links: Links,
        schedule: DigestSchedule,
        clock: Clock,
        check_target: TargetCheck,
        signup_limits: SignupLimits,
        ids: DeliveryIds,
    ):
        self._repos = repositories
        self._outbox = outbox
        self._links = links
        self._schedule = schedule
        self._clock = clock
        self._check_target = check_target
        self._signup_limits = signup_limits
        self._ids = ids

    async def subscribe(
        self, new: NewSubscription, requested_from: str | None = None
    ) -> tuple[Subscription, str | None]:
        """E-mail: pending until confirmed (within the sign-up limits). Webhook: active at
        once, with its signing secret."""
        webhook = new.channel is NotificationChannel.WEBHOOK
        now = self._clock()
        if not webhook:
            await self._within_signup_limits(new.address, requested_from, now)
        created = Subscription(
            subscription_id=f"sub_{uuid.uuid4().hex[:16]}",
            subscriber_name=new.subscriber_name,
            kind=new.kind,
            channel=new.channel,
            address=new.address,
            language=new.language,
            filters=new.filters,
            frequency=new.frequency,
            owner_organization_id=new.owner_organization_id,
            created_at=now,
            status=SubscriptionStatus.ACTIVE if webhook else SubscriptionStatus.PENDING,
        )
        created.check()
        if webhook:
            await self._check_target(new.address)
        secret = secrets.token_urlsafe(32) if webhook else None

        async def work(tx: Tx) -> None:
            await self._repos.subscriptions.add(created, secret, tx.session, requested_from)
            if not webhook:
                await self._repos.deliveries.queue(self._confirmation(created, now), tx.session)

        await self._outbox.unit_of_work(work)
        return created, secret

    async def _within_signup_limits(
        self, address: str, requested_from: str | None, now: datetime
    ) -> None:
        repo = self._repos.subscriptions
        for_address = await repo.asked_since(now - timedelta(days=1), address=address)
        from_client = (
            0
            if requested_from is None
            else await repo.asked_since(now - timedelta(hours=1), requested_from=requested_from)
        )
        reason = self._signup_limits.refusal(for_address, from_client)
        if reason is not None:
            raise SignupRateLimitedError(reason)

    async def confirm(self, token: str) -> Subscription:
        found = await self._by_token(TokenPurpose.CONFIRM, token)
        confirmed = self._scheduled(found.confirm(self._clock()))
        await self._repos.subscriptions.save(confirmed)
        return confirmed

    async def unsubscribe(self, token: str) -> str:
        """Stops the subscription, or targeted messages to the organisation. Idempotent."""
        recipient = self._links.recipient(TokenPurpose.UNSUBSCRIBE, token)
        if recipient.kind is not RecipientKind.SUBSCRIPTION:
            await self._repos.address_book.suppress(str(recipient), self._clock())
            return str(recipient)
        found = await self.get(recipient.id)
        await self._repos.subscriptions.save(found.unsubscribe())
        return str(recipient)

    async def change(self, subscription_id: str, changes: Changes) -> Subscription:
        found = await self.get(subscription_id)
        updates = {
            name: value
            for name in ("filters", "frequency", "language")
            if (value := getattr(changes, name)) is not None
        }
        if updates.get("frequency", found.frequency) is not found.frequency:
            updates["digest_due_at"] = None  # rescheduled below for the new frequency
        changed = found.model_copy(update=updates)
        if changes.active is not None:
            changed = changed.set_active(changes.active)
        changed.check()
        changed = self._scheduled(changed)
        await self._repos.subscriptions.save(changed)
        return changed

    async def get(self, subscription_id: str) -> Subscription:
        found = await self._repos.subscriptions.get(subscription_id)
        if found is None:
            raise SubscriptionNotFoundError(subscription_id)
        return found

    async def page(
        self, status: SubscriptionStatus | None, limit: int, offset: int
    ) -> list[Subscription]:
        return await self._repos.subscriptions.page(status, limit, offset)

    async def of_organization(self, organization_id: str) -> list[Subscription]:
        """The subscriptions an organisation made while signed in, newest first."""
        return await self._repos.subscriptions.owned_by(organization_id)

    async def _by_token(self, purpose: TokenPurpose, token: str) -> Subscription:
        return await self.get(self._links.recipient(purpose, token).id)

    def _scheduled(self, found: Subscription) -> Subscription:
        """Digest subscribers keep (or get) their next digest time; others have none."""
        if not found.receives_digests:
            return found.model_copy(update={"digest_due_at": None})
        if found.digest_due_at is not None:
            return found
        due = self._schedule.next_due(found.frequency, self._clock())
        return found.model_copy(update={"digest_due_at": due})

    def _confirmation(self, created: Subscription, now: datetime) -> Delivery:
        recipient = subscription(created.subscription_id)
        source = f"confirm:{created.subscription_id}"
        return Delivery.queued(
            self._ids,
            (source, "stx.subscription.requested"),
            recipient,
            NotificationChannel.EMAIL,
            Purpose.CONFIRMATION,
            "confirm_subscription",
            {},
            now,
        )

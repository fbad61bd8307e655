"""Where a delivery goes, decided when it is sent (details that arrived late are used; a
subscription that ended in the meantime gets nothing)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from services.notifications.domain.deliveries import Purpose
from services.notifications.domain.recipients import RecipientKind, RecipientRef, organization
from services.notifications.domain.subscriptions import SubscriptionStatus
from services.notifications.repository import Repositories


@dataclass(frozen=True)
class Destination:
    subscriber_id: str
    address: str
    name: str
    language: str
    unsubscribe_as: RecipientRef
    """Who the unsubscribe link opts out: the subscription, or the organisation."""
    webhook_secret: str | None = None


@dataclass(frozen=True)
class NotYet:
    """The address (or the counterpart's details) has not arrived yet: wait for it."""

    reason: str


@dataclass(frozen=True)
class Gone:
    """Nobody wants it any more: cancel."""

    reason: str


Resolution = Destination | NotYet | Gone


class Destinations:
    def __init__(self, repositories: Repositories):
        self._subscriptions = repositories.subscriptions
        self._address_book = repositories.address_book

    async def resolve(self, recipient: RecipientRef, purpose: Purpose) -> Resolution:
        if recipient.kind is RecipientKind.SUBSCRIPTION:
            return await self._subscriber(recipient, purpose)
        organization_id = await self._organization_of(recipient)
        if organization_id is None:
            return NotYet(f"the owner of listing {recipient.id} is not known yet")
        if await self._address_book.suppressed(str(organization(organization_id))):
            return Gone("the organisation unsubscribed from these messages")
        contact = await self._address_book.contact(organization_id)
        if contact is None:
            return NotYet(f"no contact details for {organization_id} yet")
        return Destination(
            subscriber_id=organization_id,
            address=contact.email,
            name=contact.contact_name,
            language=contact.language,
            unsubscribe_as=organization(organization_id),
        )

    async def counterpart(self, recipient: RecipientRef) -> dict[str, Any] | NotYet:
        """The contact card a message reveals once both sides agreed to meet."""
        organization_id = await self._organization_of(recipient)
        contact = await self._address_book.contact(organization_id) if organization_id else None
        if contact is None:
            return NotYet(f"no contact details for the counterpart {recipient} yet")
        return {
            "name": contact.name,
            "contact_name": contact.contact_name,
            "email": contact.email,
            "phone": contact.phone,
        }

    async def name_of(self, recipient: RecipientRef) -> str | None:
        """An organisation's public name, or None while it is not known (nobody waits for it)."""
        organization_id = await self._organization_of(recipient)
        return await self._address_book.name(organization_id) if organization_id else None

    async def _organization_of(self, recipient: RecipientRef) -> str | None:
        if recipient.kind is RecipientKind.ORGANIZATION:
            return recipient.id
        return await self._address_book.owner_of(recipient.id)

    async def _subscriber(self, recipient: RecipientRef, purpose: Purpose) -> Resolution:
        subscription = await self._subscriptions.get(recipient.id)
        if subscription is None:
            return Gone("the subscription no longer exists")
        wanted = (
            SubscriptionStatus.PENDING
            if purpose is Purpose.CONFIRMATION
            else SubscriptionStatus.ACTIVE
        )
        if subscription.status is not wanted:
            return Gone(f"the subscription is {subscription.status.value}")
        return Destination(
            subscriber_id=subscription.subscription_id,
            address=subscription.address,
            name=subscription.subscriber_name,
            language=subscription.language.value,
            unsubscribe_as=recipient,
            webhook_secret=await self._subscriptions.webhook_secret(recipient.id),
        )

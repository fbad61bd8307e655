"""Kafka subscribers: decode → call one use case → done (retries, DLQ, idempotency: shared/)."""

from __future__ import annotations

from typing import Any

from services.notifications.domain.notices import NOTICE_RULES
from services.notifications.domain.reminder_rules import REMINDER_RULES
from services.notifications.domain.targeted import TARGETED
from services.notifications.service.contacts import Contacts
from services.notifications.service.intake import Intake
from services.notifications.service.outreach import Outreach
from shared.consuming import EventConsumer, Handling
from shared.events.contacts import ContactDetailsUpdated, ListingOwnerRecorded
from shared.events.organizations import (
    OrganizationRegistered,
    OrganizationUpdated,
    OrganizationVerified,
)
from shared.events.registry import model_for

_Profile = OrganizationRegistered | OrganizationUpdated | OrganizationVerified


def register_handlers(
    consumer: EventConsumer, intake: Intake, contacts: Contacts, outreach: Outreach
) -> None:
    """Every type of the notice, targeted and reminder tables goes to the intake; contacts to
    `Contacts`; an organisation's profile also to `Outreach` (messages to its kind still open)."""
    for ce_type in sorted({*NOTICE_RULES, *TARGETED, *REMINDER_RULES}):
        model = model_for(ce_type)
        assert model is not None, f"{ce_type} is in a table but not registered"
        consumer.on(model)(intake.record)

    @consumer.on(ContactDetailsUpdated)
    async def on_contact_details_updated(h: Handling[ContactDetailsUpdated]) -> None:
        await contacts.contact_changed(h.event, h.tx)

    @consumer.on(ListingOwnerRecorded)
    async def on_listing_owner_recorded(h: Handling[ListingOwnerRecorded]) -> None:
        await contacts.owner_recorded(h.event, h.tx)

    async def on_organization_profile(h: Handling[Any]) -> None:
        e: _Profile = h.event
        await contacts.profile_changed(e.organization, h.tx)
        await outreach.joined(e.organization, h.tx)

    for profile in (OrganizationRegistered, OrganizationUpdated, OrganizationVerified):
        consumer.on(profile)(on_organization_profile)

"""Use case: what the service keeps to reach organisations — their private contact (from the
internal topic), the owners of listings (also of anonymous demands) and public names and kinds.
Nothing here is ever published."""

from __future__ import annotations

from services.notifications.service.ports import AddressBookStore
from shared.events.contacts import ContactDetailsUpdated, ListingOwnerRecorded
from shared.events.organizations import OrganizationProfile
from shared.outbox import Tx


class Contacts:
    def __init__(self, address_book: AddressBookStore) -> None:
        self._book = address_book

    async def contact_changed(self, event: ContactDetailsUpdated, tx: Tx) -> None:
        await self._book.record_contact(
            event.organization_id,
            event.contact_name,
            event.email,
            event.phone,
            tx.session,
            language=event.language.value,
        )

    async def owner_recorded(self, event: ListingOwnerRecorded, tx: Tx) -> None:
        await self._book.record_owner(event.listing_id, event.owner_organization_id, tx.session)

    async def profile_changed(self, profile: OrganizationProfile, tx: Tx) -> None:
        await self._book.record_name(
            profile.organization_id, profile.name, tx.session, kind=profile.kind.value
        )

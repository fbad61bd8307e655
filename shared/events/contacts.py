"""Events on the *internal* topic `stx.internal.contacts.v1`: personal data, never public."""

from __future__ import annotations

from typing import ClassVar

from pydantic import Field

from shared.events.base import Event
from shared.events.listings import LISTING_ID_EXAMPLE
from shared.events.organizations import ORG_ID_EXAMPLE
from shared.events.registry import register
from shared.events.vocabulary import Language
from shared.topics import CONTACTS


@register
class ContactDetailsUpdated(Event):
    """The private contact of an organisation, revealed only to introduced parties."""

    ce_type: ClassVar[str] = "stx.contact.updated"
    topic: ClassVar[str] = CONTACTS
    subject_field: ClassVar[str] = "organization_id"

    organization_id: str = Field(description="The organisation.", examples=[ORG_ID_EXAMPLE])
    contact_name: str = Field(description="Contact person.", examples=["TS. Nguyễn Văn An"])
    email: str = Field(description="E-mail address.", examples=["an.nguyen@example.edu.vn"])
    phone: str | None = Field(
        default=None, description="Phone, Vietnamese format.", examples=["0905123456"]
    )
    language: Language = Field(
        default=Language.VI,
        description="Added 2026-12: the language the organisation reads its messages in.",
        examples=["vi"],
    )


@register
class ListingOwnerRecorded(Event):
    """Who owns a listing, also when the public snapshot keeps the owner anonymous."""

    ce_type: ClassVar[str] = "stx.listing_owner.recorded"
    topic: ClassVar[str] = CONTACTS
    subject_field: ClassVar[str] = "listing_id"

    listing_id: str = Field(description="The listing.", examples=[LISTING_ID_EXAMPLE])
    owner_organization_id: str = Field(description="Its owner.", examples=[ORG_ID_EXAMPLE])

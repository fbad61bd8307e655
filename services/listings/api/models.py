"""HTTP models: `…Create` / `…Update` in, `…Read` out. Every input string arrives NFC."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from services.listings.domain.listings import Listing, ListingState
from services.listings.domain.moderation import ModerationDecision, QualityScore
from services.listings.domain.organizations import Organization, OrganizationDetails
from services.listings.domain.terms import ListingTerms
from services.listings.search import SearchCriteria
from services.listings.service.queries import QueueEntry
from shared.events.base import EdgeModel
from shared.events.listings import ListingSnapshot, ReturnFeedback
from shared.events.organizations import OrganizationProfile
from shared.events.vocabulary import ListingKind, Sector

_INPUT = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)
OrganizationId = Annotated[str, Field(pattern=r"^[A-Za-z0-9_-]{3,64}$", examples=["org_kontum_ud"])]
Version = Annotated[int, Field(ge=1, description="The version you read: a newer one → 409.")]


class OrganizationCreate(OrganizationDetails, EdgeModel):
    model_config = _INPUT

    organization_id: OrganizationId | None = Field(
        default=None, description="Brokers only: the id to register (else generated)."
    )

    def details(self) -> OrganizationDetails:
        return OrganizationDetails.model_validate(self.model_dump(exclude={"organization_id"}))


class OrganizationUpdate(OrganizationDetails, EdgeModel):
    model_config = _INPUT

    version: Version

    def details(self) -> OrganizationDetails:
        return OrganizationDetails.model_validate(self.model_dump(exclude={"version"}))


class ContactRead(BaseModel):
    contact_name: str
    email: str
    phone: str | None = None
    tax_code: str | None = None


class OrganizationRead(OrganizationProfile):
    """The public profile; the organisation itself and brokers also get the contact."""

    version: int
    verified_by: str | None = None
    contact: ContactRead | None = Field(default=None, description="Owner and brokers only.")

    @classmethod
    def of(cls, org: Organization, today: date, private: bool) -> OrganizationRead:
        d = org.details
        contact = ContactRead(
            contact_name=d.contact_name, email=d.email, phone=d.phone, tax_code=d.tax_code
        )
        return cls(
            **org.profile(today).model_dump(),
            version=org.version,
            verified_by=org.verified_by,
            contact=contact if private else None,
        )


class ListingContent(ListingTerms, EdgeModel):
    """An offer or a demand; fields of the other kind must stay empty."""

    model_config = _INPUT

    def terms(self) -> ListingTerms:
        return ListingTerms.model_validate(self.model_dump(include=set(ListingTerms.model_fields)))


class ListingCreate(ListingContent):
    """A new draft (POST)."""

    on_behalf_of: OrganizationId | None = Field(
        default=None,
        description="Brokers only: the organisation whose paper dossier the broker enters; the "
        "draft is that organisation's and records the broker who entered it (never public). "
        "Anyone else → 403.",
    )


class ListingUpdate(ListingContent):
    """The whole new content (PUT), with the version it replaces."""

    version: Version


class WithdrawRequest(EdgeModel):
    model_config = _INPUT
    reason: str = Field(min_length=3, max_length=1000, examples=["Đã chuyển giao ngoài sàn."])


class RenewRequest(EdgeModel):
    model_config = _INPUT
    valid_until: date = Field(description="The new last valid day.", examples=["2027-12-31"])


class ApproveRequest(EdgeModel):
    model_config = _INPUT
    score: QualityScore


class ReturnRequest(EdgeModel):
    model_config = _INPUT
    feedback: ReturnFeedback
    score: QualityScore | None = None


class ListingPrivate(BaseModel):
    """What only the owner and brokers see."""

    owner_organization_id: str
    owner_name: str
    created_at: datetime
    submitted_at: datetime | None
    moderation: list[ModerationDecision]
    possible_duplicates: list[str]
    withdrawal_reason: str | None
    deals: list[str]
    pending_revision: ListingTerms | None = Field(
        default=None,
        description="A material edit of the published listing waiting for a broker (approve or "
        "return it like a submission); the public sees the approved version until then.",
    )
    pending_since: datetime | None = None
    entered_by: str | None = Field(
        default=None,
        description="The broker who entered it from the organisation's paper dossier; null when "
        "the organisation entered it.",
    )


class ListingRead(ListingSnapshot):
    status: ListingState = Field(  # type: ignore[assignment]
        description="Where the listing stands; `draft`, `submitted` and `returned` are seen by "
        "its owner and brokers only.",
        examples=["published"],
    )
    private: ListingPrivate | None = Field(default=None, description="Owner and brokers only.")

    @classmethod
    def of(cls, listing: Listing, private: bool) -> ListingRead:
        details = None
        if private:
            details = ListingPrivate(
                owner_organization_id=listing.owner.organization_id,
                owner_name=listing.owner.name,
                created_at=listing.created_at,
                submitted_at=listing.submitted_at,
                moderation=list(listing.moderation),
                possible_duplicates=list(listing.possible_duplicates),
                withdrawal_reason=listing.withdrawal_reason,
                deals=list(listing.deals),
                pending_revision=listing.pending.terms if listing.pending else None,
                pending_since=listing.pending.submitted_at if listing.pending else None,
                entered_by=listing.entered_by,
            )
        return cls(**listing.snapshot().model_dump(), private=details)


class ListingPage(BaseModel):
    items: list[ListingRead]
    next_cursor: str | None = Field(
        description="Pass as `cursor` for the next page; null at the end."
    )


class QueueItem(BaseModel):
    listing: ListingRead
    possible_duplicates: list[ListingRead] = Field(
        description="The owner's listings with a near-identical title."
    )

    @classmethod
    def of(cls, entry: QueueEntry) -> QueueItem:
        return cls(
            listing=ListingRead.of(entry.listing, private=True),
            possible_duplicates=[ListingRead.of(d, private=True) for d in entry.duplicates],
        )


class ImportReport(BaseModel):
    imported: int
    listing_ids: list[str]


class SearchParams(EdgeModel):
    """Query parameters of `GET /v1/listings`; unknown parameters are rejected."""

    model_config = _INPUT

    q: str | None = Field(default=None, max_length=200, description="Words; accents optional.")
    kind: ListingKind | None = None
    sector: Sector | None = None
    trl_min: int | None = Field(default=None, ge=1, le=9)
    trl_max: int | None = Field(default=None, ge=1, le=9)
    state_funded: bool | None = None
    ocop_min_stars: int | None = Field(
        default=None,
        ge=3,
        le=5,
        description="Only listings about an OCOP product rated at least this many stars.",
        examples=[4],
    )
    status: ListingState = Field(
        default=ListingState.PUBLISHED, description="Others than published: own listings only."
    )
    place: str | None = Field(
        default=None,
        pattern=r"^\d{2,5}$",
        description="GSO code of a place: today's province or commune, or a former province, "
        "district or commune (62 = former Kon Tum). A listing is found under its own unit, the "
        "units above it, and across the 2025 reform (51 finds listings registered in former "
        "Kon Tum).",
        examples=["51"],
    )
    district: str | None = Field(
        default=None,
        pattern=r"^\d{2,5}$",
        description="Deprecated alias of `place` (districts were abolished on 2025-07-01).",
        json_schema_extra={"deprecated": True},
    )
    owner: OrganizationId | None = None
    cursor: str | None = Field(default=None, max_length=500)
    limit: int = Field(default=20, ge=1, le=100)

    def criteria(self) -> SearchCriteria:
        return SearchCriteria(
            text=self.q,
            kind=self.kind,
            sector=self.sector,
            trl_min=self.trl_min,
            trl_max=self.trl_max,
            state_funded=self.state_funded,
            ocop_min_stars=self.ocop_min_stars,
            status=self.status,
            place=self.place or self.district,
            owner=self.owner,
            limit=self.limit,
            cursor=self.cursor,
        )

"""Events on `stx.listings.v1`: offers and demands, carrying the full *public* snapshot.

No e-mail or phone ever appears here, and an anonymous demand names no owner.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import ClassVar

from pydantic import BaseModel, Field

from shared.events.assets import IpRight, OcopProduct, TaskResultCertificate
from shared.events.base import Event
from shared.events.organizations import ORG_ID_EXAMPLE, AdministrativeUnit
from shared.events.registry import register
from shared.events.vocabulary import (
    IpStatus,
    ListingKind,
    ListingStatus,
    OrganizationKind,
    ReturnReason,
    RightsMode,
    Sector,
    TransferForm,
    TransferMethod,
    TransferObject,
)
from shared.topics import LISTINGS, MODERATION

LISTING_ID_EXAMPLE = "lst_01JC9X0F1B2C3D4E5F6G7H8J9K"


class ListingSnapshot(BaseModel):
    """The public view of one offer or demand at the moment of the event."""

    listing_id: str = Field(description="Stable id of the listing.", examples=[LISTING_ID_EXAMPLE])
    kind: ListingKind = Field(
        description="`offer` (supply) or `demand` (order).", examples=["offer"]
    )
    status: ListingStatus = Field(
        description="Lifecycle status after the event.", examples=["published"]
    )
    version: int = Field(
        ge=1, description="Increases with every change of the listing.", examples=[3]
    )
    title: str = Field(
        description="Title in Vietnamese (NFC).",
        examples=["Quy trình nhân giống sâm Ngọc Linh bằng nuôi cấy mô"],
    )
    title_en: str | None = Field(
        default=None, description="English title, if given.", examples=[None]
    )
    summary: str = Field(
        description="One-paragraph summary in Vietnamese.",
        examples=["Nhân giống sâm Ngọc Linh sạch bệnh, tỷ lệ sống trên 85% khi ra vườn."],
    )
    description: str = Field(
        description="Full description (offer) or the problem to solve (demand), Vietnamese.",
        examples=["Quy trình gồm 5 giai đoạn từ tạo mô sẹo đến thuần dưỡng cây con..."],
    )
    description_en: str | None = Field(
        default=None, description="English description.", examples=[None]
    )
    desired_outcome: str | None = Field(
        default=None,
        description="Demands: the outcome the enterprise expects.",
        examples=["Giảm 30% chi phí sấy, giữ hoạt chất saponin."],
    )
    sector: Sector = Field(description="Priority sector.", examples=["medicinal_herbs"])
    keywords: list[str] = Field(
        default_factory=list,
        description="Keywords in Vietnamese.",
        examples=[["sâm Ngọc Linh", "nuôi cấy mô"]],
    )
    trl: int | None = Field(
        default=None,
        ge=1,
        le=9,
        description="Offers: technology readiness level 1–9.",
        examples=[7],
    )
    min_trl: int | None = Field(
        default=None, ge=1, le=9, description="Demands: lowest acceptable TRL.", examples=[6]
    )
    transfer_objects: list[TransferObject] = Field(
        default_factory=list, description="Offers: what is transferred.", examples=[["process"]]
    )
    ip_status: IpStatus = Field(
        default=IpStatus.NONE,
        description="IP protection of the offer.",
        examples=["patent_granted"],
    )
    ip_registration_numbers: list[str] = Field(
        default_factory=list, description="Patent / certificate numbers.", examples=[["1-0023456"]]
    )
    transfer_forms: list[TransferForm] = Field(
        default_factory=list,
        description="Offered (offer) or preferred (demand) transfer forms (2017 Law, art. 5).",
        examples=[["independent_transfer", "capital_contribution"]],
    )
    rights_mode: RightsMode | None = Field(
        default=None,
        description="Offers: ownership transfer or licence.",
        examples=["non_exclusive_licence"],
    )
    price_vnd: int | None = Field(
        default=None,
        ge=0,
        description="Offers: asking price in VND; null when negotiable.",
        examples=[850_000_000],
    )
    price_negotiable: bool = Field(
        default=False, description="Offers: price is negotiable.", examples=[False]
    )
    budget_min_vnd: int | None = Field(
        default=None, ge=0, description="Demands: lowest budget, VND.", examples=[300_000_000]
    )
    budget_max_vnd: int | None = Field(
        default=None, ge=0, description="Demands: highest budget, VND.", examples=[1_000_000_000]
    )
    state_funded: bool = Field(
        default=False, description="A result of a state-funded S&T task.", examples=[True]
    )
    funding_task_code: str | None = Field(
        default=None, description="Code of the state-funded task.", examples=["ĐTKHCN.KT.08/2022"]
    )
    related_products: list[str] = Field(
        default_factory=list,
        description="Related key or OCOP products.",
        examples=[["Sâm Ngọc Linh (OCOP 5 sao)"]],
    )
    ip_rights: list[IpRight] = Field(
        default_factory=list,
        description="Added 2026-12: each IP right behind an offer, with its status and number "
        "(`ip_status` stays as a one-word summary).",
    )
    transfer_methods: list[TransferMethod] = Field(
        default_factory=list,
        description="Added 2026-12: how the technology is handed over (2017 Law, art. 6); "
        "offered (offer) or wanted (demand).",
        examples=[["documents", "training"]],
    )
    ocop_products: list[OcopProduct] = Field(
        default_factory=list,
        description="Added 2026-12: OCOP-rated products the listing concerns, structured "
        "(`related_products` stays free text).",
    )
    task_result_certificate: TaskResultCertificate | None = Field(
        default=None,
        description="Added 2026-12: state-funded offers: the registration certificate of the "
        "task's result, if issued (then a domestic transfer needs no contract registration).",
    )
    location: AdministrativeUnit | None = Field(
        default=None, description="Where the technology is offered / needed."
    )
    valid_until: date | None = Field(
        default=None, description="Last day the listing is valid.", examples=["2027-06-30"]
    )
    deadline: date | None = Field(
        default=None, description="Demands: wanted by this day.", examples=["2027-03-31"]
    )
    attachments: list[str] = Field(
        default_factory=list,
        description="Links to public documents.",
        examples=[["https://example.gov.vn/tailieu.pdf"]],
    )
    anonymous: bool = Field(
        default=False,
        description="Demands: the enterprise stays anonymous to the public.",
        examples=[False],
    )
    owner_organization_id: str | None = Field(
        default=None,
        description="Owner organisation; null for an anonymous demand.",
        examples=[ORG_ID_EXAMPLE],
    )
    owner_name: str | None = Field(
        default=None,
        description="Owner's public name; null for an anonymous demand.",
        examples=["Viện Dược liệu"],
    )
    owner_kind: OrganizationKind = Field(
        description="Kind of the owner organisation.", examples=["research_institute"]
    )
    published_at: datetime | None = Field(
        default=None, description="First publication (UTC).", examples=["2026-11-20T02:30:00Z"]
    )
    updated_at: datetime = Field(
        description="Last change (UTC).", examples=["2026-11-26T08:15:00Z"]
    )


class ListingEvent(Event):
    topic: ClassVar[str] = LISTINGS
    subject_field: ClassVar[str] = "listing_id"

    listing_id: str = Field(description="The listing's id.", examples=[LISTING_ID_EXAMPLE])
    listing: ListingSnapshot = Field(description="Public snapshot after the change.")


@register
class ListingSubmitted(ListingEvent):
    """The owner submitted the listing for moderation (internal: unmoderated content)."""

    ce_type: ClassVar[str] = "stx.listing.submitted"
    topic: ClassVar[str] = MODERATION


@register
class ListingPublished(ListingEvent):
    """A broker approved the listing; it is visible and matchable."""

    ce_type: ClassVar[str] = "stx.listing.published"


@register
class ListingUpdated(ListingEvent):
    """A published listing changed; matches should be re-scored."""

    ce_type: ClassVar[str] = "stx.listing.updated"


class ReturnFeedback(BaseModel):
    reasons: list[ReturnReason] = Field(
        min_length=1, description="Reason codes.", examples=[["incomplete"]]
    )
    comment: str = Field(
        default="", description="The broker's comment.", examples=["Bổ sung số liệu thử nghiệm."]
    )


@register
class ListingReturned(ListingEvent):
    """A broker returned the listing to its owner with feedback (internal: the content was not
    approved and the comment is the broker's word to the owner)."""

    ce_type: ClassVar[str] = "stx.listing.returned"
    topic: ClassVar[str] = MODERATION

    feedback: ReturnFeedback = Field(description="Structured feedback.")


@register
class ListingWithdrawn(ListingEvent):
    """The owner withdrew the listing; open matches are retracted."""

    ce_type: ClassVar[str] = "stx.listing.withdrawn"

    reason: str = Field(description="Why it was withdrawn.", examples=["Đã chuyển giao ngoài sàn."])


@register
class ListingExpired(ListingEvent):
    """The listing's validity passed."""

    ce_type: ClassVar[str] = "stx.listing.expired"


@register
class ListingRenewed(ListingEvent):
    """An expired listing was renewed with a new validity date."""

    ce_type: ClassVar[str] = "stx.listing.renewed"


@register
class ListingFulfilled(ListingEvent):
    """A deal was closed for the listing."""

    ce_type: ClassVar[str] = "stx.listing.fulfilled"

    introduction_id: str = Field(
        description="The introduction that closed the deal.", examples=["itr_01JCA0"]
    )

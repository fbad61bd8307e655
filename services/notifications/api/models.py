"""Request and response bodies of the HTTP API."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from pydantic import BaseModel, EmailStr, Field, model_validator

from services.notifications.domain.deliveries import Delivery, DeliveryStatus, Purpose
from services.notifications.domain.notices import NoticeKind
from services.notifications.domain.subscriptions import (
    Filters,
    Frequency,
    SubscriberKind,
    Subscription,
    SubscriptionStatus,
)
from services.notifications.service.subscriptions import Changes, NewSubscription
from shared.events.base import EdgeModel
from shared.events.notifications import NotificationChannel, NotificationFailure
from shared.events.vocabulary import Language, Sector

Text = Annotated[str, Field(min_length=1, max_length=200)]


class FiltersIn(EdgeModel):
    event_types: list[Text] = Field(
        default_factory=list,
        max_length=20,
        description="Notice types; empty = all.",
        examples=[["stx.listing.published"]],
    )
    kinds: list[NoticeKind] = Field(
        default_factory=list,
        description="Added 2026-12: kinds of news, as the feeds' `?kind=` (an offer and a demand "
        "are both `stx.listing.published`); empty = all.",
        max_length=10,
        examples=[["demand", "event"]],
    )
    sectors: list[Sector] = Field(default_factory=list, examples=[["medicinal_herbs"]])
    districts: list[Annotated[str, Field(pattern=r"^[0-9]{1,5}$")]] = Field(
        default_factory=list,
        max_length=50,
        description="Place codes (GSO), any of them: today's province or commune, or a former "
        "province, district or commune (62 = former Kon Tum); a listing matches its own unit, "
        "the units above it and across the 2025 reform.",
        examples=[["51"]],
    )
    keywords: list[Annotated[str, Field(min_length=2, max_length=100)]] = Field(
        default_factory=list,
        max_length=20,
        description="Any of them, diacritics and case ignored.",
        examples=[["sâm Ngọc Linh"]],
    )
    ocop_min_stars: int | None = Field(
        default=None,
        ge=3,
        le=5,
        description="Only listings about an OCOP product rated at least this many stars.",
        examples=[4],
    )

    def to_domain(self) -> Filters:
        return Filters(
            event_types=tuple(self.event_types),
            kinds=tuple(dict.fromkeys(self.kinds)),
            sectors=tuple(self.sectors),
            districts=tuple(self.districts),
            keywords=tuple(self.keywords),
            ocop_min_stars=self.ocop_min_stars,
        )


class SubscriptionCreate(EdgeModel):
    subscriber_name: Text = Field(examples=["Báo Quảng Ngãi"])
    kind: SubscriberKind = Field(default=SubscriberKind.PERSON, examples=["media_partner"])
    channel: NotificationChannel = Field(examples=["email"])
    email: EmailStr | None = Field(
        default=None, description="For `email`.", examples=["toasoan@baoquangngai.vn"]
    )
    webhook_url: str | None = Field(
        default=None,
        max_length=2000,
        description="For `webhook`: a public https URL.",
        examples=["https://congthongtin.quangngai.gov.vn/hooks/stx"],
    )
    language: Language = Language.VI
    filters: FiltersIn = Field(default_factory=FiltersIn)
    frequency: Frequency = Frequency.INSTANT

    @model_validator(mode="after")
    def _address_of_channel(self) -> SubscriptionCreate:
        wanted = "email" if self.channel is NotificationChannel.EMAIL else "webhook_url"
        other = "webhook_url" if wanted == "email" else "email"
        if getattr(self, wanted) is None or getattr(self, other) is not None:
            raise ValueError(f"channel {self.channel.value} needs `{wanted}` (and no `{other}`)")
        return self

    def to_new(self, owner_organization_id: str | None = None) -> NewSubscription:
        address = str(self.email) if self.email else str(self.webhook_url)
        return NewSubscription(
            owner_organization_id=owner_organization_id,
            subscriber_name=self.subscriber_name,
            kind=self.kind,
            channel=self.channel,
            address=address,
            language=self.language,
            filters=self.filters.to_domain(),
            frequency=self.frequency,
        )


class SubscriptionUpdate(EdgeModel):
    filters: FiltersIn | None = None
    frequency: Frequency | None = None
    language: Language | None = None
    active: bool | None = Field(default=None, description="false pauses, true resumes.")

    def to_changes(self) -> Changes:
        filters = self.filters.to_domain() if self.filters else None
        return Changes(
            filters=filters, frequency=self.frequency, language=self.language, active=self.active
        )


class SubscriptionRead(BaseModel):
    subscription_id: str
    subscriber_name: str
    kind: SubscriberKind
    channel: NotificationChannel
    address: str
    language: Language
    filters: dict[str, Any]
    frequency: Frequency
    status: SubscriptionStatus
    created_at: datetime
    confirmed_at: datetime | None
    digest_due_at: datetime | None

    @classmethod
    def of(cls, subscription: Subscription) -> SubscriptionRead:
        return cls.model_validate(subscription.model_dump())


class SubscriptionCreated(BaseModel):
    subscription_id: str
    status: SubscriptionStatus
    webhook_secret: str | None = Field(
        default=None, description="Webhooks only, shown once: verify `X-STX-Signature` with it."
    )


class DeliveryRead(BaseModel):
    delivery_id: str
    subscriber_id: str
    recipient: str
    channel: NotificationChannel
    purpose: Purpose
    source_event_id: str
    source_event_type: str
    status: DeliveryStatus
    attempts: int
    next_attempt_at: datetime
    last_error: str | None
    failure: NotificationFailure | None
    created_at: datetime
    sent_at: datetime | None

    @classmethod
    def of(cls, delivery: Delivery) -> DeliveryRead:
        return cls.model_validate(delivery.model_dump(exclude={"context", "counterpart", "named"}))

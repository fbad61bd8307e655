"""Subscriptions (đăng ký nhận tin): who wants which public notices, how and how often."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from services.notifications.domain.notices import NOTICE_RULES, Notice, NoticeKind
from shared.events.notifications import NotificationChannel
from shared.events.vocabulary import Language, Sector
from shared.text import folded_syllables


class Frequency(StrEnum):
    INSTANT = "instant"
    DAILY = "daily"
    WEEKLY = "weekly"


class SubscriptionStatus(StrEnum):
    PENDING = "pending_confirmation"
    ACTIVE = "active"
    PAUSED = "paused"
    UNSUBSCRIBED = "unsubscribed"


class SubscriberKind(StrEnum):
    ORGANIZATION = "organization"
    PERSON = "person"
    MEDIA_PARTNER = "media_partner"
    """Đài PT-TH, báo tỉnh, cổng thông tin điện tử."""
    AGENCY = "agency"
    ASSOCIATION = "association"


@dataclass(frozen=True)
class SignupLimits:
    """How many e-mail subscriptions one address, and one client, may ask for: each request
    mails a confirmation link, so without a limit anyone could make the service mail-bomb an
    address, or flood it from one machine."""

    per_address_per_day: int
    per_client_per_hour: int

    def refusal(self, for_address_today: int, from_client_this_hour: int) -> str | None:
        """Why this request is refused (None: it may go ahead), given the earlier ones."""
        if for_address_today >= self.per_address_per_day:
            return f"this address asked for {for_address_today} subscriptions today"
        if from_client_this_hour >= self.per_client_per_hour:
            return f"{from_client_this_hour} subscriptions were asked from here this hour"
        return None


class SubscriptionRuleError(ValueError):
    """A subscription that breaks a rule; `field` names what to fix."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field


class Filters(BaseModel):
    """Every non-empty criterion must hold; within one criterion any value may match."""

    model_config = ConfigDict(frozen=True)

    event_types: tuple[str, ...] = ()
    kinds: tuple[NoticeKind, ...] = ()
    """Added 2026-12: kinds of news (offer, demand, deal, event, award, indicators), the words
    of the feeds' `?kind=`: an offer and a demand are one event type, two kinds."""
    sectors: tuple[Sector, ...] = ()
    districts: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    ocop_min_stars: int | None = Field(default=None, ge=3, le=5)
    """Only listings about an OCOP product rated at least this many stars."""

    def check(self) -> None:
        unknown = sorted(set(self.event_types) - set(NOTICE_RULES))
        if unknown:
            known = ", ".join(sorted(NOTICE_RULES))
            raise SubscriptionRuleError(
                "filters.event_types", f"unknown event type(s) {unknown}; subscribable: {known}"
            )
        if any(not folded_syllables(keyword) for keyword in self.keywords):
            raise SubscriptionRuleError("filters.keywords", "a keyword needs letters or digits")

    def admits(self, notice: Notice) -> bool:
        return (
            (not self.event_types or notice.event_type in self.event_types)
            and (not self.kinds or notice.kind in self.kinds)
            and (not self.sectors or notice.sector in self.sectors)
            and (not self.districts or bool(set(self.districts) & set(notice.district_codes)))
            and (not self.keywords or self._any_keyword_in(notice.folded_words()))
            and (self.ocop_min_stars is None or notice.ocop_stars >= self.ocop_min_stars)
        )

    def _any_keyword_in(self, words: list[str]) -> bool:
        """Diacritic- and case-insensitive whole syllables: `sam ngoc linh` ~ `Sâm Ngọc Linh`."""
        return any(_contains(words, folded_syllables(keyword)) for keyword in self.keywords)


def _contains(words: list[str], phrase: list[str]) -> bool:
    size = len(phrase)
    return any(words[i : i + size] == phrase for i in range(len(words) - size + 1))


class Subscription(BaseModel):
    model_config = ConfigDict(frozen=True)

    subscription_id: str
    subscriber_name: str
    kind: SubscriberKind
    channel: NotificationChannel
    address: str = Field(description="E-mail address or webhook URL.")
    language: Language = Language.VI
    filters: Filters = Filters()
    frequency: Frequency = Frequency.INSTANT
    status: SubscriptionStatus
    created_at: datetime
    confirmed_at: datetime | None = None
    digest_due_at: datetime | None = None
    owner_organization_id: str | None = None
    """The organisation that subscribed while signed in: it may see and change this one."""

    def check(self) -> None:
        self.filters.check()
        if self.channel is NotificationChannel.WEBHOOK and self.frequency is not Frequency.INSTANT:
            raise SubscriptionRuleError(
                "frequency", "webhooks receive each event as it happens: use `instant`"
            )

    def wants_now(self, notice: Notice) -> bool:
        return (
            self.status is SubscriptionStatus.ACTIVE
            and self.frequency is Frequency.INSTANT
            and self.filters.admits(notice)
        )

    def confirm(self, now: datetime) -> Subscription:
        if self.status is not SubscriptionStatus.PENDING:
            return self  # a second click on the link changes nothing
        return self.model_copy(update={"status": SubscriptionStatus.ACTIVE, "confirmed_at": now})

    def set_active(self, active: bool) -> Subscription:
        if self.status not in (SubscriptionStatus.ACTIVE, SubscriptionStatus.PAUSED):
            raise SubscriptionRuleError(
                "status", f"a subscription in status {self.status} cannot be paused or resumed"
            )
        status = SubscriptionStatus.ACTIVE if active else SubscriptionStatus.PAUSED
        return self.model_copy(update={"status": status})

    def unsubscribe(self) -> Subscription:
        return self.model_copy(update={"status": SubscriptionStatus.UNSUBSCRIBED})

    @property
    def receives_digests(self) -> bool:
        return self.status is SubscriptionStatus.ACTIVE and self.frequency is not Frequency.INSTANT

"""A public notice: the facts of a public event that subscribers, digests and feeds show. It
holds only what the public event already says."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from shared.events.base import Event
from shared.events.vocabulary import Sector
from shared.text import folded_syllables


class NoticeKind(StrEnum):
    OFFER = "offer"
    """Công nghệ chào bán."""
    DEMAND = "demand"
    """Nhu cầu công nghệ ("đặt hàng")."""
    DEAL = "deal"
    """Giao dịch thành công."""
    EVENT = "event"
    """Added 2026-12: a techmart or B2B session announced, cancelled or closed."""
    AWARD = "award"
    """Added 2026-12: an award programme opened for nominations, or a laureate announced."""
    INDICATORS = "indicators"
    """Added 2026-12: the market's indicators published for a period."""


LISTING_KINDS = (NoticeKind.OFFER, NoticeKind.DEMAND)
"""Notices about a listing: its title is the listing's public title."""


class Notice(BaseModel):
    model_config = ConfigDict(frozen=True)

    event_id: str
    event_type: str
    kind: NoticeKind
    occurred_at: datetime
    subject_id: str
    title: str
    summary: str = ""
    sector: Sector | None = None
    district_codes: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    ocop_stars: int = 0
    """The best OCOP rating among the listing's products (0: none)."""
    owner_name: str | None = None
    value_vnd: int | None = None
    listing_ids: tuple[str, ...] = ()
    page: str | None = None
    """The portal's page of what is not a listing (`/su-kien/…`, `/ton-vinh/…`, `/chi-so?…`)."""
    facts: dict[str, str | int | float] = Field(default_factory=dict)
    """Added 2026-12: the event's figures and facts a press pack reads, under the event's own
    field names (`participants`, `contract_value_vnd`, `programme_id`, …); moments and dates as
    ISO 8601 text. Notices stored before have none (and no press pack)."""
    sector_facts: dict[str, dict[str, int]] = Field(default_factory=dict)
    """Added 2026-12: an indicators notice's figures per sector (`medicinal_herbs` → counts)."""

    def folded_words(self) -> list[str]:
        """Title, summary and keywords, folded syllable by syllable (for keyword filters)."""
        return folded_syllables(" ".join((self.title, self.summary, *self.keywords)))

    def context(self) -> dict[str, Any]:
        """The template facts of this notice (JSON-safe)."""
        return self.model_dump(mode="json")


NoticeRule = Callable[[Event, str, datetime], Notice]

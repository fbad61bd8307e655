"""A listing as a page shows it, built from the listings API's public JSON.

The API already hides what the public may not see (an anonymous demand names no owner); the
view never adds an owner back, and says in words that the demand is anonymous.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from services.portal.domain import formatting, labels
from services.portal.domain.i18n import translate

ANONYMOUS_OWNER = "Bên đặt hàng ẩn danh"


@dataclass(frozen=True)
class ListingView:
    listing_id: str
    kind: str
    kind_label: str
    title: str
    title_en: str
    """The owner's own English title, when it gave one (nothing here is machine-translated)."""
    summary: str
    description_heading: str
    description: str
    description_en: str
    desired_outcome: str
    sector_label: str
    readiness: str
    owner_label: str
    owner: str
    owner_url: str
    """The owner's profile page; empty for an anonymous demand."""
    owner_kind: str
    place: str
    money: str
    money_label: str
    keywords: tuple[str, ...]
    ocop: tuple[str, ...]
    state_funded: bool
    published_on: str
    valid_until: str
    deadline: str

    @property
    def url(self) -> str:
        return f"/listings/{self.listing_id}"

    def title_in(self, lang: str) -> str:
        return self.title_en if lang == "en" and self.title_en else self.title

    def description_in(self, lang: str) -> str:
        return self.description_en if lang == "en" and self.description_en else self.description

    def owner_in(self, lang: str) -> str:
        """The owner's name as it wrote it; only the words for an anonymous demand are ours."""
        return translate(lang, self.owner) if self.owner == ANONYMOUS_OWNER else self.owner


def listing_view(raw: Mapping[str, Any]) -> ListingView:
    kind = str(raw.get("kind", ""))
    is_offer = kind == "offer"
    owner = raw.get("owner_name") or (ANONYMOUS_OWNER if raw.get("anonymous") else "")
    money = (
        formatting.vnd(raw.get("price_vnd"))
        if is_offer
        else formatting.vnd_range(raw.get("budget_min_vnd"), raw.get("budget_max_vnd"))
    )
    if is_offer and raw.get("price_negotiable"):
        money = f"{money} (thỏa thuận)" if money else "Thỏa thuận"
    return ListingView(
        listing_id=str(raw["listing_id"]),
        kind=kind,
        kind_label=labels.label(labels.KINDS, kind),
        title=str(raw.get("title", "")),
        title_en=str(raw.get("title_en") or ""),
        summary=str(raw.get("summary", "")),
        description_heading="Mô tả công nghệ" if is_offer else "Vấn đề cần giải quyết",
        description=str(raw.get("description", "")),
        description_en=str(raw.get("description_en") or ""),
        desired_outcome=str(raw.get("desired_outcome") or ""),
        sector_label=labels.label(labels.SECTORS, raw.get("sector")),
        readiness=(
            formatting.readiness(raw.get("trl"))
            if is_offer
            else formatting.readiness(raw.get("min_trl"), at_least=True)
        ),
        owner_label="Bên chào bán" if is_offer else "Bên đặt hàng",
        owner=str(owner),
        owner_url=_profile_url(raw.get("owner_organization_id")),
        owner_kind=(
            ""
            if raw.get("anonymous")
            else labels.label(labels.ORGANIZATION_KINDS, raw.get("owner_kind"))
        ),
        place=_place(raw.get("location")),
        money=money,
        money_label="Giá chuyển giao" if is_offer else "Kinh phí dự kiến",
        keywords=tuple(str(k) for k in raw.get("keywords") or ()),
        ocop=tuple(f"{p['name']} (OCOP {p['stars']} sao)" for p in raw.get("ocop_products") or ()),
        state_funded=bool(raw.get("state_funded")),
        published_on=formatting.local_day(_instant(raw.get("published_at"))),
        valid_until=formatting.day(_day(raw.get("valid_until"))),
        deadline=formatting.day(_day(raw.get("deadline"))),
    )


def listing_views(items: Sequence[Mapping[str, Any]]) -> list[ListingView]:
    return [listing_view(item) for item in items]


def _profile_url(organization_id: str | None) -> str:
    return f"/don-vi/{organization_id}" if organization_id else ""


def _organization_kind(kind: str | None) -> str:
    return labels.label(labels.ORGANIZATION_KINDS, kind)


def _place(location: Mapping[str, Any] | None) -> str:
    return "" if not location else str(location.get("name", ""))


def _instant(value: str | None) -> datetime | None:
    return None if not value else datetime.fromisoformat(value)


def _day(value: str | None) -> date | None:
    return None if not value else date.fromisoformat(value)

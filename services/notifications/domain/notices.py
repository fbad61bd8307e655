"""Public notices: the facts of a public event that subscribers, digests and feeds show.

A notice holds only what the public event already says. Which event types become notices is
one table (`NOTICE_RULES`); subscription filters may only name its keys.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Final

from services.notifications.domain.market_notices import MARKET_NOTICE_RULES
from services.notifications.domain.notice import LISTING_KINDS, Notice, NoticeKind, NoticeRule
from shared import places
from shared.events.base import Event
from shared.events.connections import IntroductionDealClosed
from shared.events.listings import ListingPublished
from shared.events.organizations import AdministrativeUnit

__all__ = ["LISTING_KINDS", "NOTICE_RULES", "Notice", "NoticeKind", "notice_of"]


def _unit_codes(unit: AdministrativeUnit | None) -> tuple[str, ...]:
    """Every code a place filter should find the unit under: its own, the units above it, and
    across the 2025 reform (a filter on Quảng Ngãi 51 matches a former Kon Tum listing)."""
    if unit is None:
        return ()
    try:
        return tuple(sorted(places.area_codes(places.version_of(unit))))
    except places.UnknownUnitError:  # a code the snapshot does not know: as it is
        return tuple(code for code in (unit.code, unit.successor_code) if code)


def _listing_published(event: Event, event_id: str, at: datetime) -> Notice:
    assert isinstance(event, ListingPublished)
    listing = event.listing
    return Notice(
        event_id=event_id,
        event_type=event.ce_type,
        kind=NoticeKind(listing.kind.value),
        occurred_at=at,
        subject_id=listing.listing_id,
        title=listing.title,
        summary=listing.summary,
        sector=listing.sector,
        district_codes=_unit_codes(listing.location),
        keywords=tuple(listing.keywords),
        ocop_stars=max((product.stars for product in listing.ocop_products), default=0),
        owner_name=None if listing.anonymous else listing.owner_name,
        listing_ids=(listing.listing_id,),
    )


def _deal_closed(event: Event, event_id: str, at: datetime) -> Notice:
    assert isinstance(event, IntroductionDealClosed)
    return Notice(
        event_id=event_id,
        event_type=event.ce_type,
        kind=NoticeKind.DEAL,
        occurred_at=at,
        subject_id=event.introduction_id,
        title="",
        sector=event.parties.sector,
        value_vnd=event.value_vnd,
        listing_ids=(event.parties.offer_id, event.parties.demand_id),
    )


NOTICE_RULES: Final[Mapping[str, NoticeRule]] = {
    ListingPublished.ce_type: _listing_published,
    IntroductionDealClosed.ce_type: _deal_closed,
    **MARKET_NOTICE_RULES,
}
"""`ce_type` → how its public notice is made. Adding an event type here makes it subscribable,
part of the digests and of the public feeds."""


def notice_of(event: Event, event_id: str, at: datetime) -> Notice | None:
    rule = NOTICE_RULES.get(event.ce_type)
    return rule(event, event_id, at) if rule else None

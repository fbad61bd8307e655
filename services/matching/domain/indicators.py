"""Market indicators (Decision 1158/QĐ-TTg style) of one period, from matching's own facts.

A listing counts in its own sector and district; a pair (proposal, answer, introduction,
contract) counts in the demand's, since the demand is where the technology goes into use.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, fields
from datetime import date

from pydantic import BaseModel, ConfigDict

from services.matching.domain.periods import Period
from services.matching.domain.small_cells import (
    MIN_CONTRIBUTORS,
    OTHER_CODE,
    small_cells_merged,
)
from shared.events.indicators import DistrictFigures, Granularity, MarketFigures, SectorFigures
from shared.events.vocabulary import ListingKind, Sector


@dataclass(frozen=True, order=True)
class Place:
    """Today's commune (or a former district, for older addresses); `UNKNOWN_PLACE` when none
    was given."""

    code: str
    name: str
    level: str = ""


UNKNOWN_PLACE = Place("", "Chưa xác định")
OTHER_PLACES = Place(OTHER_CODE, "Các địa bàn khác (gộp để không lộ một tổ chức)")


@dataclass(frozen=True)
class ListingFact:
    listing_id: str
    kind: ListingKind
    sector: Sector
    place: Place
    published_on: date | None
    state_funded: bool
    owner: str | None = None
    """Its organisation (also of an anonymous demand): only counted, never published."""


@dataclass(frozen=True)
class MatchFact:
    offer_id: str
    demand_id: str
    proposed_on: date
    answers: tuple[tuple[date, bool], ...] = ()
    """(day, interested) of each answer given."""


@dataclass(frozen=True)
class IntroductionFact:
    offer_id: str
    demand_id: str
    sector: Sector
    opened_on: date
    mou_on: date | None = None
    contract_on: date | None = None
    contract_value_vnd: int = 0
    ip_asset: bool = False
    academic_supplier: bool = False
    state_funded: bool = False


class IndicatorReport(BaseModel):
    model_config = ConfigDict(frozen=True)

    period: str
    granularity: Granularity
    period_start: date
    period_end: date
    totals: MarketFigures
    by_sector: list[SectorFigures]
    by_district: list[DistrictFigures]


@dataclass
class _Tally:
    offers: int = 0
    demands: int = 0
    proposals: int = 0
    answers: int = 0
    interested: int = 0
    introductions: int = 0
    mous: int = 0
    contracts: int = 0
    contract_value: int = 0
    ip_contracts: int = 0
    academic_contracts: int = 0
    state_funded_offers: int = 0
    state_funded_transferred: int = 0
    days_to_first_proposal: list[int] = field(default_factory=list)
    days_to_contract: list[int] = field(default_factory=list)

    def figures(self) -> MarketFigures:
        return MarketFigures(
            offers_published=self.offers,
            demands_published=self.demands,
            proposals=self.proposals,
            answers=self.answers,
            interested_answers=self.interested,
            interest_rate=_share(self.interested, self.answers),
            introductions=self.introductions,
            mous=self.mous,
            contracts=self.contracts,
            contract_value_vnd=self.contract_value,
            ip_asset_contract_share=_share(self.ip_contracts, self.contracts),
            academic_supplier_contract_share=_share(self.academic_contracts, self.contracts),
            state_funded_offers=self.state_funded_offers,
            state_funded_transferred=self.state_funded_transferred,
            state_funded_transferred_share=_share(
                self.state_funded_transferred, self.state_funded_offers
            ),
            median_days_to_first_proposal=_median(self.days_to_first_proposal),
            median_days_to_contract=_median(self.days_to_contract),
        )


def _merge(tallies: list[_Tally]) -> _Tally:
    """One tally of several: counts added, day lists joined."""
    merged = _Tally()
    for tally in tallies:
        for name in (f.name for f in fields(_Tally)):
            setattr(merged, name, getattr(merged, name) + getattr(tally, name))
    return merged


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def _median(days: Sequence[int]) -> float | None:
    return float(statistics.median(days)) if days else None


class _Slices:
    """The whole market, and one tally per sector and per district."""

    def __init__(self, listings: Iterable[ListingFact]) -> None:
        self.listings = {fact.listing_id: fact for fact in listings}
        self.total = _Tally()
        self.sectors: dict[Sector, _Tally] = {}
        self.places: dict[Place, _Tally] = {}
        self.contributors: dict[Place, set[str]] = {}
        """Organisations behind each district's figures (for small-cell suppression)."""

    def of(self, sector: Sector, place: Place, *listing_ids: str) -> tuple[_Tally, ...]:
        """The tallies a fact counts in; `listing_ids` are the listings it rests on."""
        owners = self.contributors.setdefault(place, set())
        owners.update(o for i in listing_ids if (o := self._owner(i)) is not None)
        by_sector = self.sectors.setdefault(sector, _Tally())
        return self.total, by_sector, self.places.setdefault(place, _Tally())

    def of_pair(self, offer_id: str, demand_id: str, sector: Sector) -> tuple[_Tally, ...]:
        demand = self.listings.get(demand_id)
        place = demand.place if demand else UNKNOWN_PLACE
        return self.of(sector, place, offer_id, demand_id)

    def _owner(self, listing_id: str) -> str | None:
        listing = self.listings.get(listing_id)
        return listing.owner if listing else None

    def published_on(self, listing_id: str) -> date | None:
        listing = self.listings.get(listing_id)
        return listing.published_on if listing else None


def market_report(
    period: Period,
    listings: Sequence[ListingFact],
    matches: Sequence[MatchFact],
    introductions: Sequence[IntroductionFact],
    min_contributors: int = MIN_CONTRIBUTORS,
) -> IndicatorReport:
    """The period's figures; districts resting on fewer than `min_contributors` organisations
    are merged into one `other` row (see `small_cells`)."""
    slices = _Slices(listings)
    _count_listings(period, slices, _first_proposals(matches))
    _count_matches(period, slices, matches)
    _count_introductions(period, slices, introductions)
    _count_state_funded(period, slices, introductions)
    return IndicatorReport(
        period=period.label,
        granularity=period.granularity,
        period_start=period.first_day,
        period_end=period.last_day,
        totals=slices.total.figures(),
        by_sector=[
            SectorFigures(sector=sector, figures=slices.sectors[sector].figures())
            for sector in Sector
            if sector in slices.sectors
        ],
        by_district=[
            DistrictFigures(
                district_code=p.code, district_name=p.name, place_level=p.level, figures=t.figures()
            )
            for p, t in small_cells_merged(
                slices.places, slices.contributors, _merge, OTHER_PLACES, min_contributors
            )
        ],
    )


def _first_proposals(matches: Sequence[MatchFact]) -> dict[str, date]:
    first: dict[str, date] = {}
    for match in matches:
        for listing_id in (match.offer_id, match.demand_id):
            known = first.get(listing_id)
            first[listing_id] = (
                match.proposed_on if known is None else min(known, match.proposed_on)
            )
    return first


def _count_listings(period: Period, slices: _Slices, first: dict[str, date]) -> None:
    for listing in slices.listings.values():
        if listing.published_on is None or not period.contains(listing.published_on):
            continue
        proposed_on = first.get(listing.listing_id)
        for tally in slices.of(listing.sector, listing.place, listing.listing_id):
            if listing.kind == ListingKind.OFFER:
                tally.offers += 1
            else:
                tally.demands += 1
            if proposed_on is not None:
                tally.days_to_first_proposal.append(
                    max(0, (proposed_on - listing.published_on).days)
                )


def _count_matches(period: Period, slices: _Slices, matches: Sequence[MatchFact]) -> None:
    for match in matches:
        demand = slices.listings.get(match.demand_id)
        sector = demand.sector if demand else Sector.OTHER
        answers = [interested for day, interested in match.answers if period.contains(day)]
        proposed = period.contains(match.proposed_on)
        if not (proposed or answers):
            continue
        for tally in slices.of_pair(match.offer_id, match.demand_id, sector):
            tally.proposals += int(proposed)
            tally.answers += len(answers)
            tally.interested += sum(answers)


def _count_introductions(
    period: Period, slices: _Slices, introductions: Sequence[IntroductionFact]
) -> None:
    for intro in introductions:
        opened, mou = period.contains(intro.opened_on), period.contains(intro.mou_on)
        contract = period.contains(intro.contract_on)
        if not (opened or mou or contract):
            continue
        for tally in slices.of_pair(intro.offer_id, intro.demand_id, intro.sector):
            tally.introductions += int(opened)
            tally.mous += int(mou)
            if contract:
                _count_contract(tally, intro, slices)


def _count_contract(tally: _Tally, intro: IntroductionFact, slices: _Slices) -> None:
    tally.contracts += 1
    tally.contract_value += intro.contract_value_vnd
    tally.ip_contracts += int(intro.ip_asset)
    tally.academic_contracts += int(intro.academic_supplier)
    published = [slices.published_on(intro.offer_id), slices.published_on(intro.demand_id)]
    known = [day for day in published if day is not None]
    if known and intro.contract_on is not None:
        tally.days_to_contract.append(max(0, (intro.contract_on - max(known)).days))


def _count_state_funded(
    period: Period, slices: _Slices, introductions: Sequence[IntroductionFact]
) -> None:
    """Results of state-funded tasks on offer by the period's end, and those under contract."""
    end = period.last_day
    transferred = {
        i.offer_id for i in introductions if i.contract_on is not None and i.contract_on <= end
    }
    for listing in slices.listings.values():
        funded_offer = listing.kind == ListingKind.OFFER and listing.state_funded
        if not funded_offer or listing.published_on is None or listing.published_on > end:
            continue
        for tally in slices.of(listing.sector, listing.place, listing.listing_id):
            tally.state_funded_offers += 1
            tally.state_funded_transferred += int(listing.listing_id in transferred)

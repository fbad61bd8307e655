"""Market indicators (Decision 1158/QĐ-TTg) of one period, from matching's own facts.

A listing counts in its own sector and place; a pair (proposal, answer, introduction,
contract) counts in the demand's, since the demand is where the technology goes into use. A
contract declared by a broker counts where the broker placed it. Every breakdown row rests on
at least `MIN_CONTRIBUTORS` organisations (see `small_cells`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Generic, TypeVar

from pydantic import BaseModel, ConfigDict

from services.matching.domain.market_facts import (
    UNKNOWN_PLACE,
    DeclaredContractFact,
    IntermediaryFact,
    IntroductionFact,
    ListingFact,
    MatchFact,
    Place,
    Province,
)
from services.matching.domain.periods import Period
from services.matching.domain.small_cells import (
    MIN_CONTRIBUTORS,
    OTHER_CODE,
    Ordered,
    small_cells_merged,
)
from services.matching.domain.tally import Tally, merged
from shared.events.indicators import (
    DistrictFigures,
    Granularity,
    MarketFigures,
    ProvinceFigures,
    SectorFigures,
)
from shared.events.vocabulary import ListingKind, Sector

OTHER_PLACES = Place(OTHER_CODE, "Các địa bàn khác (gộp để không lộ một tổ chức)")
OTHER_PROVINCES = Province(OTHER_CODE, "Các tỉnh khác (gộp để không lộ một tổ chức)")


@dataclass(frozen=True)
class MarketFacts:
    listings: Sequence[ListingFact]
    matches: Sequence[MatchFact]
    introductions: Sequence[IntroductionFact]
    declared: Sequence[DeclaredContractFact] = ()
    intermediaries: Sequence[IntermediaryFact] = ()


class IndicatorReport(BaseModel):
    model_config = ConfigDict(frozen=True)

    period: str
    granularity: Granularity
    period_start: date
    period_end: date
    totals: MarketFigures
    by_sector: list[SectorFigures]
    by_district: list[DistrictFigures]
    by_province: list[ProvinceFigures]
    intermediary_organizations: int


K = TypeVar("K", bound=Ordered)


class _Cells(Generic[K]):
    """The tallies of one breakdown, and the organisations behind each."""

    def __init__(self) -> None:
        self.tallies: dict[K, Tally] = {}
        self.contributors: dict[K, set[str]] = {}

    def at(self, key: K, owners: Iterable[str]) -> Tally:
        self.contributors.setdefault(key, set()).update(owners)
        return self.tallies.setdefault(key, Tally())


class _Slices:
    """The whole market, and one tally per sector, place, today's and former province."""

    def __init__(self, listings: Iterable[ListingFact]) -> None:
        self.listings = {fact.listing_id: fact for fact in listings}
        self.total = Tally()
        self.sectors = _Cells[Sector]()
        self.places = _Cells[Place]()
        self.provinces = _Cells[Province]()
        self.former_provinces = _Cells[Province]()

    def of(self, sector: Sector, place: Place, owners: Iterable[str]) -> tuple[Tally, ...]:
        """The tallies a fact counts in; `owners` are the organisations it rests on."""
        behind = set(owners)
        return (
            self.total,
            self.sectors.at(sector, behind),
            self.places.at(place, behind),
            self.provinces.at(place.province, behind),
            self.former_provinces.at(place.former_province, behind),
        )

    def of_listings(self, sector: Sector, place: Place, *listing_ids: str) -> tuple[Tally, ...]:
        owners = (o for i in listing_ids if (o := self._owner(i)) is not None)
        return self.of(sector, place, owners)

    def of_pair(self, offer_id: str, demand_id: str, sector: Sector) -> tuple[Tally, ...]:
        demand = self.listings.get(demand_id)
        place = demand.place if demand else UNKNOWN_PLACE
        return self.of_listings(sector, place, offer_id, demand_id)

    def _owner(self, listing_id: str) -> str | None:
        listing = self.listings.get(listing_id)
        return listing.owner if listing else None

    def published_on(self, listing_id: str) -> date | None:
        listing = self.listings.get(listing_id)
        return listing.published_on if listing else None


def market_report(
    period: Period, facts: MarketFacts, min_contributors: int = MIN_CONTRIBUTORS
) -> IndicatorReport:
    """The period's figures, each slice beside the same slice a year before (for growth)."""
    now, before = _slices(period, facts), _slices(period.year_before(), facts)

    def cells(
        mine: _Cells[K], theirs: _Cells[K], residual: K, pinned: frozenset[K] = frozenset()
    ) -> list[tuple[K, MarketFigures]]:
        """Small cells merged; each row's growth against the same key a year before."""
        rows = small_cells_merged(
            mine.tallies, mine.contributors, merged, residual, min_contributors, pinned
        )
        return [(key, tally.figures(theirs.tallies.get(key))) for key, tally in rows]

    provinces = [
        ProvinceFigures(province_code=p.code, province_name=p.name, view=view, figures=f)
        for view, mine, theirs in (
            ("current", now.provinces, before.provinces),
            ("former", now.former_provinces, before.former_provinces),
        )
        for p, f in cells(mine, theirs, OTHER_PROVINCES)
    ]
    return IndicatorReport(
        period=period.label,
        granularity=period.granularity,
        period_start=period.first_day,
        period_end=period.last_day,
        totals=now.total.figures(before.total),
        by_sector=[
            SectorFigures(sector=sector, figures=f)
            for sector, f in cells(
                now.sectors, before.sectors, Sector.OTHER, frozenset({Sector.OTHER})
            )
        ],
        by_district=[
            DistrictFigures(
                district_code=p.code, district_name=p.name, place_level=p.level, figures=f
            )
            for p, f in cells(now.places, before.places, OTHER_PLACES)
        ],
        by_province=provinces,
        intermediary_organizations=sum(
            1 for i in facts.intermediaries if i.registered_on <= period.last_day
        ),
    )


def _slices(period: Period, facts: MarketFacts) -> _Slices:
    slices = _Slices(facts.listings)
    _count_listings(period, slices, _first_proposals(facts.matches))
    _count_matches(period, slices, facts.matches)
    _count_introductions(period, slices, facts.introductions)
    _count_declared(period, slices, facts.declared)
    _count_state_funded(period, slices, facts.introductions)
    return slices


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
        for tally in slices.of_listings(listing.sector, listing.place, listing.listing_id):
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


def _count_contract(tally: Tally, intro: IntroductionFact, slices: _Slices) -> None:
    assert intro.contract is not None
    tally.count_contract(intro.contract)
    published = [slices.published_on(intro.offer_id), slices.published_on(intro.demand_id)]
    known = [day for day in published if day is not None]
    if known:
        tally.days_to_contract.append(max(0, (intro.contract.signed_on - max(known)).days))


def _count_declared(
    period: Period, slices: _Slices, declared: Sequence[DeclaredContractFact]
) -> None:
    for contract in declared:
        if period.contains(contract.terms.signed_on):
            for tally in slices.of(contract.sector, contract.place, contract.parties):
                tally.count_contract(contract.terms, declared=True)


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
        for tally in slices.of_listings(listing.sector, listing.place, listing.listing_id):
            tally.state_funded_offers += 1
            tally.state_funded_transferred += int(listing.listing_id in transferred)

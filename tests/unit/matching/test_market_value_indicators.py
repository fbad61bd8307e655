"""Value-weighted indicators, year-on-year growth, declared contracts, intermediaries and the
province breakdown (today's and former), on a fixture computed by hand."""

from __future__ import annotations

from datetime import date

from services.matching.domain.facts import place_of_units
from services.matching.domain.indicators import IndicatorReport, MarketFacts, market_report
from services.matching.domain.market_facts import (
    ContractTerms,
    DeclaredContractFact,
    IntermediaryFact,
    IntroductionFact,
    ListingFact,
)
from services.matching.domain.periods import Period
from shared import places
from shared.events.vocabulary import ListingKind, Sector, TransferDirection

TU_MO_RONG = place_of_units(places.public(places.find("23425")))  # former Kon Tum
CAM_THANH = place_of_units(places.public(places.find("21025")))  # former Quảng Ngãi
HERBS, INDUSTRY, OTHER = Sector.MEDICINAL_HERBS, Sector.INDUSTRIAL_PRODUCTION, Sector.OTHER
YEAR = Period.parse("2026")


def listing(listing_id: str, kind: ListingKind, owner: str, **changes: object) -> ListingFact:
    data: dict[str, object] = {
        "listing_id": listing_id,
        "kind": kind,
        "sector": HERBS,
        "place": TU_MO_RONG,
        "published_on": date(2026, 1, 10),
        "state_funded": False,
        "owner": owner,
    } | changes
    return ListingFact(**data)  # type: ignore[arg-type]


def declared(sector: Sector, value: int, signed_on: date, *parties: str) -> DeclaredContractFact:
    terms = ContractTerms(signed_on, value, academic_supplier=True)
    return DeclaredContractFact(sector, TU_MO_RONG, terms, frozenset(parties))


FACTS = MarketFacts(
    listings=[
        listing("o_a", ListingKind.OFFER, "org_vien", state_funded=True),
        listing("d_a", ListingKind.DEMAND, "org_htx"),
        listing("o_b", ListingKind.OFFER, "org_foreign", sector=INDUSTRY),
        listing("d_b", ListingKind.DEMAND, "org_nhamay", sector=INDUSTRY, place=CAM_THANH),
    ],
    matches=[],
    introductions=[
        # A: 400 M, an IP asset from an institute, a state-funded result, at home.
        IntroductionFact(
            "o_a",
            "d_a",
            HERBS,
            opened_on=date(2026, 2, 1),
            contract=ContractTerms(date(2026, 3, 1), 400_000_000, True, True, True),
            state_funded=True,
        ),
        # B: 100 M of technology brought into Vietnam.
        IntroductionFact(
            "o_b",
            "d_b",
            INDUSTRY,
            opened_on=date(2026, 2, 1),
            contract=ContractTerms(
                date(2026, 4, 1), 100_000_000, direction=TransferDirection.INTO_VIETNAM
            ),
        ),
    ],
    declared=[
        declared(HERBS, 500_000_000, date(2026, 5, 1), "decl:vien b", "decl:htx c"),  # C
        declared(OTHER, 0, date(2026, 6, 1), "decl:p", "decl:q"),  # F
        declared(HERBS, 800_000_000, date(2025, 5, 1), "decl:vien b", "decl:htx c"),  # D
    ],
    intermediaries=[
        IntermediaryFact("org_san_giao_dich", date(2026, 3, 1)),
        IntermediaryFact("org_dinh_gia", date(2027, 1, 5)),
    ],
)


def report(minimum: int = 0) -> IndicatorReport:
    return market_report(YEAR, FACTS, minimum)


def test_declared_contracts_count_in_the_totals_and_on_their_own() -> None:
    totals = report().totals

    assert (totals.contracts, totals.contract_value_vnd) == (4, 1_000_000_000)
    assert (totals.declared_contracts, totals.declared_contract_value_vnd) == (2, 500_000_000)


def test_shares_are_weighted_by_contract_value() -> None:
    totals = report().totals

    assert totals.ip_asset_value_share == 0.4  # A
    assert totals.academic_domestic_value_share == 0.9  # A + C
    assert totals.state_funded_value_share == 0.4  # A
    assert totals.imported_value_share == 0.1  # B
    assert totals.ip_asset_contract_share == 0.25  # by count: 1 of 4


def test_growth_compares_with_the_same_period_a_year_before() -> None:
    assert report().totals.contract_value_growth == 0.25  # 1,000 M against D's 800 M
    assert market_report(Period.parse("2025"), FACTS, 0).totals.contract_value_growth is None


def test_intermediaries_registered_by_the_periods_end_are_counted() -> None:
    assert report().intermediary_organizations == 1
    assert market_report(Period.parse("2027"), FACTS, 0).intermediary_organizations == 2


def test_provinces_are_reported_as_today_and_as_before_the_merger() -> None:
    rows = {(p.view, p.province_name): p.figures for p in report().by_province}

    assert set(rows) == {("current", "Quảng Ngãi"), ("former", "Kon Tum"), ("former", "Quảng Ngãi")}
    assert rows["current", "Quảng Ngãi"].contract_value_vnd == 1_000_000_000
    kon_tum = rows["former", "Kon Tum"]
    assert (kon_tum.contracts, kon_tum.contract_value_vnd) == (3, 900_000_000)  # A, C, F
    assert kon_tum.contract_value_growth == 0.125  # against D
    assert rows["former", "Quảng Ngãi"].imported_value_share == 1.0  # B alone


def test_a_sector_resting_on_too_few_organisations_joins_other() -> None:
    sectors = {s.sector: s.figures for s in report(minimum=3).by_sector}

    # Industry rests on two organisations (B's parties): it joins `other` (F's two parties).
    assert set(sectors) == {HERBS, OTHER}
    assert sectors[OTHER].contracts == 2
    assert sectors[OTHER].imported_value_share == 1.0
    assert sectors[HERBS].contract_value_vnd == 900_000_000

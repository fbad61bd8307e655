"""Market indicators of a period, per sector and district (Decision 1158/QĐ-TTg style)."""

from __future__ import annotations

from datetime import date

from services.matching.domain.indicators import IndicatorReport, MarketFacts, market_report
from services.matching.domain.market_facts import (
    UNKNOWN_PLACE,
    ContractTerms,
    IntroductionFact,
    ListingFact,
    MatchFact,
    Place,
)
from services.matching.domain.periods import Period
from shared.events.vocabulary import ListingKind, Sector

DAK_GLEI = Place("610", "Huyện Đăk Glei")
KON_TUM_CITY = Place("608", "Thành phố Kon Tum")
Q4 = Period.parse("2026-Q4")
HERBS, FARMING = Sector.MEDICINAL_HERBS, Sector.HIGH_TECH_AGRICULTURE


def listing(
    listing_id: str, kind: ListingKind, published_on: date, **changes: object
) -> ListingFact:
    data: dict[str, object] = {
        "listing_id": listing_id,
        "kind": kind,
        "sector": HERBS,
        "place": KON_TUM_CITY if kind == ListingKind.OFFER else DAK_GLEI,
        "published_on": published_on,
        "state_funded": False,
    } | changes
    return ListingFact(**data)  # type: ignore[arg-type]


LISTINGS = [
    listing("o_sam", ListingKind.OFFER, date(2026, 10, 1), state_funded=True),
    listing("o_nam", ListingKind.OFFER, date(2026, 9, 20), state_funded=True),
    listing("d_htx", ListingKind.DEMAND, date(2026, 10, 5)),
    listing("d_ca_phe", ListingKind.DEMAND, date(2026, 11, 2), sector=FARMING, place=UNKNOWN_PLACE),
]
MATCHES = [
    MatchFact(
        "o_sam", "d_htx", date(2026, 10, 5), ((date(2026, 10, 6), True), (date(2026, 10, 8), True))
    ),
    MatchFact("o_nam", "d_htx", date(2026, 10, 5), ((date(2026, 10, 7), False),)),
    MatchFact("o_nam", "d_ca_phe", date(2026, 11, 3)),
]
INTRODUCTIONS = [
    IntroductionFact(
        "o_sam",
        "d_htx",
        HERBS,
        opened_on=date(2026, 10, 8),
        mou_on=date(2026, 10, 20),
        contract=ContractTerms(
            signed_on=date(2026, 12, 4),
            value_vnd=450_000_000,
            ip_asset=True,
            academic_supplier=True,
            state_funded=True,
        ),
        state_funded=True,
    ),
]
FACTS = MarketFacts(LISTINGS, MATCHES, INTRODUCTIONS)


def report_of(period: Period, min_contributors: int = 3) -> IndicatorReport:
    return market_report(period, FACTS, min_contributors)


def test_the_quarter_counts_publications_proposals_answers_and_deals() -> None:
    totals = report_of(Q4).totals

    assert (totals.offers_published, totals.demands_published) == (1, 2)
    assert (totals.proposals, totals.answers, totals.interested_answers) == (3, 3, 2)
    assert totals.interest_rate == 0.6667
    assert (totals.introductions, totals.mous, totals.contracts) == (1, 1, 1)
    assert totals.contract_value_vnd == 450_000_000
    assert totals.ip_asset_contract_share == 1.0
    assert totals.academic_supplier_contract_share == 1.0


def test_half_of_the_state_funded_results_on_offer_were_transferred() -> None:
    totals = report_of(Q4).totals

    assert (totals.state_funded_offers, totals.state_funded_transferred) == (2, 1)
    assert totals.state_funded_transferred_share == 0.5


def test_a_result_not_yet_under_contract_at_the_periods_end_is_not_transferred() -> None:
    october = report_of(Period.parse("2026-10")).totals

    assert october.state_funded_transferred == 0
    assert october.contracts == 0
    assert october.ip_asset_contract_share is None  # no contract: no share, not 0 %


def test_median_days_run_from_publication_to_first_proposal_and_to_contract() -> None:
    totals = report_of(Q4).totals

    # o_sam 4 days, d_htx 0 days, d_ca_phe 1 day; o_nam was published in Q3.
    assert totals.median_days_to_first_proposal == 1.0
    # From the later publication of the pair (5 October) to the contract (4 December).
    assert totals.median_days_to_contract == 60.0


def test_pairs_count_in_the_demands_sector_and_district() -> None:
    report = report_of(Q4, min_contributors=0)
    sectors = {s.sector: s.figures for s in report.by_sector}
    districts = {d.district_name: d.figures for d in report.by_district}

    assert [s.sector for s in report.by_sector] == [FARMING, HERBS]
    assert (sectors[HERBS].proposals, sectors[FARMING].proposals) == (2, 1)
    assert districts["Huyện Đăk Glei"].contracts == 1
    assert districts["Thành phố Kon Tum"].offers_published == 1
    assert districts["Chưa xác định"].demands_published == 1


def test_a_quiet_period_reports_zeros_and_no_shares() -> None:
    report = report_of(Period.parse("2025-Q1"))

    assert report.totals.proposals == 0
    assert report.totals.interest_rate is None
    assert report.totals.median_days_to_contract is None
    assert report.by_sector == []


def test_districts_resting_on_too_few_organisations_are_merged_not_published() -> None:
    shown = report_of(Q4, min_contributors=0)
    merged = report_of(Q4, min_contributors=99)

    assert len(shown.by_district) > 1
    [other] = merged.by_district
    assert (other.district_code, other.figures.contracts) == ("other", shown.totals.contracts)
    assert other.figures.offers_published == shown.totals.offers_published

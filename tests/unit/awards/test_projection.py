"""Other services' events become dated activity facts, one per side of each market fact."""

from __future__ import annotations

from datetime import UTC, date, datetime

from services.awards.domain.activity import FactKind, Side, summarise
from services.awards.projection import (
    introduction,
    listing_published,
    match_accepted,
    meeting_attended,
)
from shared.clock import local_day
from shared.events.connection_events import MeetingOutcomeRecorded
from shared.events.connections import IntroductionParties
from shared.events.listings import ListingPublished, ListingSnapshot
from shared.events.matches import MatchAccepted
from shared.events.vocabulary import ListingKind, ListingStatus, OrganizationKind, Sector

LATE_EVENING_UTC = datetime(2026, 6, 30, 18, 30, tzinfo=UTC)  # already 1 July in Quảng Ngãi

PARTIES = IntroductionParties(
    offer_id="lst_offer_say_lanh",
    demand_id="lst_demand_htx",
    sector=Sector.MEDICINAL_HERBS,
    supplier_organization_id="org_vien_duoc_lieu",
    supplier_kind=OrganizationKind.RESEARCH_INSTITUTE,
    seeker_organization_id=None,
    state_funded=True,
    ip_asset=False,
)


def anonymous_demand() -> ListingPublished:
    snapshot = ListingSnapshot(
        listing_id="lst_demand_htx",
        kind=ListingKind.DEMAND,
        status=ListingStatus.PUBLISHED,
        version=1,
        title="Cần công nghệ sấy lạnh dược liệu giữ hoạt chất",
        summary="Hợp tác xã cần quy trình sấy lạnh cho sâm dây.",
        description="Sấy bằng lò củi làm mất hoạt chất.",
        sector=Sector.MEDICINAL_HERBS,
        anonymous=True,
        owner_kind=OrganizationKind.COOPERATIVE,
        updated_at=LATE_EVENING_UTC,
    )
    return ListingPublished(listing_id="lst_demand_htx", listing=snapshot)


def test_dates_are_days_in_asia_ho_chi_minh() -> None:
    assert local_day(LATE_EVENING_UTC) == date(2026, 7, 1)


def test_an_anonymous_demand_is_a_fact_waiting_for_its_owner() -> None:
    [fact] = listing_published(anonymous_demand(), LATE_EVENING_UTC)

    assert (fact.kind, fact.side, fact.organization_id) == (
        FactKind.DEMAND_PUBLISHED,
        Side.OWNER,
        None,
    )
    assert fact.listing_id == "lst_demand_htx"


def test_an_accepted_match_is_evidence_for_both_sides() -> None:
    event = MatchAccepted(
        match_id="mch_1",
        offer_id="lst_offer_say_lanh",
        demand_id="lst_demand_htx",
        offer_owner_organization_id="org_vien_duoc_lieu",
    )

    supplier, seeker = match_accepted(event, LATE_EVENING_UTC)

    assert (supplier.side, supplier.organization_id) == (Side.SUPPLIER, "org_vien_duoc_lieu")
    assert (seeker.side, seeker.organization_id, seeker.listing_id) == (
        Side.SEEKER,
        None,
        "lst_demand_htx",
    )
    assert supplier.fact_id != seeker.fact_id


def test_a_contract_carries_its_value_and_state_funding_to_both_sides() -> None:
    facts = introduction(
        FactKind.CONTRACT_SIGNED, "itr_1", PARTIES, date(2026, 8, 1), 1_200_000_000
    )

    assert {(f.side, f.value_vnd, f.state_funded) for f in facts} == {
        (Side.SUPPLIER, 1_200_000_000, True),
        (Side.SEEKER, 1_200_000_000, True),
    }
    assert {f.fact_id for f in facts} == {
        "contract_signed:itr_1:supplier",
        "contract_signed:itr_1:seeker",
    }


def _outcome(meeting_id: str, organization_id: str, outcome: str) -> MeetingOutcomeRecorded:
    return MeetingOutcomeRecorded(
        meeting_id=meeting_id,
        event_id="cev_techmart_kon_tum_2026",
        seeker_organization_id="org_htx_sam",
        supplier_organization_id="org_vien_duoc_lieu",
        organization_id=organization_id,
        outcome=outcome,
        recorded_by_broker=False,
    )


def test_a_techmart_counts_once_for_each_side_that_was_there() -> None:
    facts = [
        *meeting_attended(_outcome("mtg_1", "org_htx_sam", "held"), LATE_EVENING_UTC),
        *meeting_attended(_outcome("mtg_2", "org_htx_sam", "no_show"), LATE_EVENING_UTC),
        *meeting_attended(_outcome("mtg_1", "org_vien_duoc_lieu", "held"), LATE_EVENING_UTC),
    ]
    by_id = {fact.fact_id: fact for fact in facts}  # how the store keeps them

    htx = [f for f in by_id.values() if f.organization_id == "org_htx_sam"]
    evidence = summarise(htx, date(2026, 1, 1), date(2026, 12, 31))
    assert evidence.connection_events_attended == 1
    assert len(by_id) == 2
    assert htx[0].on == date(2026, 7, 1)

"""Targeted messages: who is told what, from the table."""

from __future__ import annotations

from services.notifications.domain.recipients import listing_owner, organization
from services.notifications.domain.targeted import TARGETED
from shared.events.connections import IntroductionOpened, IntroductionParties
from shared.events.listings import ListingReturned, ReturnFeedback
from tests.unit.notifications.samples import match_accepted, match_proposed, snapshot


def test_a_match_proposal_reaches_both_owners_without_contacts() -> None:
    parties = TARGETED["stx.match.proposed"].parties(match_proposed("org_htx_dak_ha"))
    assert [(p.recipient, p.role, p.counterpart) for p in parties] == [
        (organization("org_vien_duoc_lieu"), "offer", None),
        (organization("org_htx_dak_ha"), "demand", None),
    ]


def test_an_anonymous_demands_owner_is_reached_through_the_private_owner_record() -> None:
    parties = TARGETED["stx.match.proposed"].parties(match_proposed(demand_owner=None))
    assert parties[1].recipient == listing_owner("lst_htx_dak_ha")


def test_an_accepted_match_gives_each_side_the_others_contact() -> None:
    offer, demand = TARGETED["stx.match.accepted"].parties(match_accepted("org_htx_dak_ha"))
    assert offer.counterpart == demand.recipient
    assert demand.counterpart == offer.recipient


def test_a_returned_listing_tells_its_owner_the_brokers_feedback() -> None:
    listing = snapshot(status="returned")
    event = ListingReturned(
        listing_id=listing.listing_id,
        listing=listing,
        feedback=ReturnFeedback(reasons=["incomplete"], comment="Bổ sung số liệu thử nghiệm."),
    )
    message = TARGETED[event.ce_type]
    assert [p.recipient for p in message.parties(event)] == [organization("org_vien_duoc_lieu")]
    assert message.facts(event)["comment"] == "Bổ sung số liệu thử nghiệm."


def introduction(match_id: str | None) -> IntroductionOpened:
    parties = IntroductionParties(
        match_id=match_id,
        offer_id="lst_sam_ngoc_linh",
        demand_id="lst_htx_dak_ha",
        sector="medicinal_herbs",
        supplier_organization_id="org_vien_duoc_lieu",
        supplier_kind="research_institute",
        seeker_organization_id="org_htx_dak_ha",
        state_funded=True,
        ip_asset=False,
    )
    return IntroductionOpened(introduction_id="itr_1", parties=parties)


def test_a_brokers_direct_introduction_shares_contacts() -> None:
    parties = TARGETED["stx.introduction.opened"].parties(introduction(match_id=None))
    assert {p.recipient.id for p in parties} == {"org_vien_duoc_lieu", "org_htx_dak_ha"}


def test_an_introduction_after_a_match_is_not_announced_twice() -> None:
    assert TARGETED["stx.introduction.opened"].parties(introduction("mat_sam_say_lanh")) == []

"""The facts indicators are computed from, read off matching's own records."""

from __future__ import annotations

from datetime import tzinfo

from services.matching.domain.indicators import (
    UNKNOWN_PLACE,
    IntroductionFact,
    ListingFact,
    MatchFact,
    Place,
)
from services.matching.domain.introductions import Introduction
from services.matching.domain.matches import Match
from services.matching.domain.periods import local_day
from services.matching.domain.steps import SignMou
from shared import places
from shared.events.listings import ListingSnapshot
from shared.events.organizations import AdministrativeUnit
from shared.events.vocabulary import ListingKind, OrganizationKind

ACADEMIC = frozenset({OrganizationKind.UNIVERSITY, OrganizationKind.RESEARCH_INSTITUTE})


def place_of(listing: ListingSnapshot, owner_place: AdministrativeUnit | None) -> Place:
    """Today's commune of the listing if it names one, else its owner's; a former district
    (an address registered before 1 July 2025) as it was, since it cannot be split."""
    for unit in (listing.location, owner_place):
        if unit is None or unit.level == "province":
            continue
        try:
            heirs = places.current_communes(places.version_of(unit))
        except places.UnknownUnitError:
            heirs = ()
        if unit.level == "commune" and heirs:
            return Place(heirs[0].code, heirs[0].name, "commune")
        return Place(unit.code, unit.name, unit.level)
    return UNKNOWN_PLACE


def listing_fact(
    listing: ListingSnapshot, place: Place, zone: tzinfo, owner: str | None = None
) -> ListingFact:
    published = listing.published_at
    return ListingFact(
        listing_id=listing.listing_id,
        owner=owner,
        kind=listing.kind,
        sector=listing.sector,
        place=place,
        published_on=None if published is None else local_day(published, zone),
        state_funded=listing.state_funded,
    )


def match_fact(match: Match, zone: tzinfo) -> MatchFact:
    answers = [match.answer_of(side) for side in ListingKind]
    return MatchFact(
        offer_id=match.offer_id,
        demand_id=match.demand_id,
        proposed_on=local_day(match.proposed_at, zone),
        answers=tuple(
            (local_day(given.answered_at, zone), given.interested)
            for given in answers
            if given is not None
        ),
    )


def introduction_fact(introduction: Introduction, zone: tzinfo) -> IntroductionFact:
    parties, contract = introduction.parties, introduction.contract
    mous = [m.step.signed_on for m in introduction.history if isinstance(m.step, SignMou)]
    return IntroductionFact(
        offer_id=parties.offer_id,
        demand_id=parties.demand_id,
        sector=parties.sector,
        opened_on=local_day(introduction.opened_at, zone),
        mou_on=min(mous, default=None),
        contract_on=None if contract is None else contract.signed_on,
        contract_value_vnd=0 if contract is None else contract.value_vnd,
        ip_asset=parties.ip_asset,
        academic_supplier=parties.supplier_kind in ACADEMIC,
        state_funded=parties.state_funded,
    )

"""The facts indicators are computed from, read off matching's own records."""

from __future__ import annotations

from datetime import datetime, tzinfo

from services.matching.domain.declared_contracts import DeclaredContract
from services.matching.domain.introductions import Introduction
from services.matching.domain.market_facts import (
    UNKNOWN_PLACE,
    UNKNOWN_PROVINCE,
    ContractTerms,
    DeclaredContractFact,
    IntermediaryFact,
    IntroductionFact,
    ListingFact,
    MatchFact,
    Place,
    Province,
)
from services.matching.domain.matches import Match
from services.matching.domain.steps import SignMou
from shared import places
from shared.clock import local_day
from shared.events.listings import ListingSnapshot
from shared.events.organizations import AdministrativeUnit
from shared.events.vocabulary import ListingKind, OrganizationKind

ACADEMIC = frozenset({OrganizationKind.UNIVERSITY, OrganizationKind.RESEARCH_INSTITUTE})


def _province(unit: places.Unit | None) -> Province:
    return UNKNOWN_PROVINCE if unit is None else Province(unit.code, unit.name)


def _provinces(unit: places.Unit) -> dict[str, Province]:
    return {
        "province": _province(places.current_province(unit)),
        "former_province": _province(places.former_province(unit)),
    }


def place_of(listing: ListingSnapshot, owner_place: AdministrativeUnit | None) -> Place:
    """Today's commune of the listing if it names one, else its owner's; a former district
    (an address registered before 1 July 2025) as it was, since it cannot be split. A listing
    placed only in a province counts in that province, at no commune."""
    return place_of_units(listing.location, owner_place)


def place_of_units(*candidates: AdministrativeUnit | None) -> Place:
    """The first candidate finer than a province, as above; else the first province."""
    province: places.Unit | None = None
    for unit in candidates:
        if unit is None:
            continue
        try:
            known: places.Unit | None = places.version_of(unit)
        except places.UnknownUnitError:
            known = None
        if unit.level == "province":
            province = province or known
            continue
        if known is None:
            return Place(unit.code, unit.name, unit.level)
        heirs = places.current_communes(known)
        if unit.level == "commune" and heirs:
            return Place(heirs[0].code, heirs[0].name, "commune", **_provinces(heirs[0]))
        return Place(unit.code, unit.name, unit.level, **_provinces(known))
    if province is None:
        return UNKNOWN_PLACE
    return Place(UNKNOWN_PLACE.code, UNKNOWN_PLACE.name, "", **_provinces(province))


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
    terms = None
    if contract is not None:
        terms = ContractTerms(
            signed_on=contract.signed_on,
            value_vnd=contract.value_vnd,
            ip_asset=parties.ip_asset,
            academic_supplier=parties.supplier_kind in ACADEMIC,
            state_funded=parties.state_funded,
            direction=contract.direction,
        )
    return IntroductionFact(
        offer_id=parties.offer_id,
        demand_id=parties.demand_id,
        sector=parties.sector,
        opened_on=local_day(introduction.opened_at, zone),
        mou_on=min(mous, default=None),
        contract=terms,
        state_funded=parties.state_funded,
    )


def declared_fact(declared: DeclaredContract) -> DeclaredContractFact:
    c = declared.contract
    return DeclaredContractFact(
        sector=c.sector,
        place=place_of_units(declared.place),
        terms=ContractTerms(
            signed_on=c.signed_on,
            value_vnd=c.value_vnd,
            ip_asset=c.ip_asset,
            academic_supplier=c.supplier_kind in ACADEMIC,
            state_funded=c.state_funded,
            direction=c.direction,
        ),
        parties=frozenset(declared.party_keys()),
    )


def intermediary_fact(
    organization_id: str, registered_at: datetime, zone: tzinfo
) -> IntermediaryFact:
    return IntermediaryFact(organization_id, local_day(registered_at, zone))

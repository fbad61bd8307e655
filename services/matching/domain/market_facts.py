"""The facts market indicators are computed from: plain values, no records, no I/O."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from shared.events.vocabulary import ListingKind, Sector, TransferDirection


@dataclass(frozen=True, order=True)
class Province:
    code: str
    name: str


UNKNOWN_PROVINCE = Province("", "Chưa xác định")


@dataclass(frozen=True, order=True)
class Place:
    """Today's commune (or a former district, for older addresses); `UNKNOWN_PLACE` when none
    was given. `province` governs it today; `former_province` is the province it lay in before
    1 July 2025 (the former-province view)."""

    code: str
    name: str
    level: str = ""
    province: Province = UNKNOWN_PROVINCE
    former_province: Province = UNKNOWN_PROVINCE


UNKNOWN_PLACE = Place("", "Chưa xác định")


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
class ContractTerms:
    """What a signed transfer contract weighs in the value-weighted indicators."""

    signed_on: date
    value_vnd: int
    ip_asset: bool = False
    academic_supplier: bool = False
    state_funded: bool = False
    direction: TransferDirection = TransferDirection.DOMESTIC


@dataclass(frozen=True)
class IntroductionFact:
    offer_id: str
    demand_id: str
    sector: Sector
    opened_on: date
    mou_on: date | None = None
    contract: ContractTerms | None = None
    state_funded: bool = False

    @property
    def contract_on(self) -> date | None:
        return None if self.contract is None else self.contract.signed_on


@dataclass(frozen=True)
class DeclaredContractFact:
    """A transfer contract made outside the platform, declared by a broker."""

    sector: Sector
    place: Place
    terms: ContractTerms
    parties: frozenset[str]
    """Who signed it (for small-cell suppression only, never published)."""


@dataclass(frozen=True)
class IntermediaryFact:
    """A verified intermediary organisation and the day it registered."""

    organization_id: str
    registered_on: date

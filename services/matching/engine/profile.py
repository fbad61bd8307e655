"""What the engine keeps of an indexed listing: structured fields and term ids, no text."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeVar, cast

from services.matching.engine import features
from services.matching.engine.terms import IdArray
from shared.events.listings import ListingSnapshot
from shared.events.organizations import AdministrativeUnit
from shared.events.vocabulary import ListingKind, Sector, TransferForm


@dataclass(frozen=True, slots=True)
class ListingProfile:
    listing_id: str
    kind: ListingKind
    version: int
    owner_organization_id: str | None
    sector: Sector
    trl: int | None
    min_trl: int | None
    price_vnd: int | None
    price_negotiable: bool
    budget_max_vnd: int | None
    transfer_forms: frozenset[TransferForm]
    location: AdministrativeUnit | None
    state_funded: bool
    diacritic_free: bool
    term_ids: IdArray


_T = TypeVar("_T")
_SHARED: dict[object, object] = {}
"""One instance per distinct location or set of forms: 100k listings share a few dozen."""


def _shared(key: object, value: _T) -> _T:
    return cast(_T, _SHARED.setdefault(key, value))


def _location(unit: AdministrativeUnit | None) -> AdministrativeUnit | None:
    if unit is None:
        return None
    fields = (unit.code, unit.name, unit.level, unit.valid_to, unit.current_province_code)
    return _shared(("unit", fields), unit.model_copy())


def profile_of(listing: ListingSnapshot, term_ids: IdArray, diacritic_free: bool) -> ListingProfile:
    """The profile of a listing whose text has been encoded into `term_ids`."""
    forms = frozenset(listing.transfer_forms)
    return ListingProfile(
        listing_id=listing.listing_id,
        kind=listing.kind,
        version=listing.version,
        owner_organization_id=listing.owner_organization_id,
        sector=listing.sector,
        trl=listing.trl,
        min_trl=listing.min_trl,
        price_vnd=listing.price_vnd,
        price_negotiable=listing.price_negotiable,
        budget_max_vnd=listing.budget_max_vnd,
        transfer_forms=_shared(("forms", forms), forms),
        location=_location(listing.location),
        state_funded=listing.state_funded,
        diacritic_free=diacritic_free,
        term_ids=term_ids,
    )


def structured_fit(offer: ListingProfile, demand: ListingProfile) -> dict[str, float]:
    """Every structured feature of an (offer, demand) pair."""
    return {
        "sector": features.sector_fit(offer.sector, demand.sector),
        "trl": features.trl_fit(offer.trl, demand.min_trl),
        "budget": features.budget_fit(
            offer.price_vnd, offer.price_negotiable, demand.budget_max_vnd
        ),
        "transfer_form": features.transfer_form_fit(offer.transfer_forms, demand.transfer_forms),
        "region": features.region_fit(offer.location, demand.location),
        "state_funded": features.state_funded_fit(offer.state_funded),
    }

"""Structured fit of an offer to a demand: pure functions, each returning a value in [0, 1].

`UNKNOWN` (0.5) is returned when a side did not say: missing data neither helps nor hurts.
"""

from __future__ import annotations

from collections.abc import Collection

from services.matching.engine.regions import are_neighbours, current_code
from shared.events.organizations import AdministrativeUnit
from shared.events.vocabulary import Sector, TransferForm

UNKNOWN = 0.5
RELATED_SECTOR = 0.6
NEIGHBOURING_REGION = 0.6
TRL_STEP_PENALTY = 1 / 3
"""Each TRL level the offer lacks below the demand's minimum costs a third."""
OVER_BUDGET_TOLERANCE = 0.5
"""A fixed price 50% above the highest budget scores 0."""
NEGOTIABLE_OVER_BUDGET_TOLERANCE = 1.0
"""A negotiable price may be up to twice the highest budget before scoring 0."""
NEGOTIABLE_WITHOUT_PRICE = 0.75

RELATED_SECTORS: frozenset[frozenset[Sector]] = frozenset(
    frozenset(pair)
    for pair in (
        (Sector.HIGH_TECH_AGRICULTURE, Sector.AGRO_FORESTRY_FISHERY_PROCESSING),
        (Sector.HIGH_TECH_AGRICULTURE, Sector.MEDICINAL_HERBS),
        (Sector.HIGH_TECH_AGRICULTURE, Sector.ENVIRONMENT),
        (Sector.AGRO_FORESTRY_FISHERY_PROCESSING, Sector.MEDICINAL_HERBS),
        (Sector.AGRO_FORESTRY_FISHERY_PROCESSING, Sector.INDUSTRIAL_PRODUCTION),
        (Sector.AGRO_FORESTRY_FISHERY_PROCESSING, Sector.ENVIRONMENT),
        (Sector.MEDICINAL_HERBS, Sector.HEALTHCARE),
        (Sector.INDUSTRIAL_PRODUCTION, Sector.ENVIRONMENT),
    )
)
"""Sectors whose technologies often serve each other (e.g. herb growing ↔ herb processing)."""


def sector_fit(offer: Sector, demand: Sector) -> float:
    """1 for the same sector, 0.6 for a related one, 0 otherwise."""
    if offer == demand:
        return 1.0
    return RELATED_SECTOR if frozenset((offer, demand)) in RELATED_SECTORS else 0.0


def trl_fit(offer_trl: int | None, demand_min_trl: int | None) -> float:
    """1 when the offer is at least as mature as required, a third less per missing level."""
    if offer_trl is None:
        return UNKNOWN
    if demand_min_trl is None or offer_trl >= demand_min_trl:
        return 1.0
    return max(0.0, 1.0 - TRL_STEP_PENALTY * (demand_min_trl - offer_trl))


def budget_fit(price: int | None, negotiable: bool, budget_max: int | None) -> float:
    """1 when the asking price fits the highest budget; decays above it, slower if negotiable."""
    if price is None:
        return NEGOTIABLE_WITHOUT_PRICE if negotiable else UNKNOWN
    if budget_max is None:
        return UNKNOWN
    if price <= budget_max:
        return 1.0
    tolerance = NEGOTIABLE_OVER_BUDGET_TOLERANCE if negotiable else OVER_BUDGET_TOLERANCE
    overshoot = (price - budget_max) / max(budget_max, 1)
    return max(0.0, 1.0 - overshoot / tolerance)


def transfer_form_fit(
    offered: Collection[TransferForm], preferred: Collection[TransferForm]
) -> float:
    """Share of the smaller set of forms that the other side also accepts."""
    if not offered or not preferred:
        return UNKNOWN
    shared = set(offered) & set(preferred)
    return len(shared) / min(len(set(offered)), len(set(preferred)))


def region_fit(offer: AdministrativeUnit | None, demand: AdministrativeUnit | None) -> float:
    """1 in the same province today (Kon Tum is now Quảng Ngãi), 0.6 next door, else 0."""
    if offer is None or demand is None:
        return UNKNOWN
    here, there = current_code(offer), current_code(demand)
    if offer.code == demand.code or here == there:
        return 1.0
    return NEIGHBOURING_REGION if are_neighbours(here, there) else 0.0


def state_funded_fit(offer_state_funded: bool) -> float:
    """1 for a result of a state-funded task: the province wants those commercialised first."""
    return 1.0 if offer_state_funded else 0.0

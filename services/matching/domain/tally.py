"""One slice's counts (the whole market, a sector, a place, a province) and its figures."""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field, fields

from services.matching.domain.market_facts import ContractTerms
from shared.events.indicators import MarketFigures
from shared.events.vocabulary import TransferDirection


@dataclass
class Tally:
    offers: int = 0
    demands: int = 0
    proposals: int = 0
    answers: int = 0
    interested: int = 0
    introductions: int = 0
    mous: int = 0
    contracts: int = 0
    contract_value: int = 0
    declared: int = 0
    declared_value: int = 0
    ip_contracts: int = 0
    academic_contracts: int = 0
    ip_value: int = 0
    academic_domestic_value: int = 0
    state_funded_value: int = 0
    imported_value: int = 0
    state_funded_offers: int = 0
    state_funded_transferred: int = 0
    days_to_first_proposal: list[int] = field(default_factory=list)
    days_to_contract: list[int] = field(default_factory=list)

    def count_contract(self, terms: ContractTerms, declared: bool = False) -> None:
        value = terms.value_vnd
        self.contracts += 1
        self.contract_value += value
        self.declared += int(declared)
        self.declared_value += value if declared else 0
        self.ip_contracts += int(terms.ip_asset)
        self.academic_contracts += int(terms.academic_supplier)
        self.ip_value += value if terms.ip_asset else 0
        domestic = terms.direction is TransferDirection.DOMESTIC
        self.academic_domestic_value += value if terms.academic_supplier and domestic else 0
        self.state_funded_value += value if terms.state_funded else 0
        self.imported_value += value if terms.direction is TransferDirection.INTO_VIETNAM else 0

    def figures(self, year_before: Tally | None = None) -> MarketFigures:
        """The figures; `year_before` is the same slice a year earlier (for growth)."""
        return MarketFigures(
            offers_published=self.offers,
            demands_published=self.demands,
            proposals=self.proposals,
            answers=self.answers,
            interested_answers=self.interested,
            interest_rate=share(self.interested, self.answers),
            introductions=self.introductions,
            mous=self.mous,
            contracts=self.contracts,
            contract_value_vnd=self.contract_value,
            declared_contracts=self.declared,
            declared_contract_value_vnd=self.declared_value,
            contract_value_growth=growth(
                self.contract_value, year_before.contract_value if year_before else 0
            ),
            ip_asset_contract_share=share(self.ip_contracts, self.contracts),
            academic_supplier_contract_share=share(self.academic_contracts, self.contracts),
            ip_asset_value_share=share(self.ip_value, self.contract_value),
            academic_domestic_value_share=share(self.academic_domestic_value, self.contract_value),
            state_funded_value_share=share(self.state_funded_value, self.contract_value),
            imported_value_share=share(self.imported_value, self.contract_value),
            state_funded_offers=self.state_funded_offers,
            state_funded_transferred=self.state_funded_transferred,
            state_funded_transferred_share=share(
                self.state_funded_transferred, self.state_funded_offers
            ),
            median_days_to_first_proposal=median(self.days_to_first_proposal),
            median_days_to_contract=median(self.days_to_contract),
        )


def merged(tallies: list[Tally]) -> Tally:
    """One tally of several: counts added, day lists joined."""
    total = Tally()
    for tally in tallies:
        for name in (f.name for f in fields(Tally)):
            setattr(total, name, getattr(total, name) + getattr(tally, name))
    return total


def share(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def growth(now: int, before: int) -> float | None:
    return round((now - before) / before, 4) if before else None


def median(days: Sequence[int]) -> float | None:
    return float(statistics.median(days)) if days else None

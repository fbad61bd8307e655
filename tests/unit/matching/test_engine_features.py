"""Structured fit of an offer to a demand: each feature in [0, 1]."""

from __future__ import annotations

import pytest

from services.matching.engine import features
from services.matching.engine.regions import current_code
from shared.events.organizations import AdministrativeUnit
from shared.events.vocabulary import Sector, TransferForm
from tests.unit.matching.engine_fakes import (
    GIA_LAI,
    HA_NOI,
    KON_TUM,
    KON_TUM_BEFORE_MERGER,
    QUANG_NGAI,
)


def test_same_sector_fits_fully_and_related_sectors_partly() -> None:
    assert features.sector_fit(Sector.MEDICINAL_HERBS, Sector.MEDICINAL_HERBS) == 1.0
    assert features.sector_fit(Sector.MEDICINAL_HERBS, Sector.HEALTHCARE) == features.RELATED_SECTOR
    assert features.sector_fit(Sector.HEALTHCARE, Sector.MEDICINAL_HERBS) == features.RELATED_SECTOR
    assert features.sector_fit(Sector.HEALTHCARE, Sector.INDUSTRIAL_PRODUCTION) == 0.0


@pytest.mark.parametrize(
    ("offer_trl", "min_trl", "expected"),
    [(7, 6, 1.0), (6, 6, 1.0), (5, 6, 2 / 3), (4, 6, 1 / 3), (2, 6, 0.0), (7, None, 1.0)],
)
def test_an_offer_as_mature_as_required_fits_and_each_missing_level_costs(
    offer_trl: int, min_trl: int | None, expected: float
) -> None:
    assert features.trl_fit(offer_trl, min_trl) == pytest.approx(expected)


def test_an_offer_without_trl_is_neither_good_nor_bad() -> None:
    assert features.trl_fit(None, 6) == features.UNKNOWN


def test_a_price_within_the_budget_fits() -> None:
    assert features.budget_fit(850_000_000, False, 1_000_000_000) == 1.0
    assert features.budget_fit(1_000_000_000, False, 1_000_000_000) == 1.0


def test_a_fixed_price_over_budget_decays_to_zero_at_one_and_a_half_times() -> None:
    assert features.budget_fit(1_250_000_000, False, 1_000_000_000) == pytest.approx(0.5)
    assert features.budget_fit(1_500_000_000, False, 1_000_000_000) == 0.0


def test_a_negotiable_price_over_budget_decays_more_slowly() -> None:
    fixed = features.budget_fit(1_250_000_000, False, 1_000_000_000)
    negotiable = features.budget_fit(1_250_000_000, True, 1_000_000_000)

    assert negotiable == pytest.approx(0.75)
    assert negotiable > fixed


def test_a_price_left_to_negotiation_counts_as_likely_to_fit() -> None:
    assert features.budget_fit(None, True, 500_000_000) == features.NEGOTIABLE_WITHOUT_PRICE
    assert features.budget_fit(None, False, 500_000_000) == features.UNKNOWN
    assert features.budget_fit(300_000_000, False, None) == features.UNKNOWN


def test_transfer_forms_fit_when_the_smaller_list_is_covered() -> None:
    offered = [TransferForm.INDEPENDENT_TRANSFER, TransferForm.CAPITAL_CONTRIBUTION]

    assert features.transfer_form_fit(offered, [TransferForm.CAPITAL_CONTRIBUTION]) == 1.0
    assert features.transfer_form_fit(offered, [TransferForm.FRANCHISING]) == 0.0
    assert features.transfer_form_fit([], [TransferForm.FRANCHISING]) == features.UNKNOWN


def test_kon_tum_merged_into_quang_ngai_is_the_same_region() -> None:
    assert features.region_fit(KON_TUM, QUANG_NGAI) == 1.0
    assert features.region_fit(QUANG_NGAI, KON_TUM) == 1.0


def test_a_kon_tum_address_saved_before_the_merger_is_still_quang_ngai() -> None:
    assert current_code(KON_TUM_BEFORE_MERGER) == "51"
    assert features.region_fit(KON_TUM_BEFORE_MERGER, QUANG_NGAI) == 1.0


def test_neighbouring_provinces_fit_partly_and_distant_ones_not_at_all() -> None:
    assert features.region_fit(GIA_LAI, KON_TUM) == features.NEIGHBOURING_REGION
    assert features.region_fit(GIA_LAI, QUANG_NGAI) == features.NEIGHBOURING_REGION
    assert features.region_fit(HA_NOI, KON_TUM) == 0.0


def test_a_neighbour_of_old_kon_tum_neighbours_the_merged_province() -> None:
    quang_nam = AdministrativeUnit(code="49", name="Quảng Nam", level="province")

    assert features.region_fit(quang_nam, QUANG_NGAI) == features.NEIGHBOURING_REGION


def test_a_missing_location_is_neither_good_nor_bad() -> None:
    assert features.region_fit(None, KON_TUM) == features.UNKNOWN


def test_state_funded_results_are_boosted() -> None:
    assert features.state_funded_fit(True) == 1.0
    assert features.state_funded_fit(False) == 0.0

"""Eligibility: declarative rules evaluated against evidence, with reasons in two languages."""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import TypeAdapter

from services.awards.domain.activity import (
    ActivityFact,
    FactKind,
    Measure,
    Side,
    ValueMeasure,
)
from services.awards.domain.eligibility import (
    EligibilityRule,
    MinimumActivity,
    MinimumValue,
    NomineeKinds,
    VerifiedNominee,
    evaluate,
    is_eligible,
)
from shared.events.vocabulary import OrganizationKind
from tests.unit.awards.builders import (
    CONG_TY_CA_PHE,
    VIEN_DUOC_LIEU,
    contract,
    enterprise_category,
    snapshot,
)

NEEDS_A_CONTRACT = MinimumActivity(
    measure=Measure.CONTRACTS_SIGNED, at_least=1, applies_to=[OrganizationKind.ENTERPRISE]
)


def test_an_enterprise_without_a_signed_contract_is_not_eligible_and_is_told_why() -> None:
    [outcome] = evaluate([NEEDS_A_CONTRACT], CONG_TY_CA_PHE, snapshot())

    assert not outcome.passed
    assert outcome.reason_en == (
        "an enterprise needs at least 1 signed technology-transfer contract in the period (has 0)"
    )
    assert outcome.reason_vi == (
        "Doanh nghiệp cần ít nhất 1 hợp đồng chuyển giao công nghệ đã ký trong kỳ xét (hiện có 0)."
    )


def test_an_enterprise_with_a_contract_signed_in_the_period_is_eligible() -> None:
    outcomes = evaluate([NEEDS_A_CONTRACT], CONG_TY_CA_PHE, snapshot(contract("org_cafe_dak_ha")))

    assert is_eligible(outcomes)
    assert "(has 1)" in outcomes[0].reason_en


def test_a_contract_signed_before_the_period_is_not_evidence() -> None:
    last_year = contract("org_cafe_dak_ha", on=date(2025, 12, 31))

    assert not is_eligible(evaluate([NEEDS_A_CONTRACT], CONG_TY_CA_PHE, snapshot(last_year)))


def test_a_rule_for_enterprises_does_not_apply_to_a_research_institute() -> None:
    [outcome] = evaluate([NEEDS_A_CONTRACT], VIEN_DUOC_LIEU, snapshot())

    assert outcome.passed
    assert outcome.reason_en == "does not apply to a research institute"


def test_a_category_for_enterprises_and_cooperatives_refuses_a_research_institute() -> None:
    rules = enterprise_category().eligibility
    outcomes = evaluate(rules, VIEN_DUOC_LIEU, snapshot())

    assert not is_eligible(outcomes)
    assert outcomes[0].reason_en == (
        "the category is for an enterprise, a cooperative (the nominee is a research institute)"
    )


def test_an_unverified_nominee_fails_the_verification_rule() -> None:
    unverified = CONG_TY_CA_PHE.model_copy(update={"verified": False})

    [outcome] = evaluate([VerifiedNominee()], unverified, snapshot())

    assert not outcome.passed
    assert "verified" in outcome.reason_en


def test_a_value_rule_reports_amounts_in_dong() -> None:
    rule = MinimumValue(measure=ValueMeasure.CONTRACT_VALUE_VND, at_least_vnd=2_000_000_000)

    [outcome] = evaluate([rule], CONG_TY_CA_PHE, snapshot(contract("org_cafe_dak_ha")))

    assert not outcome.passed
    assert "từ 2.000.000.000 đồng (hiện có 1.200.000.000 đồng)" in outcome.reason_vi


def test_a_state_funded_result_counts_as_transferred_for_its_supplier_only() -> None:
    supplier = contract("org_vien_duoc_lieu", side=Side.SUPPLIER, state_funded=True)
    seeker = contract("org_cafe_dak_ha", side=Side.SEEKER, state_funded=True)

    assert snapshot(supplier).state_funded_results_transferred == 1
    assert snapshot(seeker).state_funded_results_transferred == 0


def test_evidence_sums_counts_and_values_per_kind() -> None:
    deal = ActivityFact(
        kind=FactKind.DEAL_CLOSED,
        ref="itr_sam_01",
        side=Side.SEEKER,
        organization_id="org_cafe_dak_ha",
        on=date(2026, 7, 1),
        value_vnd=1_150_000_000,
    )
    evidence = snapshot(contract("org_cafe_dak_ha"), contract("org_cafe_dak_ha", ref="itr_2"), deal)

    assert (evidence.contracts_signed, evidence.contract_value_vnd) == (2, 2_400_000_000)
    assert (evidence.deals_closed, evidence.deal_value_vnd) == (1, 1_150_000_000)


def test_a_category_without_rules_admits_every_known_nominee() -> None:
    assert is_eligible(evaluate([], VIEN_DUOC_LIEU, snapshot()))


def test_rules_are_declarative_json_an_admin_can_write() -> None:
    rules = TypeAdapter(list[EligibilityRule]).validate_python(
        [
            {"kind": "minimum_activity", "measure": "deals_closed", "at_least": 1},
            {"kind": "nominee_kind", "allowed": ["enterprise"]},
            {"kind": "verified_nominee"},
        ]
    )

    assert [type(rule) for rule in rules] == [MinimumActivity, NomineeKinds, VerifiedNominee]


def test_a_rule_with_an_unknown_measure_is_refused() -> None:
    with pytest.raises(ValueError, match="measure"):
        TypeAdapter(EligibilityRule).validate_python(
            {"kind": "minimum_activity", "measure": "likes", "at_least": 1}
        )

"""Art. 31.1 of the 2017 Law: which transfer contracts must be registered before a deal
closes, each case of the rule and its exception."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from services.matching.domain.errors import ConflictError
from services.matching.domain.introductions import Stage
from services.matching.domain.registration import ContractFacts, registration_basis
from shared.events.connections import IntroductionContractSigned
from shared.events.vocabulary import TransferDirection
from tests.unit.matching.test_introduction_steps import (
    CONTRACT,
    DEAL,
    MEETING,
    REGISTRATION,
    introduced,
    steps,
)

CERTIFICATE = {"number": "12/2023/ĐK", "issued_on": date(2023, 5, 18)}


def facts(**changes: Any) -> ContractFacts:
    base: dict[str, Any] = {
        "direction": TransferDirection.DOMESTIC,
        "state_capital": False,
        "state_funded_result": False,
        "task_result_registered": False,
    }
    return ContractFacts(**(base | changes))


@pytest.mark.parametrize(
    ("case", "clause"),
    [
        (facts(direction=TransferDirection.INTO_VIETNAM), "31.1.a"),
        (facts(direction=TransferDirection.OUT_OF_VIETNAM), "31.1.b"),
        # a cross-border transfer is registered even with the task result's certificate
        (facts(direction=TransferDirection.INTO_VIETNAM, task_result_registered=True), "31.1.a"),
        (facts(state_funded_result=True), "31.1.c"),
        (facts(state_capital=True), "31.1.c"),
    ],
)
def test_a_mandatory_case_names_its_clause(case: ContractFacts, clause: str) -> None:
    basis = registration_basis(case)

    assert basis is not None
    assert clause in basis


@pytest.mark.parametrize(
    "case",
    [
        facts(),  # a private domestic transfer: voluntary (art. 31.2)
        facts(state_funded_result=True, task_result_registered=True),
        facts(state_funded_result=True, state_capital=True, task_result_registered=True),
    ],
)
def test_other_transfers_need_no_registration(case: ContractFacts) -> None:
    assert registration_basis(case) is None


def test_a_certified_state_funded_result_closes_at_home_without_registration() -> None:
    certified = introduced(task_result_certificate=CERTIFICATE)

    introduction, events = steps(certified, MEETING, CONTRACT, DEAL)

    assert introduction.stage == Stage.DEAL_CLOSED
    signed = events[1]
    assert isinstance(signed, IntroductionContractSigned)
    assert (signed.registration_required, signed.registration_basis) == (False, None)
    assert introduction.parties.task_result_registered


def test_the_same_result_sold_abroad_must_be_registered_first() -> None:
    certified = introduced(task_result_certificate=CERTIFICATE)
    abroad = CONTRACT | {"direction": "out_of_vietnam", "transfer_methods": ["documents"]}

    with pytest.raises(ConflictError) as refused:
        steps(certified, MEETING, abroad, DEAL)
    introduction, events = steps(certified, MEETING, abroad, REGISTRATION, DEAL)

    assert refused.value.rule == "introduction.registration"
    assert "31.1.b" in refused.value.message
    assert introduction.stage == Stage.DEAL_CLOSED
    signed = events[1]
    assert isinstance(signed, IntroductionContractSigned)
    assert signed.registration_required
    assert signed.transfer_methods == ["documents"]


def test_a_private_result_bought_with_state_capital_must_be_registered() -> None:
    public_money = CONTRACT | {"state_capital": True}

    with pytest.raises(ConflictError) as refused:
        steps(introduced(state_funded=False), MEETING, public_money, DEAL)

    assert "state capital" in refused.value.message

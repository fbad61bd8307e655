"""A contract, a registration or a deal counts only when both sides stand behind it."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import TypeAdapter

from services.matching.domain.claims import answer_claim, record
from services.matching.domain.errors import ConflictError, NotAllowedError
from services.matching.domain.introductions import Introduction, Stage
from services.matching.domain.steps import Step
from shared.events.connections import IntroductionContractSigned, IntroductionMeetingHeld
from tests.unit.matching.brokerage_data import COOPERATIVE, NOW, TODAY, UNIVERSITY, introduced
from tests.unit.matching.test_introduction_steps import CONTRACT, DEAL, MEETING

STEP = TypeAdapter(Step)


def _record(introduction: Introduction, body: dict[str, Any], party: str | None) -> Any:
    return record(introduction, STEP.validate_python(body), party, f"user-{party}", NOW, TODAY)


def _met() -> Introduction:
    met, _ = _record(introduced(), MEETING, UNIVERSITY)
    return met


def test_a_party_alone_only_claims_a_contract_nothing_is_published() -> None:
    claimed, event = _record(_met(), CONTRACT, COOPERATIVE)

    assert event is None
    assert (claimed.stage, claimed.contract) == (Stage.MEETING_HELD, None)
    assert claimed.claim is not None
    assert claimed.claim.organization_id == COOPERATIVE


def test_the_other_party_confirms_and_the_contract_counts() -> None:
    claimed, _ = _record(_met(), CONTRACT, COOPERATIVE)

    confirmed, event = answer_claim(claimed, True, UNIVERSITY, "user-uni", NOW, TODAY)

    assert isinstance(event, IntroductionContractSigned)
    assert (confirmed.stage, confirmed.claim) == (Stage.CONTRACT_SIGNED, None)
    assert confirmed.history[-1].recorded_by == f"user-{COOPERATIVE}"
    assert confirmed.history[-1].confirmed_by == "user-uni"


def test_the_claimant_cannot_confirm_its_own_claim() -> None:
    claimed, _ = _record(_met(), CONTRACT, COOPERATIVE)

    with pytest.raises(NotAllowedError) as refused:
        answer_claim(claimed, True, COOPERATIVE, "user-htx", NOW, TODAY)
    assert refused.value.rule == "introduction.claim"


def test_a_rejected_claim_is_dropped_and_nothing_counts() -> None:
    claimed, _ = _record(_met(), CONTRACT, COOPERATIVE)

    rejected, event = answer_claim(claimed, False, UNIVERSITY, "user-uni", NOW, TODAY)

    assert (event, rejected.claim, rejected.stage) == (None, None, Stage.MEETING_HELD)
    with pytest.raises(ConflictError):
        answer_claim(rejected, True, None, "broker-01", NOW, TODAY)


def test_a_broker_records_a_counted_step_at_once_and_settles_a_pending_claim() -> None:
    claimed, _ = _record(_met(), CONTRACT, COOPERATIVE)

    signed, event = _record(claimed, CONTRACT, None)

    assert isinstance(event, IntroductionContractSigned)
    assert (signed.stage, signed.claim) == (Stage.CONTRACT_SIGNED, None)


def test_meetings_stay_one_party_s_word_and_keep_a_pending_claim() -> None:
    claimed, _ = _record(_met(), CONTRACT, COOPERATIVE)

    met_again, event = _record(claimed, MEETING, UNIVERSITY)

    assert isinstance(event, IntroductionMeetingHeld)
    assert met_again.claim == claimed.claim


def test_a_claim_out_of_order_is_refused_when_made() -> None:
    with pytest.raises(ConflictError) as refused:
        _record(_met(), DEAL, COOPERATIVE)
    assert refused.value.rule == "introduction.order"

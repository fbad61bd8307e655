"""An introduction follows the deal step by step; out-of-order steps are refused by rule."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from pydantic import TypeAdapter

from services.matching.domain.errors import ConflictError, RuleBrokenError
from services.matching.domain.introductions import (
    Introduction,
    Stage,
    apply_step,
    open_introduction,
)
from services.matching.domain.steps import Step
from shared.events.connections import (
    IntroductionContractSigned,
    IntroductionDealClosed,
    IntroductionEnded,
    IntroductionMeetingHeld,
    IntroductionOpened,
)
from tests.unit.matching.brokerage_data import (
    COOPERATIVE,
    NOW,
    TODAY,
    UNIVERSITY,
    accepted,
    introduced,
    offer,
    proposed,
)

STEP = TypeAdapter(Step)
MEETING = {"step": "meeting_held", "held_on": "2026-11-05", "format": "in_person"}
MOU = {"step": "mou_signed", "signed_on": "2026-11-10"}
CONTRACT = {
    "step": "contract_signed",
    "transfer_form": "independent_transfer",
    "rights_mode": "non_exclusive_licence",
    "value_vnd": 450_000_000,
    "signed_on": "2026-11-15",
}
REGISTRATION = {
    "step": "contract_registered",
    "certificate_number": "45/GCN-SKHCN",
    "registered_on": "2026-11-18",
}
DEAL = {"step": "deal_closed", "closed_on": "2026-11-19"}


def steps(introduction: Introduction, *bodies: dict[str, Any]) -> tuple[Introduction, list[Any]]:
    events = []
    for body in bodies:
        introduction, event = apply_step(
            introduction, STEP.validate_python(body), "broker-01", NOW, TODAY
        )
        events.append(event)
    return introduction, events


def test_an_accepted_match_opens_an_introduction_with_both_parties() -> None:
    introduction, event = open_introduction(accepted(), offer(), "broker-01", NOW)

    assert isinstance(event, IntroductionOpened)
    assert introduction.introduction_id == event.introduction_id
    assert (introduction.supplier_organization_id, introduction.seeker_organization_id) == (
        UNIVERSITY,
        COOPERATIVE,
    )
    assert event.parties.seeker_organization_id is None  # the demand stays anonymous publicly
    assert (event.parties.state_funded, event.parties.ip_asset, event.parties.supplier_kind) == (
        True,
        True,
        "university",
    )


def test_an_open_proposal_opens_no_introduction() -> None:
    with pytest.raises(ConflictError):
        open_introduction(proposed(), offer(), "broker-01", NOW)


def test_a_state_funded_deal_steps_through_registration_to_closed() -> None:
    introduction, events = steps(introduced(), MEETING, MOU, CONTRACT, REGISTRATION, DEAL)

    assert introduction.stage == Stage.DEAL_CLOSED
    assert [m.stage for m in introduction.history] == list(Stage)[:6]
    assert isinstance(events[0], IntroductionMeetingHeld)
    assert isinstance(events[2], IntroductionContractSigned)
    closed = events[-1]
    assert isinstance(closed, IntroductionDealClosed)
    assert closed.value_vnd == 450_000_000  # the contract's value when none is given


def test_a_state_funded_deal_cannot_close_before_registration() -> None:
    with pytest.raises(ConflictError) as refused:
        steps(introduced(), MEETING, CONTRACT, DEAL)

    assert refused.value.rule == "introduction.registration"
    assert "art. 31.1.c" in refused.value.message


def test_a_privately_funded_deal_may_close_without_registration() -> None:
    introduction, _ = steps(introduced(state_funded=False), MEETING, CONTRACT, DEAL)

    assert introduction.stage == Stage.DEAL_CLOSED


def test_the_mou_is_optional_but_the_meeting_is_not() -> None:
    with pytest.raises(ConflictError) as refused:
        steps(introduced(), CONTRACT)

    assert refused.value.rule == "introduction.order"
    assert "meeting_held or mou_signed" in refused.value.message


def test_the_parties_may_meet_more_than_once() -> None:
    again = MEETING | {"held_on": "2026-11-08", "format": "online"}
    introduction, _ = steps(introduced(), MEETING, again)

    assert [m.stage for m in introduction.history].count(Stage.MEETING_HELD) == 2


def test_an_introduction_may_end_from_any_open_stage_with_a_reason() -> None:
    introduction, events = steps(
        introduced(), MEETING, {"step": "ended", "reason": "Không thống nhất giá."}
    )

    assert introduction.stage == Stage.ENDED
    assert isinstance(events[-1], IntroductionEnded)
    with pytest.raises(ConflictError):
        steps(introduction, MEETING)


def test_a_closed_deal_takes_no_more_steps() -> None:
    introduction, _ = steps(introduced(), MEETING, CONTRACT, REGISTRATION, DEAL)

    with pytest.raises(ConflictError):
        steps(introduction, {"step": "ended", "reason": "Nhầm."})


def test_a_step_cannot_happen_in_the_future() -> None:
    tomorrow = MEETING | {"held_on": str(TODAY + timedelta(days=1))}
    with pytest.raises(RuleBrokenError) as refused:
        steps(introduced(), tomorrow)

    assert refused.value.rule == "body.held_on"


def test_a_step_cannot_predate_the_previous_one() -> None:
    backdated = MOU | {"signed_on": "2026-11-01"}
    with pytest.raises(RuleBrokenError, match="before the previous step"):
        steps(introduced(), MEETING, backdated)

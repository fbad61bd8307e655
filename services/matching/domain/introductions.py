"""An introduction: two interested parties followed by the broker up to a closed deal.

    opened → meeting_held (+ more meetings) → [mou_signed] → contract_signed
           → [contract_registered: mandatory under art. 31.1, see `registration`]
           → deal_closed
    any open stage → ended (with a reason)

Each step is a command; applying it returns the next introduction and its event.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from services.matching.domain.errors import ConflictError, RuleBrokenError
from services.matching.domain.ids import introduction_id_of
from services.matching.domain.listings import is_ip_asset
from services.matching.domain.matches import Match, MatchStatus
from services.matching.domain.registration import ContractFacts, registration_basis
from services.matching.domain.steps import (
    CloseDeal,
    HoldMeeting,
    RegisterContract,
    SignContract,
    SignMou,
    Step,
)
from shared.events.base import Event
from shared.events.connections import (
    IntroductionContractRegistered,
    IntroductionContractSigned,
    IntroductionDealClosed,
    IntroductionEnded,
    IntroductionMeetingHeld,
    IntroductionMouSigned,
    IntroductionOpened,
    IntroductionParties,
)
from shared.events.listings import ListingSnapshot


class Stage(StrEnum):
    OPENED = "opened"
    MEETING_HELD = "meeting_held"
    MOU_SIGNED = "mou_signed"
    CONTRACT_SIGNED = "contract_signed"
    CONTRACT_REGISTERED = "contract_registered"
    DEAL_CLOSED = "deal_closed"
    ENDED = "ended"


OPEN_STAGES = (
    Stage.OPENED,
    Stage.MEETING_HELD,
    Stage.MOU_SIGNED,
    Stage.CONTRACT_SIGNED,
    Stage.CONTRACT_REGISTERED,
)


ALLOWED_FROM: dict[Stage, tuple[Stage, ...]] = {
    Stage.MEETING_HELD: (Stage.OPENED, Stage.MEETING_HELD),
    Stage.MOU_SIGNED: (Stage.MEETING_HELD,),
    Stage.CONTRACT_SIGNED: (Stage.MEETING_HELD, Stage.MOU_SIGNED),
    Stage.CONTRACT_REGISTERED: (Stage.CONTRACT_SIGNED,),
    Stage.DEAL_CLOSED: (Stage.CONTRACT_SIGNED, Stage.CONTRACT_REGISTERED),
    Stage.ENDED: OPEN_STAGES,
}


class Milestone(BaseModel):
    """One entry of the history: the stage reached, the step's data, who recorded it and when
    (and who confirmed it, for a step one party claimed)."""

    model_config = ConfigDict(frozen=True)

    stage: Stage
    step: Step | None = None
    recorded_by: str
    recorded_at: datetime
    confirmed_by: str | None = None


class Claim(BaseModel):
    """A step that changes the public figures (contract, registration, deal), recorded by one
    party: it counts only once the other party or a broker confirms it."""

    model_config = ConfigDict(frozen=True)

    step: Step
    organization_id: str = Field(description="The party that claimed it.")
    recorded_by: str
    recorded_at: datetime


class Introduction(BaseModel):
    model_config = ConfigDict(frozen=True)

    introduction_id: str
    parties: IntroductionParties
    supplier_organization_id: str
    seeker_organization_id: str
    """The demand's owner, also when the demand is anonymous on public topics."""
    stage: Stage
    opened_at: datetime
    history: tuple[Milestone, ...]
    contract: SignContract | None = None
    claim: Claim | None = None
    """A counted step one party recorded, waiting for the other party or a broker."""

    @property
    def is_open(self) -> bool:
        return self.stage in OPEN_STAGES

    def involves(self, organization_id: str | None) -> bool:
        return organization_id in (self.supplier_organization_id, self.seeker_organization_id)

    def last_day(self) -> date | None:
        days = [
            d for m in self.history if m.step is not None and (d := step_day(m.step)) is not None
        ]
        return max(days, default=None)


def _day_field(step: Step) -> str | None:
    return next((name for name in type(step).model_fields if name.endswith("_on")), None)


def step_day(step: Step) -> date | None:
    """The day a step happened (`held_on`, `signed_on`, …); None for `ended`."""
    field = _day_field(step)
    if field is None:
        return None
    day: date = getattr(step, field)
    return day


def parties_of(match: Match, offer: ListingSnapshot) -> IntroductionParties:
    return IntroductionParties(
        match_id=match.match_id,
        offer_id=match.offer_id,
        demand_id=match.demand_id,
        sector=match.sector,
        supplier_organization_id=match.offer_owner_organization_id,
        supplier_kind=offer.owner_kind,
        seeker_organization_id=match.demand_owner_organization_id,
        state_funded=offer.state_funded,
        task_result_registered=offer.task_result_certificate is not None,
        ip_asset=is_ip_asset(offer),
    )


def open_introduction(
    match: Match, offer: ListingSnapshot, by: str, now: datetime
) -> tuple[Introduction, IntroductionOpened]:
    """Both sides are interested: the broker introduces them to each other."""
    if match.status != MatchStatus.ACCEPTED or match.demand_answer is None:
        raise ConflictError("match.accepted", "an introduction opens only when both are interested")
    introduction = Introduction(
        introduction_id=introduction_id_of(match.match_id),
        parties=parties_of(match, offer),
        supplier_organization_id=match.offer_owner_organization_id,
        seeker_organization_id=match.demand_answer.organization_id,
        stage=Stage.OPENED,
        opened_at=now,
        history=(Milestone(stage=Stage.OPENED, recorded_by=by, recorded_at=now),),
    )
    opened = IntroductionOpened(
        introduction_id=introduction.introduction_id, parties=introduction.parties
    )
    return introduction, opened


def _check_order(introduction: Introduction, stage: Stage) -> None:
    allowed = ALLOWED_FROM[stage]
    if introduction.stage not in allowed:
        wanted = " or ".join(s.value for s in allowed)
        raise ConflictError(
            "introduction.order",
            f"{stage.value} needs the introduction at {wanted}; "
            f"it is at {introduction.stage.value}",
        )
    basis = registration_required(introduction)
    if stage == Stage.DEAL_CLOSED and basis and introduction.stage != Stage.CONTRACT_REGISTERED:
        raise ConflictError(
            "introduction.registration",
            f"registration is mandatory under {basis}: register the transfer contract "
            "(contract_registered) before the deal closes",
        )


def registration_required(introduction: Introduction) -> str | None:
    """The clause of art. 31.1 that makes the signed contract's registration mandatory."""
    contract, parties = introduction.contract, introduction.parties
    if contract is None:
        return None
    facts = ContractFacts(
        direction=contract.direction,
        state_capital=contract.state_capital,
        state_funded_result=parties.state_funded,
        task_result_registered=parties.task_result_registered,
    )
    return registration_basis(facts)


def _check_day(introduction: Introduction, step: Step, today: date) -> None:
    day, field = step_day(step), f"body.{_day_field(step)}"
    if day is None:
        return
    if day > today:
        raise RuleBrokenError(field, f"{day} is in the future")
    previous = introduction.last_day()
    if previous is not None and day < previous:
        raise RuleBrokenError(field, f"{day} is before the previous step ({previous})")


def check_step(introduction: Introduction, step: Step, today: date) -> None:
    """The step may follow the introduction's stage, on a plausible day."""
    _check_order(introduction, Stage(step.step))
    _check_day(introduction, step, today)


def apply_step(
    introduction: Introduction,
    step: Step,
    by: str,
    now: datetime,
    today: date,
    confirmed_by: str | None = None,
) -> tuple[Introduction, Event]:
    """Record one step of the introduction; `today` is the local day (dates people typed)."""
    check_step(introduction, step, today)
    stage = Stage(step.step)
    milestone = Milestone(
        stage=stage, step=step, recorded_by=by, recorded_at=now, confirmed_by=confirmed_by
    )
    contract = step if isinstance(step, SignContract) else introduction.contract
    update = {"stage": stage, "history": (*introduction.history, milestone), "contract": contract}
    advanced = introduction.model_copy(update=update)
    return advanced, _event(advanced, step)


def _event(introduction: Introduction, step: Step) -> Event:
    common: dict[str, Any] = {
        "introduction_id": introduction.introduction_id,
        "parties": introduction.parties,
    }
    if isinstance(step, HoldMeeting):
        return IntroductionMeetingHeld(**common, held_on=step.held_on, format=step.format)
    if isinstance(step, SignMou):
        return IntroductionMouSigned(**common, signed_on=step.signed_on)
    if isinstance(step, SignContract):
        basis = registration_required(introduction)
        return IntroductionContractSigned(
            **common,
            **step.model_dump(exclude={"step"}),
            registration_required=basis is not None,
            registration_basis=basis,
        )
    if isinstance(step, RegisterContract):
        return IntroductionContractRegistered(**common, **step.model_dump(exclude={"step"}))
    if isinstance(step, CloseDeal):
        value = step.value_vnd if step.value_vnd is not None else _contract_value(introduction)
        return IntroductionDealClosed(**common, closed_on=step.closed_on, value_vnd=value)
    return IntroductionEnded(**common, reason=step.reason)


def _contract_value(introduction: Introduction) -> int:
    return introduction.contract.value_vnd if introduction.contract is not None else 0

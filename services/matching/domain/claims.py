"""Steps that change the public figures need both sides: one party claims, the other confirms.

A contract signed, a contract registered and a deal closed enter the province's market
indicators, fulfil the other side's listing and become award evidence. Recorded by a broker,
such a step counts at once; recorded by one party, it is a *claim* — nothing is published or
counted until the other party or a broker confirms it (or it is rejected and dropped).
Meetings, MoUs and ending an introduction stay one party's word, as they change no figure.
"""

from __future__ import annotations

from datetime import date, datetime

from services.matching.domain.errors import ConflictError, NotAllowedError
from services.matching.domain.introductions import (
    Claim,
    Introduction,
    Stage,
    apply_step,
    check_step,
)
from services.matching.domain.steps import Step
from shared.events.base import Event

COUNTED = frozenset({Stage.CONTRACT_SIGNED, Stage.CONTRACT_REGISTERED, Stage.DEAL_CLOSED})
"""Stages that change public figures (indicators, fulfilled listings, award evidence)."""


def record(
    introduction: Introduction,
    step: Step,
    party: str | None,
    by: str,
    now: datetime,
    today: date,
) -> tuple[Introduction, Event | None]:
    """A step recorded by a broker (`party` None) or by one party (its organisation id).

    A counted step from a party becomes the introduction's claim (replacing an earlier one)
    and publishes nothing; any other step is applied at once — a broker's counted step
    settles (drops) a pending claim, a meeting or an MoU keeps it.
    """
    counted = Stage(step.step) in COUNTED
    if party is None or not counted:
        settled = introduction.model_copy(update={"claim": None}) if counted else introduction
        return apply_step(settled, step, by, now, today)
    check_step(introduction, step, today)
    claim = Claim(step=step, organization_id=party, recorded_by=by, recorded_at=now)
    return introduction.model_copy(update={"claim": claim}), None


def answer_claim(
    introduction: Introduction,
    confirmed: bool,
    party: str | None,
    by: str,
    now: datetime,
    today: date,
) -> tuple[Introduction, Event | None]:
    """The other party or a broker (`party` None) confirms or rejects the pending claim."""
    claim = introduction.claim
    if claim is None:
        raise ConflictError("introduction.claim", "no step is waiting for confirmation")
    if party is not None and party == claim.organization_id:
        raise NotAllowedError(
            "introduction.claim", "the other party or a broker confirms a step one party claimed"
        )
    cleared = introduction.model_copy(update={"claim": None})
    if not confirmed:
        return cleared, None
    return apply_step(cleared, claim.step, claim.recorded_by, now, today, confirmed_by=by)

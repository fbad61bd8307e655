"""HTTP: introductions — each step recorded by a broker or a party (a party's contract,
registration or deal waits for the other side's confirmation), the history for them."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Body, Depends, Query
from pydantic import BaseModel, Field

from services.matching.domain.introductions import Claim, Introduction, Milestone, Stage
from services.matching.domain.steps import SignContract, Step
from services.matching.service.introductions import Introductions
from shared.auth import Principal, Role, require
from shared.events.connections import IntroductionParties
from shared.http import PROBLEM_RESPONSES

Participant = Annotated[Principal, Depends(require(Role.broker, Role.org))]


class ClaimAnswer(BaseModel):
    confirmed: bool = Field(description="true: the step counts; false: the claim is dropped.")


class IntroductionRead(BaseModel):
    introduction_id: str
    parties: IntroductionParties
    supplier_organization_id: str
    seeker_organization_id: str
    stage: Stage
    opened_at: datetime
    history: list[Milestone]
    contract: SignContract | None
    claim: Claim | None = Field(
        default=None,
        description="A contract, registration or deal one party recorded: it counts (event, "
        "indicators, fulfilled listings) once the other party or a broker confirms it.",
    )

    @classmethod
    def of(cls, introduction: Introduction) -> IntroductionRead:
        return cls.model_validate(introduction.model_dump())


def introductions_router(desk: Introductions) -> APIRouter:
    router = APIRouter(
        prefix="/v1/introductions", tags=["introductions"], responses=PROBLEM_RESPONSES
    )

    @router.get("", summary="Introductions you are a party to (brokers: all)")
    async def list_introductions(
        reader: Participant,
        listing_id: str | None = None,
        limit: Annotated[int, Query(ge=1, le=500)] = 100,
        offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
    ) -> list[IntroductionRead]:
        found = await desk.visible_to(reader, listing_id, limit, offset)
        return [IntroductionRead.of(introduction) for introduction in found]

    @router.get("/{introduction_id}", summary="One introduction and its history")
    async def get_introduction(introduction_id: str, reader: Participant) -> IntroductionRead:
        return IntroductionRead.of(await desk.view(introduction_id, reader))

    @router.post(
        "/{introduction_id}/steps",
        summary="Record the next step: meeting, MoU, contract, registration, deal, or end",
        responses={409: {"description": "The step is out of order; `errors` names the rule."}},
    )
    async def record_step(
        introduction_id: str, step: Annotated[Step, Body()], participant: Participant
    ) -> IntroductionRead:
        return IntroductionRead.of(await desk.record(introduction_id, participant, step))

    @router.post(
        "/{introduction_id}/claim",
        summary="Confirm or reject the step the other party claimed (contract, registration, deal)",
        responses={409: {"description": "No step is waiting for confirmation."}},
    )
    async def answer_claim(
        introduction_id: str, answer: ClaimAnswer, participant: Participant
    ) -> IntroductionRead:
        return IntroductionRead.of(
            await desk.answer_claim(introduction_id, participant, answer.confirmed)
        )

    return router

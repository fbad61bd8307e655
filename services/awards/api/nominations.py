"""Nominations: submit and withdraw (organisations), read (each caller sees their view)."""

from __future__ import annotations

from fastapi import APIRouter

from services.awards.api.deps import ERRORS, Admin, AwardsServices, Org, Services
from services.awards.api.models import (
    NominationAdminRead,
    NominationCreate,
    NominationRead,
    NominationReviewRead,
    ReviewerScorecardRead,
    ScorecardRead,
    WithdrawRequest,
)
from services.awards.domain.nomination import Nomination
from services.awards.service.nominations import NominationForm, View
from shared.auth import Principal, PrincipalDep

router = APIRouter(tags=["nominations"], responses=ERRORS)


@router.post("/programmes/{programme_id}/nominations", status_code=201)
async def submit_nomination(
    programme_id: str, body: NominationCreate, awards: Services, org: Org
) -> NominationRead:
    form = NominationForm(
        category_id=body.category_id,
        nominee_organization_id=body.nominee_organization_id,
        narrative=body.narrative,
        links=[str(link) for link in body.links],
    )
    return NominationRead.of(await awards.nominations.submit(programme_id, form, org))


@router.get("/programmes/{programme_id}/nominations")
async def list_nominations(programme_id: str, awards: Services, _: Admin) -> list[NominationRead]:
    nominations = await awards.nominations.of_programme(programme_id)
    return [NominationRead.of(n) for n in nominations]


@router.get("/nominations")
async def my_nominations(awards: Services, org: Org) -> list[NominationRead]:
    """Nominations your organisation made or received, with their status."""
    return [NominationRead.of(n) for n in await awards.nominations.mine(org)]


@router.get("/nominations/{nomination_id}")
async def get_nomination(
    nomination_id: str, awards: Services, principal: PrincipalDep
) -> NominationAdminRead | NominationReviewRead | NominationRead:
    nomination, view = await awards.nominations.view(nomination_id, principal)
    if view is View.ADMIN:
        return await _admin_view(nomination, awards)
    if view is View.REVIEWER:
        return await _reviewer_view(nomination, awards, principal)
    return NominationRead.of(nomination)


@router.post("/nominations/{nomination_id}/withdraw")
async def withdraw_nomination(
    nomination_id: str, body: WithdrawRequest, awards: Services, org: Org
) -> NominationRead:
    return NominationRead.of(await awards.nominations.withdraw(nomination_id, body.reason, org))


async def _admin_view(nomination: Nomination, awards: AwardsServices) -> NominationAdminRead:
    nominee_id = nomination.nominee.organization_id
    scorecards = [
        ReviewerScorecardRead(
            **ScorecardRead.of(card).model_dump(),
            reviewer=card.reviewer,
            reviewer_name=reviewer.name if reviewer else None,
            recused=reviewer.recusal(nominee_id) if reviewer else None,
        )
        for card, reviewer in await awards.reviews.scorecards(nomination)
    ]
    return NominationAdminRead.model_validate(
        NominationRead.fields_of(nomination)
        | {"decision": nomination.decision, "scorecards": scorecards}
    )


async def _reviewer_view(
    nomination: Nomination, awards: AwardsServices, principal: Principal
) -> NominationReviewRead:
    own = await awards.reviews.own_scorecard(nomination, principal)
    return NominationReviewRead.model_validate(
        NominationRead.fields_of(nomination)
        | {"my_scorecard": ScorecardRead.of(own) if own else None}
    )

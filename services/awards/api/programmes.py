"""Programmes: define (admin), read (anyone), open/close by hand, assign reviewers."""

from __future__ import annotations

from fastapi import APIRouter

from services.awards.api.deps import ERRORS, Admin, Services
from services.awards.api.models import ProgrammeCreate, ReviewerAssign, ReviewerRead
from services.awards.domain.programme import Programme, ProgrammeTerms
from services.awards.domain.recusal import Reviewer
from services.awards.service.programmes import Duty
from shared.auth import OptionalPrincipalDep

router = APIRouter(prefix="/programmes", tags=["programmes"], responses=ERRORS)


@router.post("", status_code=201)
async def create_programme(body: ProgrammeCreate, awards: Services, _: Admin) -> Programme:
    terms = ProgrammeTerms.model_validate(body.model_dump())
    return await awards.programmes.create(terms)


@router.get("")
async def list_programmes(awards: Services, caller: OptionalPrincipalDep) -> list[Programme]:
    return await awards.programmes.announced(caller)


@router.get("/{programme_id}")
async def get_programme(
    programme_id: str, awards: Services, caller: OptionalPrincipalDep
) -> Programme:
    return await awards.programmes.announced_one(programme_id, caller)


@router.post("/{programme_id}/open")
async def open_programme(programme_id: str, awards: Services, _: Admin) -> Programme:
    """Open nominations now, whatever the announced date."""
    return await awards.programmes.open(programme_id)


@router.post("/{programme_id}/close")
async def close_programme(programme_id: str, awards: Services, _: Admin) -> Programme:
    """Close nominations now: eligible ones enter the first review round."""
    return await awards.programmes.close(programme_id)


@router.put("/{programme_id}/reviewers/{subject}")
async def assign_reviewer(
    programme_id: str, subject: str, body: ReviewerAssign, awards: Services, _: Admin
) -> ReviewerRead:
    reviewer = Reviewer(subject=subject, name=body.name, organization_id=body.organization_id)
    duties = [Duty(d.category_id, d.round_id, d.lead) for d in body.duties]
    return ReviewerRead.of(await awards.programmes.assign_reviewer(programme_id, reviewer, duties))

"""What every route needs: the use cases, the caller's roles, and domain errors as problems."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, Request

from services.awards.service import Nominations, Programmes, Results, Reviews
from shared.auth import Principal, Role, require
from shared.http import PROBLEM_RESPONSES, Problem


@dataclass(frozen=True)
class AwardsServices:
    programmes: Programmes
    nominations: Nominations
    reviews: Reviews
    results: Results


def _services(request: Request) -> AwardsServices:
    services: AwardsServices = request.app.state.awards
    return services


Services = Annotated[AwardsServices, Depends(_services)]
Admin = Annotated[Principal, Depends(require(Role.admin))]
Org = Annotated[Principal, Depends(require(Role.org))]
Reviewer = Annotated[Principal, Depends(require(Role.reviewer))]
ReviewerOrAdmin = Annotated[Principal, Depends(require(Role.reviewer, Role.admin))]

ERRORS: dict[int | str, dict[str, Any]] = {
    **PROBLEM_RESPONSES,
    404: {"model": Problem, "description": "No such programme, category, round or nomination."},
    409: {"model": Problem, "description": "Valid, but not in the current state."},
}

"""What every route needs: the use cases, the caller's roles, and domain errors as problems."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, Request, Response

from services.awards.domain.errors import (
    AwardsError,
    ForbiddenError,
    NotFoundError,
    RuleViolationError,
    StateConflictError,
)
from services.awards.service import Nominations, Programmes, Results, Reviews
from shared.auth import Principal, Role, require
from shared.http import PROBLEM_RESPONSES, FieldError, Problem, problem_response


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

_KINDS: tuple[tuple[type[AwardsError], int, str], ...] = (
    (NotFoundError, 404, "Not found"),
    (RuleViolationError, 422, "Business rule violated"),
    (StateConflictError, 409, "Not possible in the current state"),
    (ForbiddenError, 403, "Not allowed"),
)


async def on_awards_error(request: Request, exc: Exception) -> Response:
    """A domain error as RFC 9457 problem+json: its code names the rule it broke."""
    assert isinstance(exc, AwardsError)
    status, title = next((s, t) for kind, s, t in _KINDS if isinstance(exc, kind))
    errors = [FieldError(field=exc.field, message=exc.message)] if exc.field else None
    problem = Problem(
        type=f"urn:stx:problem:{exc.code}",
        title=title,
        status=status,
        detail=exc.message,
        errors=errors,
    )
    return problem_response(request, problem)

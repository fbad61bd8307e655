"""Domain refusals as RFC 9457 problems, each naming the rule that was broken."""

from __future__ import annotations

from fastapi import Request, Response

from services.matching.domain.errors import (
    ConflictError,
    DomainError,
    NotAllowedError,
    NotFoundError,
)
from shared.http import FieldError, ProblemError, problem_response

_KINDS: dict[type[DomainError], tuple[int, str, str]] = {
    NotFoundError: (404, "not-found", "Not found"),
    NotAllowedError: (403, "not-a-party", "Not a party to it"),
    ConflictError: (409, "state-conflict", "Not allowed in the current state"),
}


def problem_of(exc: DomainError) -> ProblemError:
    kind = _KINDS.get(type(exc))
    if kind is None:
        return ProblemError.from_rule(exc.rule, exc.message)
    status, slug, title = kind
    error = FieldError(field=exc.rule, message=exc.message)
    return ProblemError(status, slug, title, exc.message, errors=[error])


async def on_domain_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, DomainError)
    return problem_response(request, problem_of(exc).to_problem())

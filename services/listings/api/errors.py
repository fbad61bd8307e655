"""Domain and use-case refusals → RFC 9457 problem+json, in one place for every route."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from fastapi import FastAPI, Request, Response

from services.listings.domain.errors import (
    InvalidInputError,
    InvalidTransitionError,
    RuleBrokenError,
)
from services.listings.importer import CatalogueTooLargeError
from services.listings.service.errors import (
    ConcurrentUpdateError,
    ConflictError,
    ForbiddenError,
    IdempotencyKeyReusedError,
    NotFoundError,
)
from shared.http import FieldError, ProblemError, problem_response

Handler = Callable[[Request, Exception], Awaitable[Response]]


def _invalid_input(exc: InvalidInputError) -> ProblemError:
    errors = [
        FieldError(field=f"{exc.location}.{v.field}", message=v.message) for v in exc.violations
    ]
    detail = "Fix the fields listed in `errors` and retry."
    return ProblemError(
        422, "validation-failed", "Request validation failed", detail, errors=errors
    )


def _rule_broken(exc: RuleBrokenError) -> ProblemError:
    return ProblemError.from_rule(exc.field, exc.message)


def _transition(exc: InvalidTransitionError) -> ProblemError:
    return ProblemError(409, "invalid-transition", "Not allowed in this status", str(exc))


def _not_found(exc: NotFoundError) -> ProblemError:
    return ProblemError(404, "not-found", f"Unknown {exc.what}", str(exc))


def _forbidden(exc: ForbiddenError) -> ProblemError:
    return ProblemError(403, "forbidden", "Not yours", str(exc))


def _conflict(exc: ConflictError | ConcurrentUpdateError) -> ProblemError:
    detail = str(exc) if isinstance(exc, ConflictError) else "changed concurrently: reload, retry"
    return ProblemError(409, "conflict", "Conflicting change", detail)


def _too_large(exc: CatalogueTooLargeError) -> ProblemError:
    detail = f"{exc} (or use the import CLI)"
    return ProblemError(422, "catalogue-too-large", "Catalogue too large", detail)


def _key_reused(_: IdempotencyKeyReusedError) -> ProblemError:
    detail = "This Idempotency-Key was used with a different body: use a new key."
    return ProblemError(422, "idempotency-key-reused", "Idempotency-Key reused", detail)


_PROBLEMS: dict[type[Exception], Callable[..., ProblemError]] = {
    InvalidInputError: _invalid_input,
    RuleBrokenError: _rule_broken,
    InvalidTransitionError: _transition,
    NotFoundError: _not_found,
    ForbiddenError: _forbidden,
    ConflictError: _conflict,
    ConcurrentUpdateError: _conflict,
    IdempotencyKeyReusedError: _key_reused,
    CatalogueTooLargeError: _too_large,
}


def install(app: FastAPI) -> None:
    for exc_type, to_problem in _PROBLEMS.items():
        app.add_exception_handler(exc_type, _handler(to_problem))


def _handler(to_problem: Callable[..., ProblemError]) -> Handler:
    async def handle(request: Request, exc: Exception) -> Response:
        problem = to_problem(exc)
        return problem_response(request, problem.to_problem(), problem.headers)

    return handle

"""RFC 9457 problem details (`application/problem+json`) for every error response."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from http import HTTPStatus
from typing import Any

from fastapi import Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from shared.errors import RefusedError
from shared.logging import current_correlation_id, get_logger

PROBLEM_MEDIA_TYPE = "application/problem+json"
_ECHO_LIMIT = 120  # characters of a rejected value or message sent back to the client
_BOUNDS = ("min_length", "max_length", "ge", "le", "gt", "lt")
_log = get_logger(__name__)


class FieldError(BaseModel):
    """One rejected field: where (`body.trl`) and which rule it broke."""

    field: str = Field(examples=["body.trl"])
    message: str = Field(examples=["trl must be between 1 and 9"])
    input: str | int | float | bool | None = Field(
        default=None, description="The rejected value, when short and scalar."
    )
    code: str | None = Field(
        default=None,
        description="Which rule, for clients that word the message themselves (the portal, in "
        "Vietnamese): `missing`, `string_too_short`, `string_too_long`, `less_than_equal`, "
        "`greater_than_equal`, `enum`, … (a pydantic error type), or a business rule's code.",
        examples=["string_too_short"],
    )
    limit: int | float | str | None = Field(
        default=None,
        description="The bound the rule names (a length, a minimum, a maximum), when it has one.",
        examples=[10],
    )


class Problem(BaseModel):
    """RFC 9457 problem details; `correlation_id` and `errors` are STX extensions."""

    type: str = Field(examples=["urn:stx:problem:validation-failed"])
    title: str
    status: int
    detail: str | None = None
    instance: str | None = Field(default=None, description="The request path.")
    correlation_id: str | None = Field(default=None, description="Quote it when reporting.")
    errors: list[FieldError] | None = None


class ProblemError(Exception):
    """Raise from a route or dependency to answer with a problem+json response."""

    def __init__(
        self,
        status: int,
        slug: str,
        title: str,
        detail: str | None = None,
        *,
        errors: Sequence[FieldError] = (),
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(detail or title)
        self.status = status
        self.type = f"urn:stx:problem:{slug}"
        self.title = title
        self.detail = detail
        self.errors = list(errors)
        self.headers = dict(headers or {})

    @classmethod
    def from_rule(cls, field: str, message: str, status: int = 422) -> ProblemError:
        """A broken business rule (e.g. a domain `ValueError`) reported against one field."""
        error = FieldError(field=field, message=message)
        return cls(status, "rule-violated", "Business rule violated", message, errors=[error])

    def to_problem(self) -> Problem:
        return Problem(
            type=self.type,
            title=self.title,
            status=self.status,
            detail=self.detail,
            errors=self.errors or None,
        )


def problem_response(
    request: Request, problem: Problem, headers: Mapping[str, str] | None = None
) -> JSONResponse:
    located = problem.model_copy(
        update={"instance": request.url.path, "correlation_id": current_correlation_id()}
    )
    return JSONResponse(
        located.model_dump(mode="json", exclude_none=True),
        status_code=problem.status,
        media_type=PROBLEM_MEDIA_TYPE,
        headers=headers,
    )


def problem_of_refusal(exc: RefusedError) -> ProblemError:
    """A domain or use-case refusal as problem+json: the kind's status, the refusal's code."""
    errors = [
        FieldError(field=field, message=message, code=exc.code) for field, message in exc.fields
    ]
    return ProblemError(
        exc.status, exc.code, exc.title, exc.message, errors=errors, headers=exc.headers
    )


async def on_refusal(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RefusedError)
    return problem_response(request, problem_of_refusal(exc).to_problem(), exc.headers)


async def on_problem(request: Request, exc: ProblemError) -> Response:
    return problem_response(request, exc.to_problem(), exc.headers)


async def on_validation_error(request: Request, exc: RequestValidationError) -> Response:
    errors = [_field_error(error) for error in exc.errors()]
    problem = Problem(
        type="urn:stx:problem:validation-failed",
        title="Request validation failed",
        status=422,
        detail="Fix the fields listed in `errors` and retry.",
        errors=errors,
    )
    return problem_response(request, problem)


def _field_error(error: Mapping[str, Any]) -> FieldError:
    value = error.get("input")
    # Only short scalars are echoed: a rejected body may be megabytes or hold secrets.
    short = isinstance(value, str | int | float | bool) and len(str(value)) <= _ECHO_LIMIT
    context = error.get("ctx") or {}
    bound = next((context[k] for k in _BOUNDS if k in context), None)
    return FieldError(
        field=".".join(str(part) for part in error["loc"]),
        message=str(error["msg"])[:_ECHO_LIMIT],
        input=value if short else None,
        code=str(error.get("type") or "") or None,
        limit=bound if isinstance(bound, int | float | str) else None,
    )


async def on_http_error(request: Request, exc: StarletteHTTPException) -> Response:
    # Plain HTTP errors (404, 405, 413…) carry no meaning beyond their status: RFC 9457 §4.2.1.
    title = _status_phrase(exc.status_code)
    detail = exc.detail if isinstance(exc.detail, str) and exc.detail != title else None
    problem = Problem(type="about:blank", title=title, status=exc.status_code, detail=detail)
    return problem_response(request, problem, exc.headers)


def _status_phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Error"


async def on_unexpected(request: Request, exc: Exception) -> Response:
    _log.error("unhandled_exception", path=request.url.path, exc_info=exc)
    problem = Problem(
        type="about:blank",
        title="Internal Server Error",
        status=500,
        detail="An unexpected error occurred; quote the correlation id when reporting it.",
    )
    return problem_response(request, problem)


PROBLEM_RESPONSES: dict[int | str, dict[str, Any]] = {
    401: {"model": Problem, "description": "Missing, expired or invalid bearer token."},
    403: {"model": Problem, "description": "The principal lacks the role this action needs."},
    422: {"model": Problem, "description": "A field breaks a rule; `errors` names each one."},
}
"""`responses=` for mutating routes; each is served as `application/problem+json`."""

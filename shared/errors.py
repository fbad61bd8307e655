"""One vocabulary for refusals in every service: not found, forbidden, conflict, rule broken
(and, at the edge, unauthenticated and unavailable).

A `RefusedError` says why a request cannot be done, in words a client can act on: a message, the
field(s) it concerns, and a stable `code` (the slug of its problem type, e.g. `not-found`, or a
rule of its own such as `window-closed`). The HTTP edge (`shared.http`) turns any refusal into
RFC 9457 problem+json with the kind's status; domains raise them and never know about HTTP.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import ClassVar


class RefusedError(Exception):
    status: ClassVar[int] = 422
    default_code: ClassVar[str] = "rule-violated"
    default_title: ClassVar[str] = "Business rule violated"

    def __init__(
        self,
        message: str,
        *,
        field: str | None = None,
        code: str | None = None,
        title: str | None = None,
        fields: Sequence[tuple[str, str]] = (),
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.code = code or self.default_code
        self.title = title or self.default_title
        self.fields = list(fields) or ([(field, message)] if field else [])
        """(field, message) of each field at fault; the refusal's own field by default."""
        self.headers = dict(headers or {})
        """Response headers the refusal needs (e.g. `WWW-Authenticate`)."""


class NotFoundError(RefusedError):
    """No such thing — or not one the caller may see."""

    status = 404
    default_code = "not-found"
    default_title = "Not found"


class ForbiddenError(RefusedError):
    """The caller may not do this to this thing (not theirs, recused, not a party)."""

    status = 403
    default_code = "forbidden"
    default_title = "Not allowed"


class ConflictError(RefusedError):
    """Valid, but not in the current state (already decided, out of order, changed meanwhile)."""

    status = 409
    default_code = "conflict"
    default_title = "Not possible in the current state"


class RuleBrokenError(RefusedError):
    """The request itself breaks a rule (a date in the future, a score out of range)."""


class UnauthenticatedError(RefusedError):
    """No valid credentials: who the caller is is not known."""

    status = 401
    default_code = "unauthenticated"
    default_title = "Authentication required"


class UnavailableError(RefusedError):
    """A dependency the request needs is down for now; retrying later may succeed."""

    status = 503
    default_code = "unavailable"
    default_title = "Service unavailable"

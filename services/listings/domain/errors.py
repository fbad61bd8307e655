"""Why the domain refused something, in words a client can act on (`shared.errors` kinds)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from shared import errors


@dataclass(frozen=True)
class Violation:
    """One broken rule of the submitted data: which field, and what to do about it."""

    field: str
    message: str


class DomainError(errors.RefusedError):
    """Base of every refusal of the domain."""


class InvalidInputError(DomainError, errors.RuleBrokenError):
    """The submitted data breaks one or more rules; each names its field.

    `location` says where the fields were sent: the request body unless stated otherwise.
    """

    def __init__(self, violations: Sequence[Violation], location: str = "body") -> None:
        super().__init__(
            "; ".join(f"{v.field}: {v.message}" for v in violations),
            code="validation-failed",
            title="Request validation failed",
            fields=[(f"{location}.{v.field}", v.message) for v in violations],
        )
        self.violations = list(violations)
        self.location = location

    @classmethod
    def one(cls, field: str, message: str, location: str = "body") -> InvalidInputError:
        return cls([Violation(field, message)], location)


class RuleBrokenError(DomainError, errors.RuleBrokenError):
    """The stored state forbids the action (e.g. its validity passed): `field` is the culprit."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message, field=field)


class InvalidTransitionError(DomainError, errors.ConflictError):
    """The lifecycle does not allow this action in the current status."""

    default_code = "invalid-transition"
    default_title = "Not allowed in this status"

    def __init__(
        self, action: str, status: str, allowed: Sequence[str], subject: str = "a listing"
    ) -> None:
        wanted = " or ".join(allowed)
        super().__init__(f"cannot {action} {subject} that is {status} (only when {wanted})")
        self.action = action
        self.current_status = status


class NotPermittedError(DomainError, errors.ForbiddenError):
    """The caller's role does not allow this action."""


class UnverifiedOwnerError(RuleBrokenError):
    """A broker entered a paper dossier for an organisation the Department has not verified."""

    default_code = "organization-unverified"
    default_title = "Organisation not verified"

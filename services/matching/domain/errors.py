"""Why the domain refused something, naming the rule a client broke (`shared.errors` kinds;
the problem types keep matching's slugs)."""

from __future__ import annotations

from shared import errors


class DomainError(errors.RefusedError):
    """Base of every refusal; `rule` names the rule (`introduction.order`, `reason`)."""

    def __init__(self, rule: str, message: str) -> None:
        super().__init__(message, field=rule)
        self.rule = rule


class ConflictError(DomainError, errors.ConflictError):
    """The current state forbids the action (answering twice, a step out of order): HTTP 409."""

    default_code = "state-conflict"
    default_title = "Not allowed in the current state"


class RuleBrokenError(DomainError, errors.RuleBrokenError):
    """The submitted data breaks a rule (a missing reason, a date in the future): HTTP 422."""


class NotFoundError(DomainError, errors.NotFoundError):
    """No such match, introduction or listing (HTTP 404)."""


class NotAllowedError(DomainError, errors.ForbiddenError):
    """The principal is not a party to it (HTTP 403)."""

    default_code = "not-a-party"
    default_title = "Not a party to it"

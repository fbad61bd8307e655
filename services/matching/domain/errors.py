"""Why the domain refused something, naming the rule a client broke."""

from __future__ import annotations


class DomainError(Exception):
    """Base of every refusal; `rule` names the rule (`introduction.order`, `reason`)."""

    def __init__(self, rule: str, message: str) -> None:
        super().__init__(message)
        self.rule = rule
        self.message = message


class ConflictError(DomainError):
    """The current state forbids the action (answering twice, a step out of order): HTTP 409."""


class RuleBrokenError(DomainError):
    """The submitted data breaks a rule (a missing reason, a date in the future): HTTP 422."""


class NotFoundError(DomainError):
    """No such match, introduction or listing (HTTP 404)."""


class NotAllowedError(DomainError):
    """The principal is not a party to it (HTTP 403)."""

"""What can go wrong in the awards domain, in the four kinds of `shared.errors`.

Each error names a stable `code` (the problem type's slug), the `field` it concerns when there
is one, and a message saying which rule was broken and what to do.
"""

from __future__ import annotations

from shared import errors


class AwardsError(errors.RefusedError):
    def __init__(self, code: str, message: str, field: str | None = None) -> None:
        super().__init__(message, field=field, code=code)


class NotFoundError(AwardsError, errors.NotFoundError):
    """The programme, category, round or nomination does not exist (or is not visible)."""


class RuleViolationError(AwardsError, errors.RuleBrokenError):
    """The request itself breaks a rule (a score out of range, a quota exceeded...)."""


class StateConflictError(AwardsError, errors.ConflictError):
    """The request is valid but not now (window closed, review started, already decided...)."""


class ForbiddenError(AwardsError, errors.ForbiddenError):
    """The caller may not do this to this nomination (recused, not assigned, not theirs)."""

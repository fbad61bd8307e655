"""What can go wrong in the awards domain, in four kinds the HTTP edge maps to a status.

Each error names a stable `code` (the problem type's slug), the `field` it concerns when there
is one, and a message saying which rule was broken and what to do.
"""

from __future__ import annotations


class AwardsError(Exception):
    def __init__(self, code: str, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.field = field


class NotFoundError(AwardsError):
    """The programme, category, round or nomination does not exist (or is not visible)."""


class RuleViolationError(AwardsError):
    """The request itself breaks a rule (a score out of range, a quota exceeded...)."""


class StateConflictError(AwardsError):
    """The request is valid but not now (window closed, review started, already decided...)."""


class ForbiddenError(AwardsError):
    """The caller may not do this to this nomination (recused, not assigned, not theirs)."""

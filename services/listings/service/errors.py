"""Refusals of the use cases that are not domain rules: missing, forbidden, conflicting."""

from __future__ import annotations


class NotFoundError(LookupError):
    def __init__(self, what: str, identifier: str) -> None:
        super().__init__(f"no {what} with id {identifier!r}")
        self.what = what


class ForbiddenError(PermissionError):
    """The principal may not act on this organisation or listing."""


class ConcurrentUpdateError(Exception):
    """Someone else stored a newer version first (optimistic concurrency)."""


class ConflictError(Exception):
    """The request conflicts with the current state (a newer version, a taken id…)."""


class IdempotencyKeyReusedError(Exception):
    """The same `Idempotency-Key` came with a different request body."""

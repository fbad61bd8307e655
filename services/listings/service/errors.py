"""Refusals of the use cases that are not domain rules: missing, forbidden, conflicting."""

from __future__ import annotations

from shared import errors


class NotFoundError(errors.NotFoundError):
    def __init__(self, what: str, identifier: str) -> None:
        super().__init__(f"no {what} with id {identifier!r}", title=f"Unknown {what}")
        self.what = what


class ForbiddenError(errors.ForbiddenError):
    """The principal may not act on this organisation or listing."""

    default_title = "Not yours"


class ConflictError(errors.ConflictError):
    """The request conflicts with the current state (a newer version, a taken id…)."""

    default_title = "Conflicting change"


class AlreadyExistsError(ConflictError):
    """The store already holds this id (a repository's translation of a duplicate key)."""


class ConcurrentUpdateError(ConflictError):
    """Someone else stored a newer version first (optimistic concurrency)."""

    def __init__(self, identifier: str) -> None:
        super().__init__(f"{identifier} changed concurrently: reload, retry")


class IdempotencyKeyReusedError(errors.RuleBrokenError):
    """The same `Idempotency-Key` came with a different request body."""

    default_code = "idempotency-key-reused"
    default_title = "Idempotency-Key reused"

    def __init__(self, key: str) -> None:
        super().__init__(f"Idempotency-Key {key!r} was used with a different body: use a new key")

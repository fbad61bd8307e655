"""A per-client token bucket for anonymous, costly routes (e.g. `GET /v1/indicators`).

Each client (its address as the service sees it: behind the ingress, set the forwarded-for
handling there) may make `burst` requests at once and `per_minute` a minute on average; beyond
that it gets 429 with `Retry-After`. Per replica and in memory: a bound on work per replica, not
an accounting of the whole deployment.
"""

from __future__ import annotations

import math
import time
from collections import OrderedDict
from collections.abc import Callable

from fastapi import Request

from shared.http.problems import ProblemError

MAX_CLIENTS = 10_000
"""Buckets kept; the least recently seen client is forgotten first (a full bucket again)."""


class RateLimiter:
    def __init__(
        self, per_minute: float, burst: int, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._rate = per_minute / 60.0
        self._burst = float(burst)
        self._clock = clock
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()
        """client → (tokens left, when they were counted)."""

    def take(self, client: str) -> float:
        """Spend one token: 0 when allowed, else the seconds until one is available."""
        now = self._clock()
        tokens, since = self._buckets.pop(client, (self._burst, now))
        tokens = min(self._burst, tokens + (now - since) * self._rate)
        wait = 0.0 if tokens >= 1 else (1 - tokens) / self._rate
        self._buckets[client] = (tokens - 1 if wait == 0 else tokens, now)
        while len(self._buckets) > MAX_CLIENTS:
            self._buckets.popitem(last=False)
        return wait

    async def __call__(self, request: Request) -> None:
        """As a FastAPI dependency: refuse with 429 when the caller's bucket is empty."""
        client = request.client.host if request.client else "unknown"
        wait = self.take(client)
        if wait > 0:
            raise ProblemError(
                429,
                "rate-limited",
                "Too many requests",
                f"try again in {math.ceil(wait)} s",
                headers={"Retry-After": str(math.ceil(wait))},
            )

"""The per-client token bucket: a burst, then one request per refill interval."""

from __future__ import annotations

from shared.http.rate_limit import RateLimiter


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_client_gets_its_burst_then_waits_for_the_refill() -> None:
    clock = FakeClock()
    limiter = RateLimiter(per_minute=6, burst=3, clock=clock)

    allowed = [limiter.take("10.0.0.1") for _ in range(3)]
    refused = limiter.take("10.0.0.1")
    clock.now += 10  # 6 a minute: one token every 10 s
    after_refill = limiter.take("10.0.0.1")

    assert allowed == [0.0, 0.0, 0.0]
    assert refused == 10.0
    assert after_refill == 0.0
    assert limiter.take("10.0.0.1") > 0


def test_clients_have_their_own_buckets() -> None:
    limiter = RateLimiter(per_minute=1, burst=1, clock=FakeClock())

    assert limiter.take("10.0.0.1") == 0.0
    assert limiter.take("10.0.0.1") > 0
    assert limiter.take("10.0.0.2") == 0.0

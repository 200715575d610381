from __future__ import annotations

import pytest

from statsref.server.errors import ApiError
from statsref.server.ratelimit import WINDOW_SECONDS, RateLimiter, too_many_requests


class Clock:
    def __init__(self, now: float) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def test_counts_per_key_within_a_window():
    clock = Clock(10 * WINDOW_SECONDS + 100)
    limiter = RateLimiter(2, clock=clock)
    assert limiter.hit("a") == {
        "X-RateLimit-Limit": "2",
        "X-RateLimit-Remaining": "1",
        "X-RateLimit-Reset": str(11 * WINDOW_SECONDS),
    }
    assert limiter.hit("a")["X-RateLimit-Remaining"] == "0"
    assert limiter.hit("b")["X-RateLimit-Remaining"] == "1"
    with pytest.raises(ApiError) as refused:
        limiter.hit("a")
    assert refused.value.status == 429
    assert refused.value.message == too_many_requests(2)
    assert refused.value.headers["Retry-After"] == str(WINDOW_SECONDS - 100)


def test_a_new_window_starts_afresh():
    clock = Clock(5 * WINDOW_SECONDS)
    limiter = RateLimiter(1, clock=clock)
    limiter.hit("a")
    with pytest.raises(ApiError):
        limiter.hit("a")
    clock.now += WINDOW_SECONDS
    assert limiter.hit("a")["X-RateLimit-Remaining"] == "0"


def test_retry_after_is_at_least_one_second():
    clock = Clock(WINDOW_SECONDS - 0.2)
    limiter = RateLimiter(1, clock=clock)
    limiter.hit("a")
    with pytest.raises(ApiError) as refused:
        limiter.hit("a")
    assert refused.value.headers["Retry-After"] == "1"


def test_zero_turns_limiting_off():
    limiter = RateLimiter(0)
    assert all(limiter.hit("a") == {} for _ in range(1000))

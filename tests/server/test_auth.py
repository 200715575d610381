from __future__ import annotations

import pytest

from statsref.server.auth import INVALID_KEY_OR_SITE, MISSING_KEY, authorize_key, bearer_token
from statsref.server.errors import ApiError
from statsref.server.ratelimit import RateLimiter


@pytest.mark.parametrize(
    ("header", "token"),
    [
        ("Bearer abc", "abc"),
        ("bearer abc", "abc"),
        ("BEARER  abc ", "abc"),
        ("Bearer", None),
        ("Token abc", None),
        ("", None),
    ],
)
def test_bearer_token(header, token):
    assert bearer_token({"authorization": header}) == token


def test_no_header_means_no_token():
    assert bearer_token({}) is None


def test_key_checks_return_rate_headers():
    headers = authorize_key({"authorization": "Bearer k"}, {"k"}, RateLimiter(5))
    assert headers["X-RateLimit-Remaining"] == "4"


@pytest.mark.parametrize(
    ("headers", "message"),
    [({}, MISSING_KEY), ({"authorization": "Bearer other"}, INVALID_KEY_OR_SITE)],
)
def test_key_failures_are_401(headers, message):
    with pytest.raises(ApiError) as raised:
        authorize_key(headers, {"k"}, RateLimiter(5))
    assert (raised.value.status, raised.value.message) == (401, message)


def test_unknown_keys_do_not_use_up_the_limit():
    limiter = RateLimiter(1)
    with pytest.raises(ApiError):
        authorize_key({"authorization": "Bearer other"}, {"k"}, limiter)
    assert (
        authorize_key({"authorization": "Bearer k"}, {"k"}, limiter)["X-RateLimit-Remaining"] == "0"
    )

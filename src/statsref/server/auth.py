"""The first steps of the real API's authorisation sequence, with its exact messages.

Order, as in the real plug: bearer token present -> key known -> rate limit. The next steps
(``site_id`` given: 400; site known: 401) need the body and are the engine's first checks.
"""

from __future__ import annotations

from collections.abc import Mapping, Set

from statsref.engine.language.parse import UNKNOWN_SITE

from .errors import ApiError
from .ratelimit import RateLimiter

MISSING_KEY = "Missing API key. Please use a valid Plausible API key as a Bearer Token."
INVALID_KEY_OR_SITE = UNKNOWN_SITE
"""The real API gives one message for an unknown key and an unknown site."""


def bearer_token(headers: Mapping[str, str]) -> str | None:
    """The token of an ``Authorization: Bearer <token>`` header (scheme case-insensitive)."""
    scheme, _, token = headers.get("authorization", "").strip().partition(" ")
    token = token.strip()
    return token if scheme.lower() == "bearer" and token else None


def authorize_key(
    headers: Mapping[str, str], keys: Set[str], limiter: RateLimiter
) -> dict[str, str]:
    """Check the key and count the request; returns the rate-limit headers for the response."""
    token = bearer_token(headers)
    if token is None:
        raise ApiError(401, MISSING_KEY)
    if token not in keys:
        raise ApiError(401, INVALID_KEY_OR_SITE)
    return limiter.hit(token)

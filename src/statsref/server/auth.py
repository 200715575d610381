"""The real API's authorisation sequence for ``/api/v2/query``, with its exact messages.

Order, as in the real plug: bearer token present -> key known -> rate limit -> ``site_id``
given -> site known to the key. The first failure answers; later checks do not run.
"""

from __future__ import annotations

from collections.abc import Mapping, Set
from typing import Any

from statsref.engine.sites import SITES

from .errors import ApiError
from .ratelimit import RateLimiter

MISSING_KEY = "Missing API key. Please use a valid Plausible API key as a Bearer Token."
INVALID_KEY_OR_SITE = (
    "Invalid API key or site ID. Please make sure you're using a valid API key "
    "with access to the site you've requested."
)
MISSING_SITE = "Missing site ID. Please provide the required site_id parameter with your request."


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


def authorize_site(body: Any, rate_headers: Mapping[str, str]) -> None:
    """``site_id`` must be present (400) and name a site of the dataset (401, as the real API).

    A body that is not a JSON object has no ``site_id`` either: the real API reads the key
    from the parsed parameters, so it answers the same 400.
    """
    if not isinstance(body, dict) or body.get("site_id") in (None, ""):
        raise ApiError(400, MISSING_SITE, rate_headers)
    site_id = body["site_id"]
    if not isinstance(site_id, str) or site_id not in SITES:
        raise ApiError(401, INVALID_KEY_OR_SITE, rate_headers)

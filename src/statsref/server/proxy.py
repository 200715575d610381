"""``POST /api/proxy/v2/query``: the live mode for browsers.

A live instance sends no CORS headers, so the playground posts to this same-origin route and
the server forwards the body and the caller's ``Authorization`` header to
``<upstream>/api/v2/query``. Upstream failures become JSON errors (502, 504). The key is
passed through and never logged, stored or put in a message; the mock's own keys and rate
limit do not apply here, the upstream checks the key.
"""

from __future__ import annotations

import json
import logging

import httpx
from starlette.requests import Request
from starlette.responses import Response

from statsref import __version__

from .errors import ApiError

log = logging.getLogger("statsref.server")

RELAYED_HEADERS = ("x-ratelimit-limit", "x-ratelimit-remaining", "x-ratelimit-reset", "retry-after")


class Proxy:
    """One pooled ``httpx.AsyncClient`` for the server's lifetime, opened on first use."""

    def __init__(self, upstream: str, *, timeout: float) -> None:
        self.upstream = upstream
        self.display = _display_url(upstream)
        self.timeout = timeout
        self._client: httpx.AsyncClient | None = None

    @property
    def client(self) -> httpx.AsyncClient:
        if self._client is None:
            self._client = httpx.AsyncClient(
                base_url=self.upstream,
                timeout=httpx.Timeout(self.timeout, connect=min(self.timeout, 10.0)),
                limits=httpx.Limits(max_connections=32, max_keepalive_connections=8),
                headers={"User-Agent": f"statsref-proxy/{__version__}"},
                follow_redirects=False,
            )
        return self._client

    async def aclose(self) -> None:
        if self._client is not None:
            await self._client.aclose()
            self._client = None

    async def forward(self, request: Request, raw_body: bytes) -> Response:
        """Send ``raw_body`` upstream with the caller's key; relay a JSON answer as it is."""
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        if "authorization" in request.headers:
            headers["Authorization"] = request.headers["authorization"]
        try:
            upstream = await self.client.post("/api/v2/query", content=raw_body, headers=headers)
        except httpx.TimeoutException:
            raise ApiError(
                504, f"Upstream {self.display} did not answer within {self.timeout:g} s."
            ) from None
        except httpx.HTTPError as exc:
            raise ApiError(
                502, f"Could not reach upstream {self.display}: {type(exc).__name__}."
            ) from None
        return self._relay(upstream)

    def _relay(self, upstream: httpx.Response) -> Response:
        """Pass a JSON body through byte for byte, with the upstream's rate-limit headers."""
        try:
            json.loads(upstream.content)
        except ValueError:
            content_type = upstream.headers.get("content-type", "no content type")
            raise ApiError(
                502,
                f"Upstream {self.display} answered {upstream.status_code} with a body that "
                f"is not JSON ({content_type}).",
            ) from None
        relayed = {
            name: upstream.headers[name] for name in RELAYED_HEADERS if name in upstream.headers
        }
        return Response(
            upstream.content,
            status_code=upstream.status_code,
            headers=relayed,
            media_type="application/json",
        )


def _display_url(url: str) -> str:
    """The upstream as shown in messages: scheme, host and port, never credentials or path."""
    parsed = httpx.URL(url)
    port = f":{parsed.port}" if parsed.port else ""
    return f"{parsed.scheme}://{parsed.host}{port}"

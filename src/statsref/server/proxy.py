"""``POST /api/proxy/v2/query``: the live mode for browsers.

A live instance sends no CORS headers, so the playground posts to this same-origin route and
the server forwards the body and the caller's bearer key to ``<upstream>/api/v2/query``.
The key is passed through and never logged, stored or put in a message; the mock's own keys
and rate limit do not apply here, the upstream checks the key. The proxy is bounded so that
a slow or hostile upstream cannot hold the mock:

- a request without a key is answered 401 here: the proxy is no open relay to the upstream;
- cookies the upstream sets are dropped, never sent on a later call (of any caller);
- at most ``PROXY_CALLS`` calls are in flight (503 beyond), on a connection pool of their
  own, so slow calls cannot take every connection of the server;
- a call has ``timeout`` seconds in all (504), however slowly the upstream trickles bytes;
- an answer over ``MAX_UPSTREAM_BYTES`` (502) is not relayed, nor one that is not JSON or
  whose status is not a valid HTTP status.
"""

from __future__ import annotations

import json
from http.cookiejar import CookieJar, DefaultCookiePolicy

import anyio
import httpx
from starlette.requests import Request
from starlette.responses import Response

from statsref import __version__

from .auth import MISSING_KEY, bearer_token
from .errors import ApiError

RELAYED_HEADERS = ("x-ratelimit-limit", "x-ratelimit-remaining", "x-ratelimit-reset", "retry-after")
PROXY_CALLS = 16
"""Upstream calls in flight at most."""
MAX_UPSTREAM_BYTES = 16 * 1024 * 1024
"""Largest upstream answer relayed (a full page of 10,000 rows is about 2 MB)."""
RETRY_AFTER_SECONDS = 1


def _no_cookies() -> CookieJar:
    """A cookie jar whose policy accepts no cookie from any domain (httpx copies a
    ``Cookies`` into a default jar, but keeps a ``CookieJar`` as it is)."""
    return CookieJar(policy=DefaultCookiePolicy(allowed_domains=[]))


class Proxy:
    """One pooled ``httpx.AsyncClient`` for the server's lifetime, opened on first use."""

    def __init__(self, upstream: str, *, timeout: float, calls: int = PROXY_CALLS) -> None:
        self.upstream = upstream
        self.display = display_url(upstream)
        self.timeout = timeout
        self.calls = calls
        self._in_flight = 0
        self._client: httpx.AsyncClient | None = None

    @property
    def client(self) -> httpx.AsyncClient:
        if self._client is None:
            self._client = httpx.AsyncClient(
                base_url=self.upstream,
                timeout=httpx.Timeout(self.timeout, connect=min(self.timeout, 10.0)),
                limits=httpx.Limits(max_connections=self.calls, max_keepalive_connections=8),
                headers={"User-Agent": f"statsref-proxy/{__version__}"},
                cookies=_no_cookies(),
                follow_redirects=False,
            )
        return self._client

    async def aclose(self) -> None:
        if self._client is not None:
            await self._client.aclose()
            self._client = None

    async def forward(self, request: Request, raw_body: bytes) -> Response:
        """Send ``raw_body`` upstream with the caller's key; relay a JSON answer as it is."""
        token = bearer_token(request.headers)
        if token is None:
            raise ApiError(401, MISSING_KEY)
        if self._in_flight >= self.calls:
            raise ApiError(
                503,
                f"The proxy has {self.calls} calls to {self.display} in flight, its limit. "
                "Try again shortly.",
                {"Retry-After": str(RETRY_AFTER_SECONDS)},
            )
        self._in_flight += 1
        try:
            with anyio.fail_after(self.timeout):
                return await self._call(token, raw_body)
        except (TimeoutError, httpx.TimeoutException):
            raise ApiError(
                504, f"Upstream {self.display} did not answer within {self.timeout:g} s."
            ) from None
        except httpx.HTTPError as exc:
            raise ApiError(
                502, f"Could not reach upstream {self.display}: {type(exc).__name__}."
            ) from None
        finally:
            self._in_flight -= 1

    async def _call(self, token: str, raw_body: bytes) -> Response:
        headers = {
            "Content-Type": "application/json",
            "Accept": "application/json",
            "Authorization": f"Bearer {token}",
        }
        async with self.client.stream(
            "POST", "/api/v2/query", content=raw_body, headers=headers
        ) as upstream:
            content = await self._read(upstream)
        return self._relay(upstream, content)

    async def _read(self, upstream: httpx.Response) -> bytes:
        """The body, refused (502) as soon as it is known to pass ``MAX_UPSTREAM_BYTES``."""
        declared = upstream.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > MAX_UPSTREAM_BYTES:
            raise self._too_large()
        chunks: list[bytes] = []
        size = 0
        async for chunk in upstream.aiter_bytes():
            size += len(chunk)
            if size > MAX_UPSTREAM_BYTES:
                raise self._too_large()
            chunks.append(chunk)
        return b"".join(chunks)

    def _too_large(self) -> ApiError:
        return ApiError(
            502,
            f"Upstream {self.display} answered more than {MAX_UPSTREAM_BYTES} bytes, the most "
            "the proxy relays.",
        )

    def _relay(self, upstream: httpx.Response, content: bytes) -> Response:
        """Pass a JSON body through byte for byte, with the upstream's rate-limit headers."""
        if not 200 <= upstream.status_code <= 599:
            raise ApiError(
                502,
                f"Upstream {self.display} answered with status {upstream.status_code}, which is "
                "not a valid HTTP status.",
            )
        try:
            json.loads(content)
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
            content,
            status_code=upstream.status_code,
            headers=relayed,
            media_type="application/json",
        )


def display_url(url: str) -> str:
    """The upstream as shown in messages: scheme, host and port, never credentials or path."""
    parsed = httpx.URL(url)
    port = f":{parsed.port}" if parsed.port else ""
    return f"{parsed.scheme}://{parsed.host}{port}"

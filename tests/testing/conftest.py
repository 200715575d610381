"""What the ``statsref.testing`` tests share: requests covering every status of the endpoint, and
an answer reduced to what a client can see of it, minus the two headers only the wire adds."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import httpx

from statsref.defaults import DEMO_KEY
from statsref.server.clock import CLOCK_HEADER

AUTH = {"Authorization": f"Bearer {DEMO_KEY}"}
QUERY = {"site_id": "dummy.site", "metrics": ["visitors", "pageviews"], "date_range": "7d"}
WIRE_HEADERS = {"date", "server"}
"""Set by uvicorn on the wire, not by the app: a transport has no wire."""


@dataclass(frozen=True)
class Call:
    method: str = "POST"
    path: str = "/api/v2/query"
    headers: dict[str, str] = field(default_factory=lambda: dict(AUTH))
    json: Any = None
    content: bytes | None = None

    def send(self, client: httpx.Client) -> httpx.Response:
        return client.request(
            self.method, self.path, headers=self.headers, json=self.json, content=self.content
        )

    async def send_async(self, client: httpx.AsyncClient) -> httpx.Response:
        return await client.request(
            self.method, self.path, headers=self.headers, json=self.json, content=self.content
        )


CALLS = {
    "200": Call(json=QUERY),
    "200 breakdown": Call(json={**QUERY, "dimensions": ["visit:source"]}),
    "200 under the clock a request asks for": Call(
        headers={**AUTH, CLOCK_HEADER: "2026-11-02T14:30:00+00:00"}, json=QUERY
    ),
    "400 unknown metric": Call(json={**QUERY, "metrics": ["visitors", "nope"]}),
    "400 not JSON": Call(
        content=b'{"site_id": ', headers={**AUTH, "Content-Type": "application/json"}
    ),
    "401 no key": Call(headers={}, json=QUERY),
    "401 unknown key": Call(headers={"Authorization": "Bearer wrong"}, json=QUERY),
    "401 unknown site": Call(json={**QUERY, "site_id": "nobody.example"}),
    "402 locked site": Call(json={**QUERY, "site_id": "locked.dummy.site"}),
    "402 plan without the Stats API": Call(json={**QUERY, "site_id": "no-api.dummy.site"}),
    "404 unknown path": Call(path="/api/v2/nothing", json=QUERY),
    "405 wrong method": Call(method="GET"),
    "413 body too large": Call(content=b" " * (65 * 1024)),
    "415 not JSON media type": Call(content=b"{}", headers={**AUTH, "Content-Type": "text/plain"}),
}


def seen(response: httpx.Response) -> tuple[int, Any, dict[str, str]]:
    """Status, decoded body and headers (but ``WIRE_HEADERS``) of an answer."""
    headers = {name: value for name, value in response.headers.items() if name not in WIRE_HEADERS}
    return response.status_code, response.json(), headers

"""HttpMiddleware: HTTP requests go to ``http``, anything else straight to the app."""

from __future__ import annotations

import pytest

from statsref.server.asgi import HttpMiddleware

pytestmark = pytest.mark.anyio


class Recording(HttpMiddleware):
    async def http(self, scope, receive, send):
        seen.append(("middleware", scope["type"]))


seen: list[tuple[str, str]] = []


async def app(scope, receive, send):
    seen.append(("app", scope["type"]))


async def test_http_goes_to_the_middleware_and_lifespan_to_the_app():
    seen.clear()
    middleware = Recording(app)
    await middleware({"type": "http"}, None, None)
    await middleware({"type": "lifespan"}, None, None)
    assert seen == [("middleware", "http"), ("app", "lifespan")]

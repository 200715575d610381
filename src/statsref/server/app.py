"""The Starlette application: routes, middleware and the state they share."""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Mount, Route

from statsref import __version__
from statsref.engine import Share, run_query
from statsref.engine.run.deadline import BUSY_STATUS, RETRY_AFTER_SECONDS
from statsref.schema import query_file_schema, query_schema, response_schema, sites_schema

from .access_log import AccessLogMiddleware
from .auth import authorize_key, bearer_token
from .body import read_json_body
from .clock import CLOCK_HEADER, examples_clock, requested_clock
from .datasets import DatasetCache
from .errors import EXCEPTION_HANDLERS, ApiError, LastResortMiddleware
from .fairness import Clients, Identity, client_identity
from .headers import SecurityHeadersMiddleware, content_security_policy, inline_script_hashes
from .openapi import build_openapi
from .proxy import Proxy
from .ratelimit import RateLimiter
from .settings import Settings
from .static import site_mount


@dataclass
class ServerState:
    settings: Settings
    datasets: DatasetCache
    limiter: RateLimiter
    clients: Clients
    proxy: Proxy | None
    schemas: dict[str, dict[str, Any]]
    openapi: dict[str, Any]


def _state(request: Request) -> ServerState:
    return request.app.state.statsref


async def query(request: Request) -> JSONResponse:
    """``POST /api/v2/query``: body checks, key and rate limit, the client's fair share
    (``fairness``), then the engine (which checks ``site_id`` first, as the real API's auth
    layer does), under the server's clock or the one the request asks for
    (``X-Statsref-Clock``), which the response names."""
    state = _state(request)
    _, body = await read_json_body(request, state.settings.max_body_bytes)
    rate_headers = authorize_key(request.headers, state.settings.keys, state.limiter)
    clock = requested_clock(request.headers)
    client = client_identity(request.client.host if request.client else None, _key(request))
    gone = threading.Event()
    watcher = asyncio.ensure_future(_notice_departure(request, gone))
    try:
        async with state.clients.admitted(client) as share:
            asked = Asked(body, clock, client, share, rate_headers, gone.is_set)
            return await state.clients.run(client, _answer, state.datasets, asked)
    finally:
        watcher.cancel()


def _key(request: Request) -> str:
    key = bearer_token(request.headers)
    assert key is not None  # authorize_key let the request through
    return key


async def _notice_departure(request: Request, gone: threading.Event) -> None:
    """Set ``gone`` when the client closes its connection before its answer is ready (the
    body is read by then: the next message can only say that), so the engine stops waiting
    for the dataset or working on the query for nobody."""
    while (await request.receive())["type"] != "http.disconnect":
        pass
    gone.set()


@dataclass(frozen=True)
class Asked:
    """What a query request brings to the engine: the body, the clock it asks for (or
    ``None``), the client and its share, its rate-limit headers, and whether it has left."""

    body: Any
    clock: datetime | None
    client: Identity
    share: Share
    rate_headers: dict[str, str]
    abandoned: Callable[[], bool]


def _answer(datasets: DatasetCache, asked: Asked) -> JSONResponse:
    """The engine call and the JSON encoding of its answer, in a thread of the query pool:
    the event loop keeps serving while SQLite works and while a large answer is encoded (the
    engine gives queries their turns at the dataset). The clock is the playground's
    ``X-Statsref-Clock``, else the server's own; once the client has left the access log
    shows 499. A query the engine found too busy to run gets ``Retry-After``.

    A 401 for an unknown site carries no rate-limit headers, so it reads exactly like the
    401 for an unknown key: the headers would tell a valid key from an invalid one."""
    clock = asked.clock
    now = clock or datasets.now()
    dataset = datasets.for_clock(clock, asked.client) if clock else datasets.get(now)
    status, result = run_query(
        asked.body, dataset=dataset, now=now, abandoned=asked.abandoned, share=asked.share
    )
    headers = {} if status == 401 else {**asked.rate_headers, CLOCK_HEADER: now.isoformat()}
    if status == BUSY_STATUS:
        headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return JSONResponse(result, status_code=status, headers=headers)


async def proxy_query(request: Request) -> Response:
    """``POST /api/proxy/v2/query``: the same body checks, then the live upstream answers."""
    state = _state(request)
    assert state.proxy is not None
    raw, _ = await read_json_body(request, state.settings.max_body_bytes)
    return await state.proxy.forward(request, raw)


SERVICE = "statsref"
"""``/health``'s ``service``: how the playground tells this server from any other origin."""


async def health(request: Request) -> JSONResponse:
    state = _state(request)
    return JSONResponse(
        {
            "status": "ok",
            "service": SERVICE,
            "version": __version__,
            "now": state.datasets.now().isoformat(),
            "clock_pinned": state.datasets.pinned_now is not None,
            "dataset_events": state.datasets.events,
            "sites": state.datasets.sites.domains,
            "sites_from": state.datasets.sites.origin,
            "proxy": state.proxy is not None,
        }
    )


async def schema(request: Request) -> JSONResponse:
    """``/schema/<name>.schema.json``: the query and response schemas, the query-file variant
    for editors and the sites file's, when no built site (which holds them) is served."""
    found = _state(request).schemas.get(request.path_params["name"])
    if found is None:
        raise ApiError(404, f"Not found: {request.url.path}")
    return JSONResponse(found)


async def openapi(request: Request) -> JSONResponse:
    return JSONResponse(_state(request).openapi)


def _routes(settings: Settings) -> list[BaseRoute]:
    """API routes live under one ``/api`` mount, so an unknown ``/api/...`` path or a wrong
    method gets a JSON 404/405 from the mount's router instead of falling through to the site."""
    api: list[BaseRoute] = [Route("/v2/query", query, methods=["POST"])]
    if settings.upstream:
        api.append(Route("/proxy/v2/query", proxy_query, methods=["POST"]))
    routes: list[BaseRoute] = [
        Mount("/api", routes=api),
        Route("/health", health, methods=["GET"]),
        Route("/openapi.json", openapi, methods=["GET"]),
    ]
    site = None if settings.site_dir is None else site_mount(settings.site_dir)
    if site is None:
        routes.append(Route("/schema/{name:str}.schema.json", schema, methods=["GET"]))
    else:  # the built site holds the schemas too, with compressed copies and cache headers
        routes.append(site)
    return routes


def _middleware(settings: Settings) -> list[Middleware]:
    """Outermost first: security headers on every answer, one access-log line each, the 500
    of last resort, then CORS."""
    hashes = set() if settings.site_dir is None else inline_script_hashes(settings.site_dir)
    policy = content_security_policy(hashes)
    middleware = [
        Middleware(SecurityHeadersMiddleware, policy=policy),
        Middleware(AccessLogMiddleware),
        Middleware(LastResortMiddleware),
    ]
    if settings.cors_origins:
        middleware.append(
            Middleware(
                CORSMiddleware,
                allow_origins=list(settings.cors_origins),
                allow_methods=["GET", "POST"],
                allow_headers=["Authorization", "Content-Type", CLOCK_HEADER],
                expose_headers=[
                    CLOCK_HEADER,
                    "X-RateLimit-Limit",
                    "X-RateLimit-Remaining",
                    "X-RateLimit-Reset",
                    "Retry-After",
                ],
                max_age=600,
            )
        )
    return middleware


def create_app(settings: Settings) -> Starlette:
    """The server for ``settings``. The dataset is built by the lifespan (or on first use)."""
    schemas = {
        "query": query_schema(),
        "response": response_schema(),
        "query-file": query_file_schema(),
        "sites": sites_schema(),
    }
    state = ServerState(
        settings=settings,
        datasets=DatasetCache(
            events=settings.dataset_size,
            seed=settings.seed,
            sites=settings.sites,
            pinned_now=settings.now,
            lazy=settings.lazy_dataset,
        ),
        limiter=RateLimiter(settings.rate_limit),
        clients=Clients(per_client=settings.queries_per_client),
        proxy=Proxy(
            settings.upstream, timeout=settings.upstream_timeout, calls=settings.upstream_calls
        )
        if settings.upstream
        else None,
        schemas=schemas,
        openapi=build_openapi(schemas["query"], schemas["response"], proxy=bool(settings.upstream)),
    )
    if (clock := examples_clock(settings.site_dir)) is not None:
        state.datasets.keep(clock)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        state.datasets.get(state.datasets.now())
        yield
        if state.proxy is not None:
            await state.proxy.aclose()

    app = Starlette(
        routes=_routes(settings),
        middleware=_middleware(settings),
        exception_handlers=EXCEPTION_HANDLERS,
        lifespan=lifespan,
    )
    app.state.statsref = state
    return app

"""``statsref serve``: the app on uvicorn with connection guards, bound to loopback unless
``--host`` says otherwise."""

from __future__ import annotations

import argparse
import logging
import sys
from typing import Any

import uvicorn

from statsref.defaults import DEMO_KEY

from . import logs
from .app import create_app
from .connections import accept_backlog, connection_cap, guarded_protocol
from .proxy import Proxy
from .settings import Settings, SettingsError, served_sites

TRY_QUERY = '{"site_id": "%s", "metrics": ["visitors"], "date_range": "7d"}'
log = logging.getLogger("statsref.server")


def serve(args: argparse.Namespace) -> int:
    try:
        settings = Settings.from_args(args)
    except SettingsError as exc:
        print(f"statsref serve: {exc}", file=sys.stderr)
        return 2
    logs.configure()
    app = create_app(settings)
    _log_hints(settings, app.state.statsref.proxy)
    uvicorn.run(app, **uvicorn_options(settings))
    return 0


def uvicorn_options(settings: Settings) -> dict[str, Any]:
    """How ``serve`` runs uvicorn: with the connection guards of ``connections`` (and a
    listen backlog to match), without its own access log (it would duplicate
    statsref.server.access) and without a logging config of its own (its lines go through
    the root handler and its filter, see ``logs``)."""
    cap = connection_cap(settings.max_connections)
    return {
        "host": settings.host,
        "port": settings.port,
        "http": guarded_protocol(cap, settings.request_seconds),
        "backlog": accept_backlog(cap),
        "access_log": False,
        "log_level": "info",
        "log_config": None,
    }


def _log_hints(settings: Settings, proxy: Proxy | None) -> None:
    """The sites served, and a ready-to-paste curl line while the public demo key works
    (custom keys stay unlogged)."""
    sites = served_sites(settings)
    log.info("serving %s: %s", sites.origin, ", ".join(sites.domains))
    if DEMO_KEY in settings.keys:
        log.info(
            "try: curl -s http://%s:%d/api/v2/query -H 'Authorization: Bearer %s' "
            "-H 'Content-Type: application/json' -d '%s'",
            settings.host,
            settings.port,
            DEMO_KEY,
            TRY_QUERY % next(iter(sites.traffic()), sites.domains[0]),
        )
    if proxy is not None:
        log.info("proxying POST /api/proxy/v2/query to %s", proxy.display)

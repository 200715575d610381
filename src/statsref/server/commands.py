"""``statsref serve``: the app on uvicorn with connection guards, bound to loopback unless
``--host`` says otherwise; with ``--workers N``, N processes on one socket (uvicorn's
supervisor, which replaces a worker that dies), each with its own app, lazy dataset and
accounts of fairness."""

from __future__ import annotations

import argparse
import logging
import sys
from dataclasses import dataclass, replace
from typing import Any

import uvicorn
from starlette.applications import Starlette
from uvicorn.supervisors import Multiprocess

from statsref.defaults import DEMO_KEY

from . import logs
from .app import create_app
from .connections import GuardedProtocols, accept_backlog, connection_cap
from .proxy import display_url
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
    _log_hints(settings)
    if settings.workers == 1:
        uvicorn.run(create_app(settings), **uvicorn_options(settings))
    else:
        run_workers(settings)
    return 0


@dataclass(frozen=True)
class WorkerApp:
    """The app of one worker process: uvicorn pickles this factory into each process it starts,
    which calls it there. A worker's dataset is lazy: N full datasets would take N times the
    start-up and the memory, for days most workers never read."""

    settings: Settings

    def __call__(self) -> Starlette:
        logs.configure()
        return create_app(replace(self.settings, lazy_dataset=True))


def run_workers(settings: Settings) -> None:
    """``settings.workers`` processes answering on one socket, bound here before they start."""
    config = uvicorn.Config(
        WorkerApp(settings), factory=True, workers=settings.workers, **uvicorn_options(settings)
    )
    Multiprocess(config, sockets=[config.bind_socket()]).run()


def uvicorn_options(settings: Settings) -> dict[str, Any]:
    """How ``serve`` runs uvicorn: with the connection guards of ``connections`` (and a
    listen backlog to match), without its own access log (it would duplicate
    statsref.server.access) and without a logging config of its own (its lines go through
    the root handler and its filter, see ``logs``)."""
    cap = connection_cap(settings.max_connections)
    return {
        "host": settings.host,
        "port": settings.port,
        "http": GuardedProtocols(cap, settings.request_seconds),
        "backlog": accept_backlog(cap),
        "access_log": False,
        "log_level": "info",
        "log_config": None,
    }


def _log_hints(settings: Settings) -> None:
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
    if settings.upstream is not None:
        log.info("proxying POST /api/proxy/v2/query to %s", display_url(settings.upstream))

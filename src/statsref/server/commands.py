"""``statsref serve``: the app on uvicorn, bound to loopback unless ``--host`` says otherwise."""

from __future__ import annotations

import argparse
import logging
import sys

import uvicorn

from .app import create_app
from .settings import Settings, SettingsError

LOG_FORMAT = "%(asctime)s %(levelname)s %(message)s"


def serve(args: argparse.Namespace) -> int:
    try:
        settings = Settings.from_args(args)
    except SettingsError as exc:
        print(f"statsref serve: {exc}", file=sys.stderr)
        return 2
    logging.basicConfig(level=logging.INFO, format=LOG_FORMAT)
    app = create_app(settings)
    proxy = app.state.statsref.proxy
    if proxy is not None:
        logging.getLogger("statsref.server").info(
            "proxying POST /api/proxy/v2/query to %s", proxy.display
        )
    # uvicorn's own access log would duplicate statsref.server.access.
    uvicorn.run(app, host=settings.host, port=settings.port, access_log=False, log_level="info")
    return 0

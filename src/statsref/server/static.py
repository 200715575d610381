"""The built docs site, served from ``--site-dir`` at ``/``."""

from __future__ import annotations

import logging
import mimetypes
from pathlib import Path

from starlette.routing import Mount
from starlette.staticfiles import StaticFiles

log = logging.getLogger("statsref.server")

# Browsers refuse module scripts and streaming WebAssembly compilation under the wrong MIME
# type, and some systems' mime tables lack these two (the playground needs both).
mimetypes.add_type("text/javascript", ".mjs")
mimetypes.add_type("application/wasm", ".wasm")


def site_mount(site_dir: Path) -> Mount | None:
    """A mount serving ``site_dir`` (``index.html`` for folders, ``404.html`` when present),
    or ``None`` with a logged hint when the site has not been built."""
    if not site_dir.is_dir():
        log.warning(
            "no site at %s: serving the API only. Build the docs first (`nox -s docs`) "
            "or point --site-dir at a built site.",
            site_dir,
        )
        return None
    return Mount("/", app=StaticFiles(directory=site_dir, html=True), name="site")

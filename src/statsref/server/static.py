"""The built docs site, served from ``--site-dir`` at ``/``.

On top of Starlette's ``StaticFiles`` (``index.html`` for folders, ``404.html``, ETag and 304):

- **Compressed copies.** The docs build writes ``<file>.br`` and ``<file>.gz`` next to the larger
  files (``statsref.docsgen.compress``). A browser that accepts one gets it, ``br`` before
  ``gzip`` (an encoding with ``q=0`` is refused), with ``Content-Encoding``, the copy's own
  length and ETag, and the file's type; every file that has copies is sent with ``Vary:
  Accept-Encoding``. A Range request gets the file itself, whose byte ranges it names.
- **Caching.** A file whose name or folder carries a content hash (Material's
  ``bundle.<hash>.min.js``, esbuild's ``editor-<HASH>.mjs``, the playground's ``pyodide-<hash>/``
  and ``python-<hash>.zip``) changes name when it changes: browsers may keep it for a year
  (``immutable``). Everything else, HTML first, is revalidated on each use (``no-cache``; the
  ETag makes that a 304).
- **Cross-origin reads.** Every file, ``304`` answers included, is sent with
  ``Access-Control-Allow-Origin: *``: a page on another site that embeds widgets (``embed.js``)
  loads their scripts, the worker, Pyodide, the schema and the data from here in CORS mode. The
  files are public and are read without credentials, so any origin may read them.
- **Dotfiles** (any path segment starting with ``.``) are never served: 404.
- **The copies themselves** are never served under their own names (``/index.html.gz`` would
  be gzip bytes labelled ``text/html``, with no ``Content-Encoding``): 404. A ``.gz`` or
  ``.br`` file without a file of the name before its suffix (a download) is served.
- **Folders without their slash** are redirected with a ``Location`` that is a path on this
  server, never built from the request's ``Host`` header.
"""

from __future__ import annotations

import errno
import logging
import mimetypes
import os
import re
import stat
from pathlib import Path

import anyio.to_thread
from starlette._utils import get_route_path
from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.responses import FileResponse, RedirectResponse, Response
from starlette.routing import Mount
from starlette.staticfiles import NotModifiedResponse, StaticFiles
from starlette.types import Scope

log = logging.getLogger("statsref.server")

# Browsers refuse module scripts and streaming WebAssembly compilation under the wrong MIME
# type, and some systems' mime tables lack these two (the playground needs both).
mimetypes.add_type("text/javascript", ".mjs")
mimetypes.add_type("application/wasm", ".wasm")

# Content codings of the build's copies, best first: (coding, file suffix).
ENCODINGS = (("br", ".br"), ("gzip", ".gz"))
IMMUTABLE = "public, max-age=31536000, immutable"
ANY_ORIGIN = {"Access-Control-Allow-Origin": "*"}
REVALIDATE = "no-cache"
# A content hash after "." or "-" and before "." or the end of a path segment: 8 or more hex
# digits (Material, ours) or esbuild's 8 base-32 capitals. A real hash mixes digits and
# letters, which keeps dates and words out.
_HASH = re.compile(r"[.-]([0-9a-f]{8,}|[0-9A-Z]{8})(?=\.|/|$)")


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
    return Mount("/", app=SiteFiles(directory=site_dir, html=True), name="site")


def fingerprinted(path: str) -> bool:
    """Whether a URL path names a file by its content hash (see ``_HASH``)."""
    return any(
        any(c.isdigit() for c in match[1]) and any(c.isalpha() for c in match[1])
        for match in _HASH.finditer(path)
    )


def accepted_encoding(header: str, available: list[str]) -> str | None:
    """The best of ``available`` codings that ``Accept-Encoding: header`` accepts, or ``None``.

    Highest q-value first, ``br`` before ``gzip`` on a tie; ``*`` stands for codings not
    named, and ``q=0`` refuses.
    """
    weights: dict[str, float] = {}
    for item in header.split(","):
        coding, *params = (part.strip() for part in item.split(";"))
        weight = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    weight = float(value)
                except ValueError:
                    weight = 0.0
        if coding:
            weights[coding.lower()] = weight
    ranked = [
        (weights.get(coding, weights.get("*", 0.0)), -rank, coding)
        for rank, (coding, _) in enumerate(ENCODINGS)
        if coding in available
    ]
    weight, _, coding = max(ranked, default=(0.0, 0, ""))
    return coding if weight > 0 else None


class SiteFiles(StaticFiles):
    """``StaticFiles`` with the compression, caching, dotfile and redirect rules above."""

    async def get_response(self, path: str, scope: Scope) -> Response:
        if scope["method"] not in ("GET", "HEAD"):
            raise HTTPException(status_code=405, headers={"Allow": "GET, HEAD"})
        route = get_route_path(scope)
        if any(segment.startswith(".") for segment in route.split("/")):
            return await self._not_found(scope)
        if await self._is_copy(path):
            return await self._not_found(scope)
        full_path, found = await self._lookup(path)
        if found is not None and stat.S_ISDIR(found.st_mode):
            full_path, found = await self._lookup(os.path.join(path, "index.html"))
            if found is not None and not route.endswith("/"):
                return self._redirect_to_folder(route, scope)
        if found is None or not stat.S_ISREG(found.st_mode):
            return await self._not_found(scope)
        response = self._file(full_path, found, scope, route)
        if self.is_not_modified(response.headers, Headers(scope=scope)):
            not_modified = NotModifiedResponse(response.headers)  # keeps its own few headers
            not_modified.headers.update(ANY_ORIGIN)
            return not_modified
        return response

    async def _is_copy(self, path: str) -> bool:
        """Whether ``path`` names a compressed copy of a file: ``<file>.br`` or ``<file>.gz``
        next to ``<file>``."""
        for _, suffix in ENCODINGS:
            if path.endswith(suffix) and len(path) > len(suffix):
                _, found = await self._lookup(path.removesuffix(suffix))
                return found is not None and stat.S_ISREG(found.st_mode)
        return False

    async def _lookup(self, path: str) -> tuple[str, os.stat_result | None]:
        """``lookup_path`` in a thread, its errors mapped as ``StaticFiles`` maps them."""
        try:
            return await anyio.to_thread.run_sync(self.lookup_path, path)
        except PermissionError:
            raise HTTPException(status_code=401) from None
        except ValueError:  # a null byte in the path
            raise HTTPException(status_code=404) from None
        except OSError as exc:
            if exc.errno == errno.ENAMETOOLONG:
                raise HTTPException(status_code=404) from None
            raise

    def _redirect_to_folder(self, route: str, scope: Scope) -> Response:
        folder = "/".join(segment for segment in route.split("/") if segment)
        location = f"{scope.get('root_path', '')}/{folder}/"
        if scope.get("query_string"):
            location += "?" + scope["query_string"].decode("latin-1")
        return RedirectResponse(location)

    async def _not_found(self, scope: Scope) -> Response:
        full_path, found = await self._lookup("404.html")
        if found is None or not stat.S_ISREG(found.st_mode):
            raise HTTPException(status_code=404)
        return self._file(full_path, found, scope, "/404.html", status_code=404)

    def _file(
        self,
        full_path: str,
        found: os.stat_result,
        scope: Scope,
        route: str,
        status_code: int = 200,
    ) -> Response:
        """The file, or the compressed copy the request accepts, with our headers."""
        media_type = mimetypes.guess_type(full_path)[0] or "text/plain"
        immutable = fingerprinted(route) and media_type != "text/html"
        headers = {"Cache-Control": IMMUTABLE if immutable else REVALIDATE, **ANY_ORIGIN}
        copies = {
            coding: (f"{full_path}{suffix}", copy)
            for coding, suffix in ENCODINGS
            if (copy := _stat_file(f"{full_path}{suffix}")) and copy.st_mtime >= found.st_mtime
        }
        if copies:
            headers["Vary"] = "Accept-Encoding"
        request = Headers(scope=scope)
        coding = None
        if "range" not in request:
            coding = accepted_encoding(request.get("accept-encoding", ""), list(copies))
        if coding is not None:
            headers["Content-Encoding"] = coding
            full_path, found = copies[coding]
        return FileResponse(
            full_path,
            status_code=status_code,
            headers=headers,
            media_type=media_type,
            stat_result=found,
        )


def _stat_file(path: str) -> os.stat_result | None:
    try:
        result = os.stat(path)
    except OSError:
        return None
    return result if stat.S_ISREG(result.st_mode) else None

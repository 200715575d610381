"""Precompressed copies of the built site's files, for servers that send them as they are.

Next to every file of at least ``MIN_SIZE`` bytes the build writes ``<name>.br`` (brotli at its
highest quality) and ``<name>.gz`` (gzip -9), each only when it is smaller than the file.
``statsref serve`` sends them to browsers that accept them; a static host can do the same
(nginx's ``gzip_static`` and ``brotli_static``, for instance). Content that is compressed
already (images, fonts, deflated archives) is passed over: a quick deflate of its first 64 KB
saves less than a tenth.

Brotli's highest quality is slow (about half a minute for Pyodide's 9.6 MB WebAssembly binary,
which it shrinks to 2.7 MB where gzip gives 3.5 MB), so the copies are kept in the build cache
by a hash of the content: a rebuild only copies them, and the one-off work is logged.
"""

from __future__ import annotations

import gzip
import logging
import zlib
from collections.abc import Callable
from pathlib import Path

import brotli

from statsref.docsgen.buildcache import BuildCache, digest

log = logging.getLogger("statsref.docs")

MIN_SIZE = 1024
PROBE_BYTES = 64 * 1024
PROBE_MIN_SAVING = 0.1
ENCODINGS: dict[str, Callable[[bytes], bytes]] = {
    ".br": lambda data: brotli.compress(data, quality=11),
    ".gz": lambda data: gzip.compress(data, compresslevel=9, mtime=0),
}


def precompress(site_dir: Path, cache: BuildCache) -> list[Path]:
    """Write the compressed copies under ``site_dir``; return the paths written."""
    sources = [path for path in sorted(site_dir.rglob("*")) if _candidate(path)]
    contents = {path: data for path in sources if _compressible(data := path.read_bytes())}
    names = {path: f"compressed/{digest(data)}" for path, data in contents.items()}
    missing = [
        len(contents[path])
        for path, name in names.items()
        for suffix in ENCODINGS
        if not cache.has(name + suffix)
    ]
    if missing:
        log.info(
            "statsref: compressing %d copies of files (%.1f MB) with brotli and gzip, "
            "a one-off: they are kept in %s",
            len(missing),
            sum(missing) / 1e6,
            cache.folder,
        )
    written = []
    for path, data in contents.items():
        for suffix, encode in ENCODINGS.items():
            packed = cache.get(names[path] + suffix, _writer(encode, data)).read_bytes()
            if len(packed) < len(data):
                copy = path.with_name(path.name + suffix)
                copy.write_bytes(packed)
                written.append(copy)
    return written


def _writer(encode: Callable[[bytes], bytes], data: bytes) -> Callable[[Path], object]:
    return lambda target: target.write_bytes(encode(data))


def _candidate(path: Path) -> bool:
    return path.is_file() and path.suffix not in ENCODINGS and path.stat().st_size >= MIN_SIZE


def _compressible(data: bytes) -> bool:
    head = data[:PROBE_BYTES]
    return len(zlib.compress(head, 1)) <= len(head) * (1 - PROBE_MIN_SAVING)

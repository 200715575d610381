"""Build outputs kept across docs builds, by a key of their inputs.

The slow steps of the playground build (the Python pack, brotli at its highest quality) give
the same bytes for the same inputs, so their results are kept in one folder, under
``playground/node_modules/.cache/statsref/``: ``npm ci`` empties it, along with the packages
most of those inputs come from. Every use of an entry renews it, and ``prune`` removes those
no build has used for ``UNUSED_FOR`` (old versions of pages, of the engine's pack...).
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable
from pathlib import Path

UNUSED_FOR = 14 * 24 * 3600  # seconds


def digest(*parts: bytes) -> str:
    """The SHA-256 of ``parts`` (each length-prefixed, so no two lists share a digest)."""
    hasher = hashlib.sha256()
    for part in parts:
        hasher.update(len(part).to_bytes(8, "little"))
        hasher.update(part)
    return hasher.hexdigest()


class BuildCache:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def has(self, name: str) -> bool:
        return (self.folder / name).is_file()

    def get(self, name: str, make: Callable[[Path], object]) -> Path:
        """The cached file ``name``; made first by ``make(path)`` if it is not there yet.

        ``make`` writes to a temporary path that is renamed into place once complete, so an
        interrupted build never leaves a truncated file to be reused.
        """
        target = self.folder / name
        if self.has(name):
            os.utime(target)
            return target
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(f"{target.name}.{os.getpid()}.partial")
        try:
            make(partial)
            partial.replace(target)
        finally:
            partial.unlink(missing_ok=True)
        return target

    def prune(self) -> int:
        """Remove the entries unused for ``UNUSED_FOR``; return how many there were."""
        cutoff = time.time() - UNUSED_FOR
        stale = [
            path
            for path in self.folder.rglob("*")
            if path.is_file() and path.stat().st_mtime < cutoff
        ]
        for path in stale:
            path.unlink(missing_ok=True)
        return len(stale)

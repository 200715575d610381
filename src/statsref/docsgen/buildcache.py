"""Build outputs kept across docs builds, by a key of their inputs.

The slow steps of the playground build (the Python pack, brotli at its highest quality) give
the same bytes for the same inputs, so their results are kept in one folder, under
``playground/node_modules/.cache/statsref/``: ``npm ci`` empties it, along with the packages
most of those inputs come from.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from pathlib import Path


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
        if not self.has(name):
            target.parent.mkdir(parents=True, exist_ok=True)
            partial = target.with_name(f"{target.name}.{os.getpid()}.partial")
            try:
                make(partial)
                partial.replace(target)
            finally:
                partial.unlink(missing_ok=True)
        return target

"""Stats API v1 requests to v2 queries: ``convert`` reads a v1 URL or a ``curl`` command line.

The rules follow what the v1 endpoints do, not only what their reference says (the v1
controller, its query builder and its legacy filter parser in plausible/analytics). A mapping
that cannot be made exactly is made and explained in a note, never silently; input that cannot
be read raises ``MigrationError`` with one line saying why.

Standard library only: the docs site runs this package in the browser (Pyodide) with the engine.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from .endpoints import convert_request
from .errors import MigrationError
from .request import read_request

MAX_REQUEST_CHARS = 64 * 1024
"""Characters of a request the converter reads: a v1 URL or curl command is a few hundred."""


@dataclass(frozen=True)
class Conversion:
    """The v2 queries one v1 request becomes (none for realtime, two with ``compare``)."""

    queries: list[dict[str, Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {"queries": self.queries, "notes": self.notes}


def convert(text: str, today: date) -> Conversion:
    """Convert a v1 URL or curl command; ``today`` anchors periods v2 cannot say relatively."""
    if len(text) > MAX_REQUEST_CHARS:
        raise MigrationError(
            f"the request is {len(text):,} characters; the converter reads at most "
            f"{MAX_REQUEST_CHARS:,}"
        )
    notes: list[str] = []
    request = read_request(text, notes)
    queries = convert_request(request, today, notes)
    return Conversion(queries, list(dict.fromkeys(notes)))


__all__ = ["MAX_REQUEST_CHARS", "Conversion", "MigrationError", "convert"]

"""Stats API v1 requests and dashboard URLs to v2 queries: ``convert`` reads a v1 URL or a
``curl`` command line, or the address of a dashboard (``dashboard``).

The rules follow what the v1 endpoints and the dashboard do, not only what their reference
says (the v1 controller, its query builder and its legacy filter parser, the dashboard's URL
parser and reports, in plausible/analytics). A mapping that cannot be made exactly is made and
explained in a note, never silently; input that cannot be read raises ``MigrationError`` with
one line saying why.

Standard library only: the docs site runs this package in the browser (Pyodide) with the engine.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from .dashboard import convert_dashboard, is_dashboard_url
from .endpoints import convert_request
from .errors import MigrationError
from .request import read_request

MAX_REQUEST_CHARS = 64 * 1024
"""Characters of a request the converter reads: a v1 URL or curl command is a few hundred."""


@dataclass(frozen=True)
class Conversion:
    """The v2 queries a request or a dashboard URL becomes (none for v1's realtime, two with a
    comparison)."""

    queries: list[dict[str, Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {"queries": self.queries, "notes": self.notes}


def convert(
    text: str, today: date, *, panel: str | None = None, now: datetime | None = None
) -> Conversion:
    """Convert a v1 URL or curl command, or a dashboard URL. ``today`` anchors periods v2
    cannot say relatively; ``panel`` asks for one dashboard panel's breakdown instead of the
    top row; ``now`` is the moment a dashboard's realtime view ends at."""
    if len(text) > MAX_REQUEST_CHARS:
        raise MigrationError(
            f"the request is {len(text):,} characters; the converter reads at most "
            f"{MAX_REQUEST_CHARS:,}"
        )
    notes: list[str] = []
    if is_dashboard_url(text):
        queries = convert_dashboard(text.strip(), today, notes, panel_name=panel, now=now)
    elif panel is not None:
        raise MigrationError("a panel is part of a dashboard, not of a Stats API v1 request")
    else:
        queries = convert_request(read_request(text, notes), today, notes)
    return Conversion(queries, list(dict.fromkeys(notes)))


__all__ = ["MAX_REQUEST_CHARS", "Conversion", "MigrationError", "convert"]

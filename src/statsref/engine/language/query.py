"""The parsed, validated query: the contract between the parser and the executor.

The parser (``parse.py``) builds a ``Query`` from a request body or raises ``QueryError``;
the executor (``run.execute``) only ever sees a ``Query``, so it can trust every field.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from .site import Site

Filter = list[Any]
"""A filter in its JSON shape, after parsing: segments are expanded into their filters and
every leaf carries its modifiers as a 4th element:
``[op, dimension, clauses, {"case_sensitive": bool}]``. ``matches`` patterns are valid RE2 and
already rewritten into Python ``re`` syntax (``\\z`` -> ``\\Z``, ``(?<n>`` -> ``(?P<n>``).
"""


@dataclass(frozen=True)
class DateRange:
    """The resolved range, inclusive at both ends, as aware datetimes in the site timezone."""

    first: datetime
    last: datetime

    @property
    def first_utc(self) -> datetime:
        return self.first.astimezone(UTC)

    @property
    def last_utc(self) -> datetime:
        return self.last.astimezone(UTC)


@dataclass
class Query:
    """A query ready to run. ``dimensions`` has ``time`` replaced by its resolved bucket."""

    site: Site
    metrics: list[str]
    date_range: DateRange
    dimensions: list[str]
    filters: list[Filter]
    order_by: list[tuple[str, str]]
    include: dict[str, bool]
    limit: int
    offset: int
    echo: dict[str, Any]
    """The query as the response echoes it (defaults applied, keys in the API's order)."""

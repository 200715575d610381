"""The Stats API v2 query engine: parse, validate and run a query on the synthetic dataset.

Standard library only, so the same code runs in CPython and in Pyodide. ``run_query`` is the
one entry point servers and the playground call; it never raises on bad input, and bounds the
work a query may cause (``language.budget`` and ``run.deadline``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

from .data import Dataset, Reads
from .data.turns import Share, never
from .language import parse, words
from .language.errors import QueryError
from .language.query import Query
from .language.site import Site
from .language.words import Words
from .run.deadline import Work
from .run.execute import execute
from .sites import SiteSet, SitesFileError, demo_sites, parse_sites, read_sites_file

log = logging.getLogger("statsref.engine")

INTERNAL_ERROR = (
    "The query could not be run: the engine failed on it ({kind}). The query itself may be "
    "valid; please report it with the request body."
)


def parse_query(body: Any, *, now: datetime, sites: Mapping[str, Site] | None = None) -> Query:
    """The validated query, or ``QueryError`` with the API's message; ``sites`` are the sites
    it may name (by default the demo sites at ``now``; a dataset's are ``dataset.sites``)."""
    return parse.parse_query(body, now=now, sites=demo_sites().at(now) if sites is None else sites)


def validate_query(
    body: Any, *, now: datetime, sites: Mapping[str, Site] | None = None
) -> QueryError | None:
    """The error ``parse_query`` would raise for ``body``, or ``None`` (for the editor's lint)."""
    return parse.validate_query(
        body, now=now, sites=demo_sites().at(now) if sites is None else sites
    )


def explain(body: Any, *, now: datetime, sites: Mapping[str, Site] | None = None) -> Words:
    """The query in words (``language.words``), for the sites it may name (by default the demo
    sites at ``now``)."""
    return words.explain(body, now=now, sites=demo_sites().at(now) if sites is None else sites)


def explain_text(text: str, *, now: datetime, sites: Mapping[str, Site] | None = None) -> Words:
    """``explain`` of a query's text, which may not be JSON yet."""
    chosen = demo_sites().at(now) if sites is None else sites
    return words.explain_text(text, now=now, sites=chosen)


def rows_read(query: Query) -> Reads:
    """What ``query`` reads of the dataset: a lazy dataset builds it first."""
    days = query.date_range
    imported = bool(query.include.get("imports"))
    return Reads(query.site.domain, days.first.date(), days.last.date(), imported)


def run_query(
    body: Any,
    *,
    dataset: Dataset,
    now: datetime | None = None,
    abandoned: Callable[[], bool] = never,
    share: Share | None = None,
) -> tuple[int, dict[str, Any]]:
    """``(status, body)`` for a request body: 200 with results, or an error status with
    ``{"error": message}``. ``now`` defaults to the clock the dataset was built for;
    ``abandoned`` says when nobody waits for the answer any more; ``share`` is the account of
    the client the query works for (``data.turns``; by default one of its own). The rows the
    query reads are built, if need be, within its work budget (``run.deadline``)."""
    try:
        query = parse.parse_query(body, now=now or dataset.now, sites=dataset.sites)
        with Work(dataset.turns, share, abandoned=abandoned) as work:
            dataset.ensure(*rows_read(query), checkpoint=work.build_checkpoint)
            return 200, execute(query, dataset, work)
    except QueryError as error:
        return error.status, error.body()
    except Exception as error:  # the contract: never raise, whatever the input
        log.exception("engine failure on query %r", body)
        return 400, {"error": INTERNAL_ERROR.format(kind=type(error).__name__)}


__all__ = [
    "Dataset",
    "QueryError",
    "Share",
    "SiteSet",
    "SitesFileError",
    "Words",
    "demo_sites",
    "explain",
    "explain_text",
    "parse_query",
    "parse_sites",
    "read_sites_file",
    "rows_read",
    "run_query",
    "validate_query",
]

"""A query read in English: one or two sentences saying what it asks, or what it still lacks.

"Visitors and bounce rate of dummy.site per source over the 7 days before today (26 Oct to
1 Nov 2026, UTC), where the page contains /blog, the top 10 by visitors. It also counts the rows
before pagination."

The sentences are built from templates and the phrasebook (the schema's ``x-words``, generated
into ``phrasebook``), over the query as ``parse_query`` resolves it when it is valid: the dates
a relative range covers in the site's timezone, the bucket ``time`` stands for, the default
order. A query the parser rejects is still read when its shape is right, followed by the
API's objection; a query missing a required key says what to add. The docs write these words
under every example at build time, the playground's worker computes them as the reader types,
and ``statsref explain`` prints them.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from . import phrasebook as book
from .dates import DateInput, parse_date_input, resolve
from .errors import QueryError
from .filter_words import dimension, filters, join
from .parse import parse_query
from .query import DateRange, Query
from .site import Site
from .structure import REQUIRED, structure_problems
from .vocabulary import TIME_DIMENSIONS

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_UTC_NAMES = ("UTC", "Etc/UTC")
_WHOLE_DAY = (time(0, 0, 0), time(23, 59, 59))
NOT_AN_OBJECT = "Write the query as a JSON object with {keys}."
NOT_JSON = "Not valid JSON yet: {message} at line {line}, column {column}."
NOT_VALID = "Not valid yet: {message}."
REFUSED = "The API refuses it: {message}."
UNKNOWN_SITE_STATUS = 401
"""A site the engine does not know may well exist on a real instance: its query is read
without dates (its timezone is unknown) and without a verdict."""


@dataclass(frozen=True)
class Words:
    """The sentences, and whether the query is valid (the playground styles the two apart).

    A query on a site the engine does not know counts as valid: nothing is known against it."""

    sentences: tuple[str, ...]
    valid: bool

    @property
    def text(self) -> str:
        return " ".join(self.sentences)


def explain_text(text: str, *, now: datetime, sites: Mapping[str, Site]) -> Words:
    """The words for a query being typed: JSON text, maybe not JSON yet."""
    try:
        body = json.loads(text)
    except json.JSONDecodeError as error:
        message = NOT_JSON.format(message=error.msg, line=error.lineno, column=error.colno)
        return Words((message,), valid=False)
    return explain(body, now=now, sites=sites)


def explain(body: Any, *, now: datetime, sites: Mapping[str, Site]) -> Words:
    """The words for a request body at ``now`` (the clock relative ranges count from)."""
    if not isinstance(body, dict):
        return Words((NOT_AN_OBJECT.format(keys=join(list(REQUIRED), "and")),), valid=False)
    missing = [book.MISSING[key] for key in REQUIRED if _lacks(body, key)]
    if missing:
        return Words(tuple(missing), valid=False)
    problems = list(structure_problems(body))
    if problems:
        return Words((_not_valid(problems),), valid=False)
    try:
        query = parse_query(body, now=now, sites=sites)
    except QueryError as error:
        return _rejected(body, error, now, sites)
    sentences = [_Reading(body, query.site, query.date_range, query).sentence()]
    include = [book.INCLUDE[key] for key, on in body.get("include", {}).items() if on]
    if include:
        sentences.append(f"It also {join(include, 'and')}.")
    return Words(tuple(sentences), valid=True)


def _lacks(body: dict[str, Any], key: str) -> bool:
    return key not in body or body[key] in ([], "")


def _not_valid(problems: list[tuple[str, str]]) -> str:
    pointer, text = problems[0]
    message = f"{text.rstrip('.')} (at {pointer or 'the top'})"
    if len(problems) > 1:
        message += f", and {len(problems) - 1} more"
    return NOT_VALID.format(message=message)


def _rejected(
    body: dict[str, Any], error: QueryError, now: datetime, sites: Mapping[str, Site]
) -> Words:
    """A query of the right shape the parser rejects: what it asks, then the objection."""
    site = sites.get(body["site_id"])
    if error.status == UNKNOWN_SITE_STATUS:
        return Words((_Reading(body, None, None, None).sentence(),), valid=True)
    template = NOT_VALID if error.status == 400 else REFUSED
    objection = template.format(message=error.message.rstrip("."))
    try:
        date_range = resolve(parse_date_input(body["date_range"]), site, now) if site else None
    except QueryError:
        return Words((objection,), valid=False)
    return Words((_Reading(body, site, date_range, None).sentence(), objection), valid=False)


class _Reading:
    """One query being read: the body as written, and what the parser made of it if it could
    (``query``), the site if known and the resolved range if it could be resolved."""

    def __init__(
        self, body: dict[str, Any], site: Site | None, dates: DateRange | None, query: Query | None
    ) -> None:
        self.body = body
        self.site = site
        self.dates = dates
        self.query = query

    def sentence(self) -> str:
        metrics = join([book.METRICS[m] for m in self.body["metrics"]], "and")
        parts = [f"{metrics[:1].upper()}{metrics[1:]} of {self.body['site_id']}"]
        dimensions = self.query.dimensions if self.query else self.body.get("dimensions", [])
        if dimensions:
            parts.append(f"per {join([dimension(d) for d in dimensions], 'and')}")
        parts.append(self.period())
        text = " ".join(parts)
        if self.body.get("filters"):
            text += f", where {filters(self.body['filters'], self.site)}"
        rows = self.rows()
        return f"{text}, {rows}." if rows else f"{text}."

    # --- the period ------------------------------------------------------------------

    def period(self) -> str:
        given = self.body["date_range"]
        parsed = parse_date_input(given)
        if parsed.kind in ("dates", "datetimes"):
            return self.pair(parsed)
        words = _shorthand(given, parsed)
        if self.dates is None or self.site is None:
            return words
        return f"{words} ({span(self.dates)}, {zone_name(self.site)})"

    def pair(self, parsed: DateInput) -> str:
        if self.dates is not None and self.site is not None:
            return f"{_from_to(self.dates)} ({zone_name(self.site)})"
        first, last = self.body["date_range"]
        return f"from {first} to {last}"

    # --- order and pagination -----------------------------------------------------------

    def rows(self) -> str:
        """The order and the page of rows, when the query says either."""
        given = self.body.get("order_by")
        pagination = self.body.get("pagination", {})
        limit, offset = pagination.get("limit"), pagination.get("offset", 0)
        if limit is None and not offset:
            return f"sorted by {_keys(given)}" if given else ""
        order = self.order()
        top = order[0] if order else None
        if top and top[0] in self.body["metrics"] and top[1] == "desc":
            ranks = _ranks(limit, offset, book.METRICS[top[0]])
            return f"{ranks}, then by {_keys(order[1:])}" if given and len(order) > 1 else ranks
        return (
            f"sorted by {_keys(order)}, {_page(limit, offset)}" if order else _page(limit, offset)
        )

    def order(self) -> list[tuple[str, str]]:
        if self.query is not None:
            return list(self.query.order_by)
        given = self.body.get("order_by")
        if given:
            return [(name, direction) for name, direction in given]
        time_dimension = [d for d in self.body.get("dimensions", []) if d in TIME_DIMENSIONS]
        return [(d, "asc") for d in time_dimension[:1]] + [(self.body["metrics"][0], "desc")]


def _shorthand(given: str, parsed: DateInput) -> str:
    if given in book.SHORTHANDS:
        return book.SHORTHANDS[given]
    forms = book.COUNTED_SHORTHANDS["mo" if parsed.kind == "months" else "d"]
    return forms["one"] if parsed.count == 1 else forms["other"].format(n=parsed.count)


def _name(name: str) -> str:
    return book.METRICS.get(name) or dimension(name)


def _keys(order: list[Any]) -> str:
    return join(
        [f"{_name(name)} {book.DIRECTIONS[direction]}" for name, direction in order], "then"
    )


def _ranks(limit: int | None, offset: int, metric: str) -> str:
    if limit is None:
        return f"from rank {offset + 1} on by {metric}"
    if offset == 0:
        return f"the top {limit} by {metric}" if limit > 1 else f"the top row by {metric}"
    if limit == 1:
        return f"rank {offset + 1} by {metric}"
    return f"ranks {offset + 1} to {offset + limit} by {metric}"


def _page(limit: int | None, offset: int) -> str:
    if limit is None:
        return f"from row {offset + 1} on"
    if offset == 0:
        return f"the first {limit} rows" if limit > 1 else "the first row"
    return f"rows {offset + 1} to {offset + limit}" if limit > 1 else f"row {offset + 1}"


# --- dates -------------------------------------------------------------------------------


def zone_name(site: Site) -> str:
    return "UTC" if site.timezone in _UTC_NAMES else site.timezone


def day(moment: date, *, year: bool = True) -> str:
    text = f"{moment.day} {MONTHS[moment.month - 1]}"
    return f"{text} {moment.year}" if year else text


def span(dates: DateRange) -> str:
    """``26 Oct to 1 Nov 2026``, ``2 Nov 2026``, or with times when it is not whole days."""
    first, last = dates.first, dates.last
    if (first.time(), last.time()) != _WHOLE_DAY:
        return f"{day(first)} {first:%H:%M:%S} to {day(last)} {last:%H:%M:%S}"
    if first.date() == last.date():
        return day(first)
    if first.year != last.year:
        return f"{day(first)} to {day(last)}"
    if first.month != last.month:
        return f"{day(first, year=False)} to {day(last)}"
    return f"{first.day} to {day(last)}"


def _from_to(dates: DateRange) -> str:
    text = span(dates)
    return f"on {text}" if " to " not in text else f"from {text}"

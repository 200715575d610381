"""Shaping results the way the API writes them: dimension values, numbers, order, pages, body.

Numbers follow the API's formats: counts, ``bounce_rate``, ``visit_duration``,
``scroll_depth`` and ``time_on_page`` are integers; ``views_per_visit`` and the conversion
rates have 2 decimals, ``percentage`` 1; revenue is an object with a short and a long text.
Rounding is half up. Rows are first put in dimension order, so rows that tie on every
``order_by`` entry always come out the same way.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from fractions import Fraction
from typing import Any

from ..language import timebuckets
from ..language.query import Query
from .sql import DIRECT_FIELDS, DIRECT_NONE, NONE, NOT_SET, NOT_SET_FIELDS

Key = tuple[Any, ...]
Groups = dict[Key, dict[str, float]]
Row = tuple[Key, list[Any]]

CURRENCY_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£"}
SHORT_UNITS = ((1_000_000_000, "B"), (1_000_000, "M"), (1_000, "K"))


def display_value(dim: str, raw: Any) -> Any:
    """A grouped value as the API shows it: time labels and empty-value placeholders. An hour
    keeps its slot next to its label (``HourBucket``), so a repeated hour stays a row of its
    own and sorts in time order."""
    if dim == timebuckets.HOUR:
        return timebuckets.HourBucket(raw, timebuckets.label(dim, raw))
    if timebuckets.is_time(dim):
        return timebuckets.label(dim, raw)
    if dim.startswith("event:props:"):
        return NONE if raw is None else raw
    if raw == "" and dim.startswith("visit:"):
        name = dim.removeprefix("visit:")
        if name in NOT_SET_FIELDS:
            return NOT_SET
        if name in DIRECT_FIELDS:
            return DIRECT_NONE
        if name == "channel":
            return "Direct"
    return raw


def group_rows(rows: Iterable[tuple], dims: list[str], names: list[str]) -> Groups:
    """SQL rows ``(*dimension values, *components)`` keyed by their displayed dimensions."""
    width = len(dims)
    groups: Groups = {}
    for row in rows:
        key = tuple(display_value(dim, raw) for dim, raw in zip(dims, row, strict=False))
        groups[key] = {name: value or 0 for name, value in zip(names, row[width:], strict=True)}
    return groups


def rounded(value: Fraction | int | float, digits: int = 0) -> int | float:
    """Half-up rounding of a non-negative value; an integer when ``digits`` is 0."""
    exact = Fraction(value)
    scale = 10**digits
    units = int(exact * scale + Fraction(1, 2))
    return units if digits == 0 else units / scale


def ratio(part: float, whole: float, scale: int = 1) -> Fraction:
    return Fraction(part) * scale / Fraction(whole)


def money(amount: float, currency: str) -> dict[str, Any]:
    """A revenue value: ``{"short": "$96.3M", "long": "$96,336,315.00", "value", "currency"}``."""
    value = rounded(amount, 2)
    symbol = CURRENCY_SYMBOLS.get(currency, currency + " ")
    short = f"{symbol}{value:.1f}"
    for size, unit in SHORT_UNITS:
        if value >= size:
            short = f"{symbol}{value / size:.1f}{unit}"
            break
    return {"short": short, "long": f"{symbol}{value:,.2f}", "value": value, "currency": currency}


def _sortable(value: Any) -> Any:
    if isinstance(value, dict):
        return value["value"]
    return value


def order_rows(rows: list[Row], query: Query) -> list[Row]:
    """Rows in ``order_by`` order; ``null`` sorts lowest; ties stay in dimension order."""
    ordered = sorted(rows, key=_dimensions_of)
    for name, direction in reversed(query.order_by):
        if name in query.dimensions:
            key = _dimension_key(query.dimensions.index(name))
        else:
            key = _metric_key(query.metrics.index(name))
        ordered.sort(key=key, reverse=direction == "desc")
    return ordered


def _dimensions_of(row: Row) -> Key:
    return row[0]


def _dimension_key(index: int) -> Callable[[Row], Any]:
    return lambda row: row[0][index]


def _metric_key(index: int) -> Callable[[Row], tuple[bool, Any]]:
    def key(row: Row) -> tuple[bool, Any]:
        value = _sortable(row[1][index])
        return (value is not None, value if value is not None else 0)

    return key


def body(
    query: Query,
    rows: list[Row],
    meta: dict[str, Any],
    paced: Callable[[Iterable[Row]], Iterable[Row]] = iter,
) -> dict[str, Any]:
    """The success body: the requested page of rows, the meta, and the echoed query.
    ``paced`` passes the rows on with the query's checkpoints (``run.deadline.Work``)."""
    ordered = order_rows(rows, query)
    page = ordered[query.offset : query.offset + query.limit]
    if query.include.get("total_rows"):
        meta["total_rows"] = len(ordered) if query.offset < len(ordered) else 0
    return {
        "results": [
            {"dimensions": [timebuckets.shown(value) for value in key], "metrics": values}
            for key, values in paced(page)
        ],
        "meta": meta,
        "query": query.echo,
    }

"""The parts of a v1 breakdown that differ in v2: dimensions, order and pagination.

v1 breaks down by one ``property``, sorts by the first metric (``time_on_page`` aside) then by
the property, returns 100 rows unless ``limit`` (1 to 1000) says otherwise, and counts ``page``
from 1. Version properties bring their family along: ``visit:browser_version`` rows are per
browser and version.
"""

from __future__ import annotations

import re
from typing import Any

from ..language.vocabulary import TIME_DIMENSIONS, is_dimension
from .errors import MigrationError
from .metrics import DEFAULT_METRIC, per_row_rates

DEFAULT_LIMIT = 100
MAX_LIMIT = 1000
_INTEGER = re.compile(r"^[+-]?[0-9]+$")
MAX_DIGITS = 9
"""Digits of ``limit`` or ``page``: a billionth page is far beyond any breakdown."""
_FAMILIES = {"visit:browser_version": "visit:browser", "visit:os_version": "visit:os"}
_PER_QUERY_RATE = ("event:goal", "event:props:")
# Rows v1 leaves out of a breakdown by these properties: an empty value or an unknown place.
_WITHOUT_EMPTY = (
    "visit:country",
    "visit:region",
    "visit:city",
    "visit:utm_medium",
    "visit:utm_source",
    "visit:utm_campaign",
    "visit:utm_content",
    "visit:utm_term",
    "visit:entry_page",
    "visit:exit_page",
)


def breakdown_parts(params: dict[str, str], metrics: list[str], notes: list[str]) -> dict[str, Any]:
    """``metrics``, ``dimensions``, ``order_by`` and ``pagination`` of a breakdown query."""
    prop = _property(params, notes)
    if not prop.startswith(_PER_QUERY_RATE):
        metrics = per_row_rates(metrics, "per row in a breakdown", notes)
    sort_metric = next((m for m in metrics if m != "time_on_page"), None)
    if sort_metric is None:
        notes.append(f"v1 sorts this breakdown by {DEFAULT_METRIC}, so the query asks for it too.")
        sort_metric = DEFAULT_METRIC
        metrics = [*metrics, DEFAULT_METRIC]
    order = [[sort_metric, "desc"]] + ([] if prop == "event:goal" else [[prop, "asc"]])
    dimensions = [_FAMILIES[prop], prop] if prop in _FAMILIES else [prop]
    return {
        "metrics": metrics,
        "dimensions": dimensions,
        "order_by": order,
        "pagination": _pagination(params, notes),
    }


def _property(params: dict[str, str], notes: list[str]) -> str:
    prop = params.get("property")
    if not prop:
        raise MigrationError("a breakdown needs property=<the property to break down by>")
    if not is_dimension(prop) or prop in TIME_DIMENSIONS:
        raise MigrationError(f"property={prop} is not a property to break down by")
    if prop in _FAMILIES:
        notes.append(
            f"v1 breaks {prop} down per {_FAMILIES[prop]} too, so both are dimensions: "
            "each row has the two values."
        )
    if prop == "event:hostname":
        notes.append("v1 rejects breakdowns by event:hostname; v2 answers them.")
    if prop in _WITHOUT_EMPTY:
        notes.append(
            f"v1 leaves out the {prop} row of visits without a value (an empty value, "
            "(not set) or an unknown location); v2 returns it: skip it in your code."
        )
    return prop


def _pagination(params: dict[str, str], notes: list[str]) -> dict[str, int]:
    if "limit" not in params:
        notes.append(
            f"v1 returns {DEFAULT_LIMIT} rows unless limit says otherwise; v2 returns up to "
            f"10000, so the query asks for {DEFAULT_LIMIT}."
        )
    limit = _integer(params, "limit", DEFAULT_LIMIT)
    if not 1 <= limit <= MAX_LIMIT:
        raise MigrationError(f"limit={limit}: v1 takes a limit from 1 to {MAX_LIMIT}")
    page = _integer(params, "page", 1)
    if page < 1:
        raise MigrationError(f"page={page}: v1 counts pages from 1")
    return {"limit": limit, "offset": (page - 1) * limit} if page > 1 else {"limit": limit}


def _integer(params: dict[str, str], name: str, default: int) -> int:
    value = params.get(name)
    if value is None:
        return default
    if not _INTEGER.match(value):
        raise MigrationError(f"{name}={value} is not a whole number")
    digits = len(value.lstrip("+-0"))
    if digits > MAX_DIGITS:
        raise MigrationError(
            f"{name}={value[:MAX_DIGITS]}... has {digits} digits; the converter reads at most "
            f"{MAX_DIGITS}"
        )
    return int(value)

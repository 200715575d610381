"""A dashboard filter as a Stats API filter, as the dashboard's own ``remapToApiFilter`` maps it
(plausible/analytics ``assets/js/dashboard/util/filters.js`` @00230a0bf3a2):

- ``page``, ``goal``, ``hostname`` and ``name`` are event dimensions (``event:page``...),
  ``props:<name>`` is ``event:props:<name>``, ``segment`` stays ``segment`` with integer ids,
  and every other name is a visit dimension (``source`` is ``visit:source``);
- ``has_not_done`` (a goal filter the dashboard shows as "is not") wraps the goal:
  ``["has_not_done", ["is", "event:goal", [...]]]``; ``does_not_contain`` is the old name of
  ``contains_not`` (``dashboard-state.ts``).

The dashboard's ``screen`` is ``visit:device`` in the public API (``screen`` is an internal
alias there). A filter the Stats API cannot take is left out, and a note says so.
"""

from __future__ import annotations

import re
from typing import Any

from ...language.site import Site
from ...language.vocabulary import FILTER_OPERATORS, PROPS_PREFIX, TIME_DIMENSIONS, is_dimension
from .search import UrlFilter

EVENT_NAMES = ("name", "page", "goal", "hostname")
SEGMENT, GOAL, HAS_NOT_DONE = "segment", "goal", "has_not_done"
RENAMED_OPERATORS = {"does_not_contain": "contains_not"}
RENAMED_DIMENSIONS = {"screen": "device"}
_LEADING_DIGITS = re.compile(r"\s*[+-]?[0-9]+")


def api_filters(filters: list[UrlFilter], notes: list[str]) -> list[list[Any]]:
    converted = [_api_filter(f, notes) for f in filters]
    return [f for f in converted if f is not None]


def resolved(filters: list[UrlFilter], site: Site | None, notes: list[str]) -> list[UrlFilter]:
    """``filters`` with the filters of the segments they name, as the dashboard resolves them
    before it picks the top row's metrics (a segment filtering pages changes them too)."""
    found: list[UrlFilter] = []
    for _, key, clauses in filters:
        if key != SEGMENT:
            continue
        for segment_id in clauses:
            segment = site.segment(int(segment_id)) if site and segment_id.isdigit() else None
            if segment is None:
                notes.append(
                    f"Segment {segment_id} is not known here: if it filters pages or goals, the "
                    "dashboard's top row shows the metrics such a filter brings."
                )
                continue
            found += [(f[0], f[1].partition(":")[2], f[2]) for f in segment.filters if len(f) > 2]
    return filters + found


def has_goal_filter(filters: list[UrlFilter]) -> bool:
    """A goal filter that counts conversions (``hasConversionGoalFilter``): not ``has_not_done``."""
    return any(dimension == GOAL and operator != HAS_NOT_DONE for operator, dimension, _ in filters)


def has_page_filter(filters: list[UrlFilter]) -> bool:
    """``hasPageFilter``: a filter on a name starting with ``page``."""
    return any(dimension.startswith("page") for _, dimension, _ in filters)


def _api_filter(url_filter: UrlFilter, notes: list[str]) -> list[Any] | None:
    operator, key, clauses = url_filter
    shown = f"{operator},{key},{','.join(clauses)}"
    operator = RENAMED_OPERATORS.get(operator, operator)
    if key == SEGMENT:
        return _segment(operator, clauses, shown, notes)
    dimension = api_dimension(key, notes)
    if dimension is None:
        notes.append(
            f"The filter {shown} names {key}, which the Stats API cannot filter on: left out."
        )
        return None
    values: list[Any] = [
        int(c) if dimension == "visit:city" and c.isdigit() else c for c in clauses
    ]
    if operator == HAS_NOT_DONE and dimension.startswith("event:"):
        return [HAS_NOT_DONE, ["is", dimension, values]]
    if operator not in FILTER_OPERATORS:
        notes.append(
            f"The filter {shown} uses {operator}, not an operator of a Stats API filter on "
            f"{dimension}: left out."
        )
        return None
    if dimension == "event:goal" and operator.endswith("_not"):
        notes.append(
            f"The Stats API filters goals with is and contains only: {shown} becomes the visits "
            "that did not complete the goal (has_not_done), as the dashboard's goal filters do."
        )
        return [HAS_NOT_DONE, [operator.removesuffix("_not"), dimension, values]]
    return [operator, dimension, values]


def api_dimension(key: str, notes: list[str]) -> str | None:
    """The Stats API dimension of a dashboard name, or ``None`` when there is none."""
    if key in RENAMED_DIMENSIONS:
        notes.append(
            f"The dashboard's {key} is visit:{RENAMED_DIMENSIONS[key]} in the Stats API "
            f"(visit:{key} is an internal name)."
        )
        key = RENAMED_DIMENSIONS[key]
    if key.startswith("props:"):
        dimension = PROPS_PREFIX + key.removeprefix("props:")
    else:
        dimension = f"{'event' if key in EVENT_NAMES else 'visit'}:{key}"
    return dimension if is_dimension(dimension) and dimension not in TIME_DIMENSIONS else None


def _segment(operator: str, clauses: list[str], shown: str, notes: list[str]) -> list[Any] | None:
    """``["is", "segment", [ids]]``, each id read as JavaScript's ``parseInt`` reads it."""
    ids = [int(match.group()) for c in clauses if (match := _LEADING_DIGITS.match(c))]
    if operator != "is" or len(ids) != len(clauses):
        notes.append(
            f"The filter {shown} is not a segment the Stats API can take (is, with ids): left out."
        )
        return None
    return ["is", SEGMENT, ids]

"""The schema stage: the checks the real API's JSON schema makes, with its exact messages.

Every problem found is reported, one ``#<pointer>: <text>`` line each, joined by ``\\n`` into a
single message, as the real API does. Errors come in the order its validator produces them:
schema keywords alphabetically (``additionalProperties``, ``items``, ``maximum``, ``minItems``,
``minimum``, ``properties``, ``required``, ``type``, ``uniqueItems``), properties by name.
A failed ``oneOf`` is reworded (``Invalid metric "x"``, ``Invalid filter [...]`` ...).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Container, Iterator
from typing import Any

from . import vocabulary as v
from .elixir import inspect
from .errors import QueryError
from .limits import escape

Problem = tuple[str, str]
"""A JSON pointer (RFC 6901, ``""`` for the body) and the text the API gives for it."""

REQUIRED = ("site_id", "metrics", "date_range")
TOP_LEVEL_KEYS = (
    "site_id",
    "metrics",
    "date_range",
    "filters",
    "dimensions",
    "order_by",
    "include",
    "pagination",
)
PAGINATION_BOUNDS = {"limit": (1, 10_000), "offset": (0, None)}

_DATE = r"\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])"
DATE_RE = re.compile(_DATE, re.ASCII)
# The date-time format check lets a missing offset through (the parser rejects it later).
DATETIME_RE = re.compile(
    _DATE + r"T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d+)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)?",
    re.ASCII,
)
SHORTHAND_RE = re.compile(r"\d+(d|mo)", re.ASCII)
NAMED_RANGES = ("day", "24h", "month", "year", "all")


def check_structure(body: Any) -> None:
    """Raise ``QueryError`` listing every schema problem of ``body``; return if there is none."""
    problems = list(structure_problems(body))
    if problems:
        message = "\n".join(f"#{pointer}: {text}" for pointer, text in problems)
        raise QueryError(message, pointer=problems[0][0])


def structure_problems(body: Any) -> Iterator[Problem]:
    if not isinstance(body, dict):
        yield "", _type_mismatch("Object", body)
        return
    yield from _additional_properties(body, TOP_LEVEL_KEYS, "")
    for key in sorted(k for k in TOP_LEVEL_KEYS if k in body):
        yield from _PROPERTY_CHECKS[key](body[key], f"/{key}")
    missing = [key for key in REQUIRED if key not in body]
    if len(missing) == 1:
        yield "", f"Required property {missing[0]} was not present."
    elif missing:
        yield "", f"Required properties {', '.join(missing)} were not present."


def json_type(value: Any) -> str:
    """The type name the schema validator prints for a decoded JSON value."""
    if value is None:
        return "Null"
    if isinstance(value, bool):
        return "Boolean"
    if isinstance(value, int):
        return "Integer"
    if isinstance(value, float):
        return "Number"
    if isinstance(value, str):
        return "String"
    if isinstance(value, list):
        return "Array"
    if isinstance(value, dict):
        return "Object"
    return type(value).__name__


def _type_mismatch(expected: str, value: Any) -> str:
    return f"Type mismatch. Expected {expected} but got {json_type(value)}."


def _additional_properties(
    value: dict[Any, Any], allowed: Container[str], pointer: str
) -> Iterator[Problem]:
    for key in value:
        if key not in allowed:
            yield f"{pointer}/{escape(str(key))}", "Schema does not allow additional properties."


def is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


# --- names -----------------------------------------------------------------------------


def is_metric(value: Any) -> bool:
    return isinstance(value, str) and value in v.METRICS


def is_dimension(value: Any) -> bool:
    return isinstance(value, str) and v.is_dimension(value)


def is_filter_dimension(value: Any) -> bool:
    """Dimensions a filter may name: every dimension but the time ones."""
    return is_dimension(value) and value not in v.TIME_DIMENSIONS


def is_order_by_name(value: Any) -> bool:
    return is_metric(value) or is_dimension(value)


# --- properties ----------------------------------------------------------------------


def _site_id(value: Any, pointer: str) -> Iterator[Problem]:
    if not isinstance(value, str):
        yield pointer, _type_mismatch("String", value)


def _name_list(
    noun: str, accepts: Callable[[Any], bool], *, min_items: int
) -> Callable[[Any, str], Iterator[Problem]]:
    def check(value: Any, pointer: str) -> Iterator[Problem]:
        if not isinstance(value, list):
            yield pointer, _type_mismatch("Array", value)
            return
        for index, item in enumerate(value):
            if not accepts(item):
                yield f"{pointer}/{index}", f"Invalid {noun} {inspect(item)}"
        if len(value) < min_items:
            yield pointer, f"Expected a minimum of {min_items} items but got {len(value)}."
        if not _unique(value):
            yield pointer, "Expected items to be unique but they were not."

    return check


def _unique(items: list[Any]) -> bool:
    seen: list[Any] = []
    for item in items:
        if any(item == other and type(item) is type(other) for other in seen):
            return False
        seen.append(item)
    return True


def _date_range(value: Any, pointer: str) -> Iterator[Problem]:
    if not is_date_range(value):
        yield pointer, f"Invalid date range {inspect(value)}"


def is_date_range(value: Any) -> bool:
    if isinstance(value, str):
        return value in NAMED_RANGES or SHORTHAND_RE.fullmatch(value) is not None
    if not (isinstance(value, list) and len(value) == 2):
        return False
    if not all(isinstance(item, str) for item in value):
        return False
    return all(DATE_RE.fullmatch(item) for item in value) or all(
        DATETIME_RE.fullmatch(item) for item in value
    )


def _filters(value: Any, pointer: str) -> Iterator[Problem]:
    if not isinstance(value, list):
        yield pointer, _type_mismatch("Array", value)
        return
    for index, item in enumerate(value):
        if not is_filter(item):
            yield f"{pointer}/{index}", f"Invalid filter {inspect(item)}"


def is_filter(node: Any) -> bool:
    """True when ``node`` is a filter the schema accepts (leaf, segment or operator tree)."""
    if not (isinstance(node, list) and node and isinstance(node[0], str)):
        return False
    operator = node[0]
    if operator in ("and", "or"):
        return (
            len(node) == 2
            and isinstance(node[1], list)
            and len(node[1]) >= 1
            and all(is_filter(child) for child in node[1])
        )
    if operator == "not" or operator in v.BEHAVIORAL_OPERATORS:
        return len(node) == 2 and is_filter(node[1])
    if operator in v.FILTER_OPERATORS:
        return _is_leaf(node)
    return False


def _is_leaf(node: list[Any]) -> bool:
    operator = node[0]
    if len(node) not in (3, 4) or not _is_clauses(node[2]):
        return False
    dimension = node[1]
    if dimension == "segment":
        return operator == "is" and len(node) == 3
    if dimension == "event:goal" and operator not in ("is", "contains"):
        return False
    if not is_filter_dimension(dimension):
        return False
    return len(node) == 3 or _is_modifiers(operator, node[3])


def _is_clauses(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) or is_int(item) for item in value)


def _is_modifiers(operator: str, value: Any) -> bool:
    return (
        operator in v.CASE_INSENSITIVE_OPERATORS
        and isinstance(value, dict)
        and set(value) <= {"case_sensitive"}
        and all(isinstance(flag, bool) for flag in value.values())
    )


def _order_by(value: Any, pointer: str) -> Iterator[Problem]:
    if not isinstance(value, list):
        yield pointer, _type_mismatch("Array", value)
        return
    for index, entry in enumerate(value):
        yield from _order_by_entry(entry, f"{pointer}/{index}")


def _order_by_entry(entry: Any, pointer: str) -> Iterator[Problem]:
    if not isinstance(entry, list):
        yield pointer, _type_mismatch("Array", entry)
        return
    if entry and not is_order_by_name(entry[0]):
        yield f"{pointer}/0", f"Invalid value in order_by {inspect(entry[0])}"
    if len(entry) > 1 and entry[1] not in ("asc", "desc"):
        yield f"{pointer}/1", "Value is not allowed in enum."
    if len(entry) > 2:
        yield pointer, f"Expected a maximum of 2 items but got {len(entry)}."
    if len(entry) < 2:
        yield pointer, f"Expected a minimum of 2 items but got {len(entry)}."


def _include(value: Any, pointer: str) -> Iterator[Problem]:
    if not isinstance(value, dict):
        yield pointer, _type_mismatch("Object", value)
        return
    yield from _additional_properties(value, v.INCLUDE_KEYS, pointer)
    for key in sorted(k for k in v.INCLUDE_KEYS if k in value):
        if not isinstance(value[key], bool):
            yield f"{pointer}/{key}", _type_mismatch("Boolean", value[key])


def _pagination(value: Any, pointer: str) -> Iterator[Problem]:
    if not isinstance(value, dict):
        yield pointer, _type_mismatch("Object", value)
        return
    yield from _additional_properties(value, PAGINATION_BOUNDS, pointer)
    for key in sorted(k for k in PAGINATION_BOUNDS if k in value):
        number, (low, high) = value[key], PAGINATION_BOUNDS[key]
        if not is_int(number):
            yield f"{pointer}/{key}", _type_mismatch("Integer", number)
        elif high is not None and number > high:
            yield f"{pointer}/{key}", f"Expected the value to be <= {high}"
        elif number < low:
            yield f"{pointer}/{key}", f"Expected the value to be >= {low}"


_PROPERTY_CHECKS: dict[str, Callable[[Any, str], Iterator[Problem]]] = {
    "site_id": _site_id,
    "metrics": _name_list("metric", is_metric, min_items=1),
    "date_range": _date_range,
    "dimensions": _name_list("dimension", is_dimension, min_items=0),
    "filters": _filters,
    "order_by": _order_by,
    "include": _include,
    "pagination": _pagination,
}

"""The two older forms of the dashboard's search string, which it still rewrites into the
current ``f=`` form (plausible/analytics ``assets/js/dashboard/util/url-search-params-v2.ts``
@5be72ac6a9d9 and ``url-search-params-v1.ts``):

- JSON→URL: ``filters=((is,exit_page,(/x)),(is,city,(993800)))&labels=(993800:Johannesburg)``.
  Every parameter is JSON→URL after the usual query-string decoding (``+`` is a space), so a
  clause escaped twice (``%252F``) is decoded twice;
- the oldest: one parameter per filtered dimension, ``?page=/docs&source=Google``. A value
  starting with ``!`` is ``is_not``, with ``~`` ``contains``; ``|`` separates alternatives and
  ``\\|`` is a literal pipe; ``props={"name":"value"}`` filters custom properties (string
  values only); ``country_labels``, ``region_labels`` and ``city_labels`` name the values.
"""

from __future__ import annotations

import json
import re
from typing import Any

from ..errors import MigrationError
from . import jsonurl

Filters = list[tuple[str, str, list[str]]]
LABELS_OF = {"country": "country_labels", "region": "region_labels", "city": "city_labels"}
OLDEST_NAMES = (
    "goal",
    "source",
    "utm_medium",
    "utm_source",
    "utm_campaign",
    "utm_content",
    "utm_term",
    "referrer",
    "screen",
    "browser",
    "browser_version",
    "os",
    "os_version",
    "country",
    "region",
    "city",
    "page",
    "hostname",
    "entry_page",
    "exit_page",
)
"""The filter parameters of the oldest form, in the dashboard's order."""
PROPS = "props"
_PREFIXES = {"!": "is_not", "~": "contains"}
_PIPE = re.compile(r"(?<!\\)\|")


def is_jsonurl_form(first: dict[str, str]) -> bool:
    return bool(first.get("filters"))


def is_oldest_form(names: set[str]) -> bool:
    return any(name == PROPS or name in OLDEST_NAMES for name in names)


def read_jsonurl_form(
    pairs: list[tuple[str, str]], notes: list[str]
) -> tuple[Filters, dict[str, str], dict[str, Any]]:
    params = {name: _fragment(value) for name, value in pairs}
    items = [_jsonurl_filter(item) for item in _list(params.pop("filters", None), "filters")]
    filters = _with_values(items, notes)
    labels = params.pop("labels", None) or {}
    if not isinstance(labels, dict):
        raise MigrationError("labels=(...) is not a list of value:label pairs")
    return filters, {str(k): str(v) for k, v in labels.items()}, params


def _fragment(value: str) -> Any:
    """A parameter as the dashboard's ``parseSearchFragment`` reads it: unreadable is null."""
    try:
        return jsonurl.parse(value)
    except jsonurl.JsonUrlError:
        return None


def _list(value: Any, name: str) -> list[Any]:
    if value == {}:
        return []  # () is JSON→URL's empty composite
    if not isinstance(value, list):
        raise MigrationError(f"{name}=(...) is not JSON→URL the dashboard can read")
    return value


def _jsonurl_filter(item: Any) -> tuple[str, str, list[str]]:
    values = item[2] if isinstance(item, list) and len(item) == 3 else None
    values = [] if values == {} else values  # () is JSON→URL's empty composite
    if not isinstance(values, list) or not all(isinstance(part, str) for part in item[:2]):
        raise MigrationError(f"filters=(...) holds {item!r}, not (operator,dimension,(values))")
    return item[0], item[1], [_text(clause) for clause in values]


def _with_values(filters: Filters, notes: list[str]) -> Filters:
    """The filters with values: the dashboard drops the others when it rewrites the URL."""
    for operator, dimension, _ in [f for f in filters if not f[2]]:
        notes.append(
            f"The filter {operator} {dimension} has no values, so the dashboard ignores it; "
            "so does the query."
        )
    return [f for f in filters if f[2]]


def _text(clause: Any) -> str:
    """A clause as the current form writes it (``String(value)``)."""
    if isinstance(clause, bool):
        return "true" if clause else "false"
    return json.dumps(clause) if isinstance(clause, float) else str(clause)


def read_oldest_form(
    pairs: list[tuple[str, str]], notes: list[str]
) -> tuple[Filters, dict[str, str], dict[str, Any]]:
    values = dict(pairs)
    filters: Filters = []
    labels: dict[str, str] = {}
    params: dict[str, Any] = {}
    for name, value in pairs:
        if name in OLDEST_NAMES:
            filters.append(_oldest_filter(name, value))
            labels |= _oldest_labels(filters[-1][2], values.get(LABELS_OF.get(name, ""), ""))
        elif name != PROPS and name not in LABELS_OF.values():
            params[name] = value
    if PROPS in values:
        filters += _props(values[PROPS], notes)
    return _with_values(filters, notes), labels, params


def _oldest_filter(name: str, raw: str) -> tuple[str, str, list[str]]:
    operator = _PREFIXES.get(raw[:1], "is")
    value = raw if operator == "is" else raw[1:]
    clauses = [part.replace("\\|", "|") for part in _PIPE.split(value) if part]
    return operator, name, clauses


def _oldest_labels(clauses: list[str], raw: str) -> dict[str, str]:
    names = [label for label in raw.split("|") if label]
    return dict(zip(clauses, names, strict=False))


def _props(raw: str, notes: list[str]) -> Filters:
    try:
        props = json.loads(raw)
    except ValueError:
        raise MigrationError(
            f"props={raw} is not a JSON object of property names and values"
        ) from None
    if not isinstance(props, dict):
        raise MigrationError(f"props={raw} is not a JSON object of property names and values")
    skipped = [name for name, value in props.items() if not isinstance(value, str)]
    if skipped:
        notes.append(
            f"props={raw}: the dashboard ignores properties whose value is not a string "
            f"({', '.join(skipped)}); so does the query."
        )
    return [
        _oldest_filter(f"props:{name}", value)
        for name, value in props.items()
        if isinstance(value, str)
    ]

"""The dashboard's search string read as its ``parseSearch`` reads it: filters, labels and the
other parameters (period, date, comparison...).

The current form (plausible/analytics ``assets/js/dashboard/util/url-search-params.ts``
@1d9dd17b2909) splits the search on ``&`` and each parameter at its first ``=`` (a second
``=`` ends the value), then reads ``f=<operator>,<dimension>,<clause>,...`` (one filter, its
clauses alternatives), ``l=<value>,<label>`` and plain parameters, where ``true`` and
``false`` are booleans and everything is ``decodeURIComponent``-decoded: a comma in a value is
``%2C``, ``+`` stays a plus. A URL without ``f=`` may be in one of the two older forms the
dashboard still redirects from (``legacy``): JSON→URL ``filters=(...)``, checked first, or the
oldest ``?page=/docs&source=Google``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, unquote

from ..errors import MigrationError
from .legacy import is_jsonurl_form, is_oldest_form, read_jsonurl_form, read_oldest_form

UrlFilter = tuple[str, str, list[str]]
"""``(operator, dimension, clauses)`` as the URL names them (``page``, ``props:plan``)."""
Value = str | bool

CURRENT, JSONURL, OLDEST = "current", "jsonurl", "oldest"
REDIRECTED = "r"
"""Set by the dashboard on a URL it rewrote from an older form (``r=v1``, ``r=v2``)."""
_BAD_ESCAPE = re.compile(r"%(?![0-9A-Fa-f]{2})")


@dataclass
class Search:
    """What the search string says: its ``form``, the filters, the labels, the rest."""

    form: str = CURRENT
    filters: list[UrlFilter] = field(default_factory=list)
    labels: dict[str, str] = field(default_factory=dict)
    params: dict[str, Value] = field(default_factory=dict)


def read_search(query: str, notes: list[str]) -> Search:
    """The search string after ``?`` (without it)."""
    pairs = parse_qsl(query, keep_blank_values=True)
    names = {name for name, _ in pairs}
    first = dict(reversed(pairs))  # URLSearchParams.get: the first value of a name
    if REDIRECTED not in names and not first.get("f"):
        if is_jsonurl_form(first):
            filters, labels, params = read_jsonurl_form(pairs, notes)
            return Search(JSONURL, filters, labels, _simple(params))
        if is_oldest_form(names):
            filters, labels, params = read_oldest_form(pairs, notes)
            return Search(OLDEST, filters, labels, _simple(params))
    return _current(query, notes)


def _current(query: str, notes: list[str]) -> Search:
    search = Search()
    for piece in filter(None, query.split("&")):
        key, _, rest = piece.partition("=")
        raw, cut, _ = rest.partition("=")
        if cut:
            notes.append(f"The dashboard reads {piece} up to its second =, as {key}={raw}.")
        if key == "f":
            _filter(raw, search, notes)
        elif key == "l":
            _label(raw, search)
        elif key:
            search.params[decode(key)] = _simple_value(decode(raw))
    return search


def _filter(raw: str, search: Search, notes: list[str]) -> None:
    parts = raw.split(",")
    clauses = [decode(part) for part in parts[2:]]
    if clauses:
        search.filters.append((decode(parts[0]), decode(parts[1]), clauses))
    else:
        notes.append(f"f={raw} has no values, so the dashboard ignores it; so does the query.")


def _label(raw: str, search: Search) -> None:
    parts = raw.split(",")
    key, value = decode(parts[0]), decode(parts[1]) if len(parts) > 1 else ""
    if key and value:
        search.labels[key] = value


def decode(text: str) -> str:
    """``decodeURIComponent``: strict, where Python's ``unquote`` would let a bad escape pass."""
    if _BAD_ESCAPE.search(text):
        raise MigrationError(
            f"{text} is not percent-encoded correctly (a % not followed by two hex digits)"
        )
    try:
        return unquote(text, errors="strict")
    except UnicodeDecodeError:
        raise MigrationError(f"{text} does not decode to UTF-8 text") from None


def _simple_value(text: str) -> Value:
    return {"true": True, "false": False}.get(text, text)


def _simple(params: dict[str, object]) -> dict[str, Value]:
    """Parameters of an older form as the dashboard keeps them when it rewrites the URL:
    strings and booleans (``"true"`` too); numbers as text; lists, objects and nulls dropped."""
    kept: dict[str, Value] = {}
    for name, value in params.items():
        if isinstance(value, bool):
            kept[name] = value
        elif isinstance(value, int | float):
            kept[name] = str(value)
        elif isinstance(value, str):
            kept[name] = _simple_value(value)
    return kept

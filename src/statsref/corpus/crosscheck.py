"""Structural checks of one example: both files against the schemas, then the pair together.

The pair checks hold a response to its request without running anything: one value per
queried dimension and metric in every row, values of the type each metric yields, the echoed
query equal to the request plus the API's defaults, ``meta`` fields present exactly when the
``include`` options ask for them.
"""

from __future__ import annotations

import json
import re
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from jsonschema.exceptions import best_match

from statsref import schema
from statsref.engine import SiteSet, demo_sites
from statsref.engine.language.parse import HOSTNAME_TARGETS
from statsref.engine.language.site import Site

from .dates import expected_range, local_day_range, time_bucket
from .load import QUERY_FILE, RESPONSE_FILE, Example, Problem, pointer

ECHO_KEYS = (
    "site_id",
    "metrics",
    "date_range",
    "filters",
    "dimensions",
    "order_by",
    "include",
    "pagination",
)
INCLUDE_META = {
    "time_labels": "time_labels",
    "total_rows": "total_rows",
    "imports": "imports_included",
}
MAX_SHOWN = 160

_TIME_LABEL = {
    "time:hour": re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:00:00$"),
    "time:day": re.compile(r"^\d{4}-\d{2}-\d{2}$"),
    "time:week": re.compile(r"^\d{4}-\d{2}-\d{2}$"),
    "time:month": re.compile(r"^\d{4}-\d{2}-01$"),
}


def shown(value: Any) -> str:
    """Compact JSON for messages, shortened so every problem stays on one readable line."""
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= MAX_SHOWN else text[: MAX_SHOWN - 3] + "..."


def schema_problems(instance: Any, validator: Any, file: str) -> list[Problem]:
    """One problem per schema error, pointing at the most specific failing part."""
    problems = []
    for error in validator.iter_errors(instance):
        detail = best_match([error])
        message = _readable(detail)
        if len(message) > MAX_SHOWN:
            message = message[: MAX_SHOWN - 3] + "..."
        problems.append(Problem(file, pointer(*detail.absolute_path), message))
    return sorted(problems, key=lambda p: p.pointer)


def _readable(error: Any) -> str:
    """Name the vocabulary a value failed to match instead of repeating the subschema."""
    title = error.schema.get("title") if isinstance(error.schema, dict) else None
    if error.validator in ("oneOf", "anyOf") and title:
        return f"{shown(error.instance)} is not a valid {title.lower()}"
    return error.message


def check_example(example: Example, sites: SiteSet | None = None) -> list[Problem]:
    """Every structural problem of ``example``; an empty list means it passes. ``sites``:
    the sites examples name (the demo sites by default)."""
    response_file = example.path(RESPONSE_FILE)
    if example.meta.status != 200:
        return _error_example_problems(example)
    problems = schema_problems(example.query, schema.query_validator(), example.path(QUERY_FILE))
    problems += schema_problems(example.response, schema.response_validator(), response_file)
    if problems:
        return problems
    if "error" in example.response:
        return [Problem(response_file, "#", "a status 200 example needs a success body")]
    site = (sites or demo_sites()).at(example.meta.now)[example.meta.site]
    return _PairCheck(example, site).problems()


def _error_example_problems(example: Example) -> list[Problem]:
    response = example.response
    if isinstance(response, dict) and set(response) == {"error"}:
        return schema_problems(response, schema.response_validator(), example.path(RESPONSE_FILE))
    message = f'a status {example.meta.status} example needs an error body {{"error": "<message>"}}'
    return [Problem(example.path(RESPONSE_FILE), "#", message)]


def _or(filters: list[Any]) -> Any:
    return filters[0] if len(filters) == 1 else ["or", filters]


def expand_segments(filters: list[Any], site: Site, *, top: bool = True) -> list[Any]:
    """The filters with every segment replaced by its saved filters, as the echo shows them.

    Each segment becomes ``["and", [its filters]]`` and several segments are combined with
    ``"or"``; a single segment at the top level contributes its filters to the top-level list
    directly (that list is already an implicit ``and``). Unknown segment ids are left in place
    (the engine rejects them).
    """
    expanded: list[Any] = []
    for item in filters:
        if item[:2] == ["is", "segment"]:
            segments = [site.segment(i) for i in item[2]]
            if None in segments:
                expanded.append(item)
                continue
            groups = [json.loads(json.dumps(s.filters)) for s in segments if s is not None]
            if top and len(groups) == 1:
                expanded.extend(groups[0])
            else:
                expanded.append(_or([["and", group] for group in groups]))
        elif item[0] in ("and", "or"):
            expanded.append([item[0], expand_segments(item[1], site, top=False)])
        elif item[0] in ("not", "has_done", "has_not_done"):
            expanded.append([item[0], *expand_segments([item[1]], site, top=False)])
        else:
            expanded.append(item)
    return expanded


def hostname_copies(filters: list[Any], dimensions: list[str]) -> list[Any]:
    """The filters the API appends for a top-level ``event:hostname`` filter: the same filter on
    the session's entry (or exit) hostname, once per acquisition or entry/exit dimension."""
    hostname = [f for f in filters if f[1:2] == ["event:hostname"]]
    return [
        [f[0], HOSTNAME_TARGETS[d], *f[2:]]
        for d in dimensions
        if d in HOSTNAME_TARGETS
        for f in hostname
    ]


def _value_problem(value_type: str, value: Any, nullable: bool = False) -> str | None:
    """Why ``value`` cannot be a value of a metric of ``value_type`` (``null`` too where the
    schema marks the metric ``x-nullable``), or ``None``."""
    if value is None and nullable:
        return None
    number = isinstance(value, int | float) and not isinstance(value, bool)
    allowed = {
        "integer": type(value) is int,
        "float": number,
        "percentage": number or value is None,
        "seconds": type(value) is int or value is None,
        "revenue": isinstance(value, dict) or value is None,
    }
    if allowed.get(value_type, True):
        return None
    article = "an" if value_type[0] in "aeiou" else "a"
    return f"{article} {value_type} metric cannot be {shown(value)}"


class _PairCheck:
    """The checks between a schema-valid success response and its request."""

    def __init__(self, example: Example, site: Site) -> None:
        self.example = example
        self.query = example.query
        self.body = example.response
        self.echo = example.response["query"]
        self.site = site
        self.zone = ZoneInfo(self.site.timezone)
        self.file = example.path(RESPONSE_FILE)
        self.found: list[Problem] = []

    def add(self, where: str, message: str) -> None:
        self.found.append(Problem(self.file, where, message))

    def problems(self) -> list[Problem]:
        if self.query.get("site_id") != self.example.meta.site:
            message = f"site_id {shown(self.query.get('site_id'))} differs from example.toml site"
            self.found.append(Problem(self.example.path(QUERY_FILE), pointer("site_id"), message))
        first, last = (datetime.fromisoformat(v) for v in self.echo["date_range"])
        self.check_range(first, last)
        bucket = time_bucket(first, last)
        self.check_echo(bucket)
        self.check_rows()
        self.check_meta()
        return self.found

    def check_range(self, first: datetime, last: datetime) -> None:
        for index, moment in enumerate((first, last)):
            local = moment.astimezone(self.zone)
            if moment.utcoffset() != local.utcoffset():
                message = f"offset of {moment.isoformat()} is not {self.site.timezone}'s"
                self.add(pointer("query", "date_range", index), message)
        now = self.example.meta.now
        requested = self.query["date_range"]
        expected = expected_range(requested, now, self.zone)
        if expected is None:
            expected = self._all_time_range(first)
        for index, (want, got) in enumerate(zip(expected, (first, last), strict=True)):
            if want != got:
                message = (
                    f"{shown(requested)} at {now.isoformat()} resolves to {want.isoformat()}, "
                    f"found {got.isoformat()}"
                )
                self.add(pointer("query", "date_range", index), message)

    def _all_time_range(self, first: datetime) -> tuple[datetime, datetime]:
        """``all`` ends today; its first day comes from the data, so only its form is checked."""
        today = self.example.meta.now.astimezone(self.zone).date()
        return local_day_range(first.astimezone(self.zone).date(), today, self.zone)

    def expected_echo(self, bucket: str) -> dict[str, Any]:
        query = self.query
        dimensions = [bucket if d == "time" else d for d in query.get("dimensions", [])]
        time_dims = [d for d in dimensions if d.startswith("time:")]
        if "order_by" in query:
            order_by = [[bucket if n == "time" else n, d] for n, d in query["order_by"]]
        else:
            order_by = [[t, "asc"] for t in time_dims[:1]] + [[query["metrics"][0], "desc"]]
        pagination = {"limit": 10000, "offset": 0, **query.get("pagination", {})}
        filters = expand_segments(query.get("filters", []), self.site)
        return {
            "site_id": query["site_id"],
            "metrics": query["metrics"],
            "date_range": self.echo["date_range"],
            "filters": filters + hostname_copies(filters, dimensions),
            "dimensions": dimensions,
            "order_by": order_by,
            "include": {k: True for k, v in sorted(query.get("include", {}).items()) if v},
            "pagination": pagination,
        }

    def check_echo(self, bucket: str) -> None:
        if tuple(self.echo) != ECHO_KEYS:
            self.add(pointer("query"), f"keys must be in the order {', '.join(ECHO_KEYS)}")
        for key, want in self.expected_echo(bucket).items():
            if self.echo.get(key) != want:
                message = f"expected {shown(want)} (the request plus defaults), found "
                self.add(pointer("query", key), message + shown(self.echo.get(key)))

    def check_rows(self) -> None:
        dimensions, metrics = self.echo["dimensions"], self.echo["metrics"]
        value_types = {entry.name: entry.get("x-value-type") for entry in schema.metrics()}
        nullable = {entry.name for entry in schema.metrics() if entry.get("x-nullable")}
        results = self.body["results"]
        if not dimensions and len(results) != 1:
            message = f"a query without dimensions has exactly 1 row, found {len(results)}"
            self.add(pointer("results"), message)
        if len(results) > self.echo["pagination"]["limit"]:
            self.add(pointer("results"), f"{len(results)} rows exceed the pagination limit")
        for index, row in enumerate(results):
            for key, names in (("dimensions", dimensions), ("metrics", metrics)):
                if len(row[key]) != len(names):
                    count = len(row[key])
                    message = f"{count} value{'s' * (count != 1)} for {len(names)} queried {key}"
                    self.add(pointer("results", index, key), message)
            for position, (name, value) in enumerate(zip(metrics, row["metrics"], strict=False)):
                if why := _value_problem(value_types[name], value, name in nullable):
                    self.add(pointer("results", index, "metrics", position), f"{name}: {why}")
            self.check_time_values(index, row)

    def check_time_values(self, index: int, row: dict[str, Any]) -> None:
        asked = self.query.get("include", {}).get("time_labels")
        labels = self.body["meta"].get("time_labels") if asked else None
        for position, (name, value) in enumerate(
            zip(self.echo["dimensions"], row["dimensions"], strict=False)
        ):
            if name not in _TIME_LABEL:
                continue
            where = pointer("results", index, "dimensions", position)
            if not isinstance(value, str) or not _TIME_LABEL[name].match(value):
                self.add(where, f"{shown(value)} is not a {name} label")
            elif labels is not None and value not in labels:
                self.add(where, f"{shown(value)} is not in meta.time_labels")

    def check_meta(self) -> None:
        meta = self.body["meta"]
        include = self.query.get("include", {})
        for option, field in INCLUDE_META.items():
            asked = bool(include.get(option))
            if asked != (field in meta):
                state = "missing although" if asked else "present although not"
                self.add(pointer("meta", field), f"{state} asked by include.{option}")
        if "imports_skip_reason" in meta and meta.get("imports_included") is not False:
            self.add(pointer("meta", "imports_included"), "must be false when imports are skipped")
        for metric in meta.get("metric_warnings", {}):
            if metric not in self.echo["metrics"]:
                where = pointer("meta", "metric_warnings", metric)
                self.add(where, "a warning for a metric the query does not ask for")
        total, rows = meta.get("total_rows"), len(self.body["results"])
        offset = self.echo["pagination"]["offset"]
        if total is not None and rows and total < offset + rows:
            self.add(pointer("meta", "total_rows"), f"{total} is less than offset + returned rows")

"""Structural checks of one example: both files against the schemas, then the pair together.

The pair checks hold a response to its request without running anything: one value per
queried dimension and metric in every row, values of the type each metric yields, the echoed
query equal to the request plus the API's defaults, ``meta`` fields present exactly when the
``include`` options ask for them.

``pair_problems`` holds any query to its response (``statsref validate`` checks files outside
the corpus with it): for a site the mock does not know, or without the clock the answer was
given at, it leaves out the checks that need them.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from jsonschema.exceptions import ValidationError, best_match

from statsref import schema
from statsref.engine import SiteSet, demo_sites
from statsref.engine.language.parse import HOSTNAME_TARGETS
from statsref.engine.language.site import Site

from .dates import Range, expected_range, local_day_range, time_bucket
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
OLDER_API = " (an older API version: it lacks a field marked x-since; --strict fails it)"

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
        for specific in _in_closest_branch(error):
            detail = best_match([specific])
            message = _readable(detail)
            if len(message) > MAX_SHOWN:
                message = message[: MAX_SHOWN - 3] + "..."
            problem = Problem(file, pointer(*detail.absolute_path), message)
            if problem not in problems:
                problems.append(problem)
    return sorted(problems, key=lambda p: p.pointer)


def _in_closest_branch(error: ValidationError) -> list[ValidationError]:
    """For a ``oneOf``/``anyOf`` error, the errors of the one branch the instance went furthest
    into (its shallowest error lies deepest: a success body with a wrong echo fails the success
    branch deep inside, the error branch at its top); else the error itself."""
    if error.validator not in ("oneOf", "anyOf") or not error.context:
        return [error]
    branches: dict[Any, list[ValidationError]] = defaultdict(list)
    for sub in error.context:
        branches[sub.relative_schema_path[0]].append(sub)
    depth = {branch: min(len(e.absolute_path) for e in subs) for branch, subs in branches.items()}
    deepest = [branch for branch, d in depth.items() if d == max(depth.values())]
    if len(deepest) > 1:
        return [error]
    return [found for sub in branches[deepest[0]] for found in _in_closest_branch(sub)]


def response_schema_problems(
    body: Any, file: str, *, strict: bool
) -> tuple[list[Problem], list[Problem]]:
    """``(failures, warnings)`` of a response body against the response schema.

    Where the body fails only at fields the schema marks ``x-since`` (added to the API later),
    it shows an older API version: those problems are warnings, unless ``strict``. Whatever
    fails the schema of every version is a failure.
    """
    found = schema_problems(body, schema.response_validator(), file)
    if not found or strict:
        return found, []
    failures = schema_problems(body, schema.older_response_validator(), file)
    older = [p for p in found if p not in failures]
    return failures, [Problem(p.file, p.pointer, p.message + OLDER_API) for p in older]


def _readable(error: Any) -> str:
    """Name the vocabulary a value failed to match instead of repeating the subschema."""
    title = error.schema.get("title") if isinstance(error.schema, dict) else None
    if error.validator in ("oneOf", "anyOf", "pattern", "format") and title:
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
    if example.query.get("site_id") != example.meta.site:
        message = f"site_id {shown(example.query.get('site_id'))} differs from example.toml site"
        problems.append(Problem(example.path(QUERY_FILE), pointer("site_id"), message))
    files = (example.path(QUERY_FILE), response_file)
    site = (sites or demo_sites()).at(example.meta.now)[example.meta.site]
    now = example.meta.now
    return problems + pair_problems(Exchange(example.query, example.response, *files, site, now))


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


def _names_a_segment(filters: list[Any]) -> bool:
    """Whether a filter anywhere in ``filters`` is a segment (``["is", "segment", ids]``)."""
    return any(
        item[:2] == ["is", "segment"]
        or (item[0] in ("and", "or") and _names_a_segment(item[1]))
        or (item[0] in ("not", "has_done", "has_not_done") and _names_a_segment(item[1:2]))
        for item in filters
    )


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


@dataclass(frozen=True)
class Exchange:
    """A query and the success response it got, with what the pair checks know around them.

    ``site`` is ``None`` for a site the mock does not know: its time zone and segments are
    unknown, so the echoed range's offsets and segment filters are not checked. ``now`` is
    ``None`` when the clock the answer was given at is unknown: relative date ranges are then
    not resolved.
    """

    query: dict[str, Any]
    response: dict[str, Any]
    query_file: str
    response_file: str
    site: Site | None
    now: datetime | None


def pair_problems(exchange: Exchange) -> list[Problem]:
    """The problems between a request and its schema-valid success response.

    The response may be an older API version's (``schema.older_response_validator``): echoed
    keys it leaves out are not compared, and an echoed range of two dates counts as whole days.
    """
    return _PairCheck(exchange).problems()


def _echoed_span(value: Any) -> Range | None:
    """The echoed date range as two datetimes (two dates: whole days, offsets unknown), or
    ``None`` when it is neither."""
    if not isinstance(value, list):
        return None
    try:
        return expected_range(value, None, ZoneInfo("UTC"))
    except ValueError:
        return None


class _PairCheck:
    """The checks between a schema-valid success response and its request."""

    def __init__(self, exchange: Exchange) -> None:
        self.query = exchange.query
        self.body = exchange.response
        self.echo = exchange.response["query"]
        self.site = exchange.site
        self.now = exchange.now
        self.file = exchange.response_file
        self.found: list[Problem] = []

    def add(self, where: str, message: str) -> None:
        self.found.append(Problem(self.file, where, message))

    def problems(self) -> list[Problem]:
        echoed = self.echo.get("date_range")
        span = _echoed_span(echoed)
        bucket = None
        if span is not None:
            if self.site is not None and all(len(value) > 10 for value in echoed):
                self.check_range(*span, ZoneInfo(self.site.timezone))
            bucket = time_bucket(*span)
        self.check_echo(bucket)
        self.check_rows()
        self.check_meta()
        return self.found

    def check_range(self, first: datetime, last: datetime, zone: ZoneInfo) -> None:
        for index, moment in enumerate((first, last)):
            local = moment.astimezone(zone)
            if moment.utcoffset() != local.utcoffset():
                message = f"offset of {moment.isoformat()} is not {zone.key}'s"
                self.add(pointer("query", "date_range", index), message)
        requested = self.query["date_range"]
        expected = expected_range(requested, self.now, zone)
        if expected is None and self.now is not None:
            expected = self._all_time_range(first, self.now, zone)
        if expected is None:
            return
        at = f" at {self.now.isoformat()}" if self.now else ""
        for index, (want, got) in enumerate(zip(expected, (first, last), strict=True)):
            if want != got:
                message = (
                    f"{shown(requested)}{at} resolves to {want.isoformat()}, "
                    f"found {got.isoformat()}"
                )
                self.add(pointer("query", "date_range", index), message)

    @staticmethod
    def _all_time_range(first: datetime, now: datetime, zone: ZoneInfo) -> Range:
        """``all`` ends today; its first day comes from the data, so only its form is checked."""
        today = now.astimezone(zone).date()
        return local_day_range(first.astimezone(zone).date(), today, zone)

    def asked_pagination(self) -> dict[str, int]:
        return {"limit": 10000, "offset": 0, **self.query.get("pagination", {})}

    def expected_echo(self, bucket: str | None) -> dict[str, Any]:
        """The echo the request asks for; keys that need what is unknown (the time bucket of
        an unreadable range, a segment of an unknown site) are left out."""
        query = self.query
        resolved = bucket or "time"  # not compared when the bucket is unknown
        dimensions = [resolved if d == "time" else d for d in query.get("dimensions", [])]
        time_dims = [d for d in dimensions if d.startswith("time:")]
        if "order_by" in query:
            order_by = [[resolved if n == "time" else n, d] for n, d in query["order_by"]]
        else:
            order_by = [[t, "asc"] for t in time_dims[:1]] + [[query["metrics"][0], "desc"]]
        expected = {
            "site_id": query["site_id"],
            "metrics": query["metrics"],
            "date_range": self.echo.get("date_range"),
            "dimensions": dimensions,
            "order_by": order_by,
            "include": {k: True for k, v in sorted(query.get("include", {}).items()) if v},
            "pagination": self.asked_pagination(),
        }
        asks_time = "time" in [*query.get("dimensions", []), *(n for n, _ in order_by)]
        if bucket is None and asks_time:
            del expected["dimensions"], expected["order_by"]
        filters = query.get("filters", [])
        if self.site is not None:
            filters = expand_segments(filters, self.site)
        if self.site is not None or not _names_a_segment(filters):
            expected["filters"] = filters + hostname_copies(filters, dimensions)
        return {key: expected[key] for key in ECHO_KEYS if key in expected}

    def check_echo(self, bucket: str | None) -> None:
        if list(self.echo) != [key for key in ECHO_KEYS if key in self.echo]:
            self.add(pointer("query"), f"keys must be in the order {', '.join(ECHO_KEYS)}")
        for key, want in self.expected_echo(bucket).items():
            if key in self.echo and self.echo[key] != want:
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
        if len(results) > self.asked_pagination()["limit"]:
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
        offset = self.asked_pagination()["offset"]
        if total is not None and rows and total < offset + rows:
            self.add(pointer("meta", "total_rows"), f"{total} is less than offset + returned rows")

"""What a request to each v1 endpoint becomes: one v2 query, two with ``compare``, none for
realtime.

Every v1 endpoint shares ``site_id``, ``period``/``date``, ``metrics``, ``filters`` and
``with_imported``; a timeseries adds ``interval``, a breakdown ``property``, ``limit`` and
``page``, an aggregate ``compare``. Parameters an endpoint does not take are ignored by v1, and
named in a note here.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from ..language.structure import TOP_LEVEL_KEYS
from .breakdown import breakdown_parts
from .errors import MigrationError
from .filters import convert_filters
from .metrics import per_row_rates, read_metrics
from .periods import (
    CHANGE_PER_METRIC,
    Period,
    default_interval,
    previous_period,
    resolve_period,
)
from .request import V1Request

Query = dict[str, Any]

_COMMON = ("site_id", "period", "date", "metrics", "filters", "with_imported")
PARAMETERS = {
    "aggregate": (*_COMMON, "compare"),
    "timeseries": (*_COMMON, "interval"),
    "breakdown": (*_COMMON, "property", "limit", "page"),
    "realtime/visitors": ("site_id",),
}
INTERVALS = ("day", "month", "date")
"""The intervals v1 takes; ``date`` is its old name for ``day``."""
REALTIME = (
    "Realtime has no v2 equivalent: /api/v1/stats/realtime/visitors counts the visitors of "
    "the last 5 minutes, and v2 has no current-visitors query. The nearest is visitors over "
    "a date_range of two datetimes, 5 minutes ago and now."
)


def convert_request(request: V1Request, today: date, notes: list[str]) -> list[Query]:
    """The v2 queries of ``request``, each with its keys in the order the API echoes them."""
    _ignored(request, notes)
    if request.endpoint == "realtime/visitors":
        notes.append(REALTIME)
        return []
    params = request.params
    period = resolve_period(params, today, notes)
    query = _common(params, period, notes)
    queries = _ENDPOINTS[request.endpoint](query, params, period, today, notes)
    _site_note(query["site_id"], notes)
    notes.append(
        f"Send each query as the JSON body of POST {request.origin or ''}/api/v2/query, with "
        "the same Authorization: Bearer header as in v1."
    )
    return [_ordered(q) for q in queries]


def _ignored(request: V1Request, notes: list[str]) -> None:
    unknown = [name for name in request.params if name not in PARAMETERS[request.endpoint]]
    if unknown:
        notes.append(
            f"v1's {request.endpoint} ignores {', '.join(unknown)}; so does the conversion."
        )


def _common(params: dict[str, str], period: Period, notes: list[str]) -> Query:
    site_id = params.get("site_id")
    if not site_id:
        raise MigrationError("site_id is missing: every v1 request names its site")
    query: Query = {
        "site_id": site_id,
        "metrics": read_metrics(params, notes),
        "date_range": period.date_range(),
    }
    filters = convert_filters(params.get("filters", ""), notes)
    if filters:
        query["filters"] = filters
    imported = params.get("with_imported")
    if imported == "true":
        query["include"] = {"imports": True}
    elif imported not in (None, "false"):
        notes.append(f"v1 reads only with_imported=true; with_imported={imported} means false.")
    return query


def _aggregate(
    query: Query, params: dict[str, str], period: Period, today: date, notes: list[str]
) -> list[Query]:
    compare = params.get("compare")
    if compare is None:
        return [query]
    if compare != "previous_period":
        notes.append(f"v1 ignores compare={compare}: only previous_period compares.")
        return [query]
    previous = previous_period(period, today)
    notes.append(
        f"compare=previous_period becomes a second query for {previous.first} to "
        f"{previous.last}, the same number of days ending the day before {period.first} "
        "(both ranges are dates, so they stay next to each other). v1's change per metric: "
        f"{CHANGE_PER_METRIC}."
    )
    current = {**query, "date_range": period.explicit()}
    return [current, {**query, "date_range": previous.explicit()}]


def _timeseries(
    query: Query, params: dict[str, str], period: Period, today: date, notes: list[str]
) -> list[Query]:
    interval = params.get("interval", default_interval(period))
    if "interval" in params and interval not in INTERVALS:
        raise MigrationError(f"interval={interval}: v1 takes day or month")
    metrics = per_row_rates(query["metrics"], "per time bucket in a timeseries", notes)
    if "views_per_visit" in metrics:
        notes.append(
            "views_per_visit with a time dimension is recent in v2: older API versions and "
            "this mock reject it. Divide pageviews by visits where it is rejected."
        )
    notes.append(
        "v1 lists every time bucket, with zeros where there is no data; v2 returns only the "
        "buckets with data, and every bucket's label in meta.time_labels (asked for here)."
    )
    include = {**query.get("include", {}), "time_labels": True}
    return [{**query, "metrics": metrics, "dimensions": [_time(interval)], "include": include}]


def _breakdown(
    query: Query, params: dict[str, str], period: Period, today: date, notes: list[str]
) -> list[Query]:
    return [{**query, **breakdown_parts(params, query["metrics"], notes)}]


def _time(interval: str) -> str:
    return "time:day" if interval == "date" else f"time:{interval}"


_ENDPOINTS = {"aggregate": _aggregate, "timeseries": _timeseries, "breakdown": _breakdown}


def _site_note(site_id: str, notes: list[str]) -> None:
    if site_id.startswith("$"):
        notes.append(
            f"site_id is the shell variable {site_id}: put your site's domain in the JSON body, "
            "or build the body in the shell."
        )


def _ordered(query: Query) -> Query:
    return {key: query[key] for key in TOP_LEVEL_KEYS if key in query}

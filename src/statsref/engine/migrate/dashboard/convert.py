"""A dashboard URL as the Stats API v2 queries that give its numbers.

The top row by default (``reports``), or one panel's breakdown (``panel``, or the details view
the URL opens); the filters (``filters``) and the period (``periods``) of the URL, imported
data unless ``with_imported=false`` (the dashboard counts it by default; the Stats API only
when asked), and with ``comparison`` a second query for the range compared with. Each note
says where the query differs from the dashboard or what the URL holds that no query can say.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from ...language.site import REVENUE_GOALS
from ...language.structure import TOP_LEVEL_KEYS
from ...sites import demo_sites
from ..errors import MigrationError
from ..periods import CHANGE_PER_METRIC, Period
from .filters import api_filters, has_goal_filter, has_page_filter, resolved
from .location import Location, read_location
from .periods import ALL, CUSTOM, REALTIME, comparison, dashboard_period, until_today
from .reports import (
    PANEL_NAMES,
    Context,
    Panel,
    panel,
    panel_at,
    panel_metrics,
    top_row,
    top_row_labels,
)
from .search import JSONURL, OLDEST, Search, Value, read_search

Query = dict[str, Any]
STATE = (
    *("period", "date", "from", "to", "comparison", "compare_from", "compare_to"),
    *("match_day_of_week", "with_imported"),
)
"""What the dashboard reads besides filters and labels (``dashboard-state-context.tsx``)."""
DISPLAY = (
    *("keybindHint", "r", "api_version_reloaded", "embed", "theme", "background", "width"),
    *("auth", "legacy"),
)
"""Parameters that change how the dashboard looks or loads, never its numbers."""
REALTIME_MINUTES, CURRENT_MINUTES = 30, 5
FORMS = {
    JSONURL: "filters=(...) with labels=(...)",
    OLDEST: "one parameter per filter (?page=/docs&source=Google)",
}


def convert_dashboard(
    text: str, today: date, notes: list[str], *, panel_name: str | None, now: datetime | None
) -> list[Query]:
    location = read_location(text)
    search = read_search(location.query, notes)
    _describe_url(location, search, notes)
    found = _panel(panel_name, location, notes)
    imports = _imports(search.params, notes)
    site = demo_sites().at(now or datetime.combine(today, time(12), UTC)).get(location.site)
    revenue = (
        None
        if site is None
        else REVENUE_GOALS in site.features and any(g.currency for g in site.goals)
    )
    period = dashboard_period(search.params, today, notes)
    resolved_filters = resolved(search.filters, site, notes)
    context = Context(
        goal=has_goal_filter(resolved_filters),
        page=has_page_filter(resolved_filters),
        imports=imports,
        revenue=revenue,
        realtime=period.name == REALTIME,
    )
    query = _query(location.site, context, found, api_filters(search.filters, notes))
    if context.realtime:
        queries = _realtime(query, found is None, now, notes)
    else:
        queries = _dated(query, search.params, period, today, found is None, notes)
        if imports:
            notes.append(
                "The dashboard counts imported data unless with_imported=false; the Stats API "
                "only when asked, so the query asks (include.imports)."
            )
            for dated in queries:
                dated["include"] = {"imports": True}
    _metrics_note(query["metrics"], context, found, notes)
    _send_note(location, notes)
    return [{key: q[key] for key in TOP_LEVEL_KEYS if key in q} for q in queries]


def _query(site: str, context: Context, found: Panel | None, filters: list[Any]) -> Query:
    query: Query = {"site_id": site}
    query["metrics"] = panel_metrics(found, context) if found else top_row(context)
    filters = filters + [list(f) for f in found.always] if found else filters
    if filters:
        query["filters"] = filters
    if found:
        query["dimensions"] = list(found.dimensions)
    return query


def _dated(
    query: Query, params: dict[str, Value], period: Period, today: date, top: bool, notes: list[str]
) -> list[Query]:
    compared = comparison(params, period, today, notes)
    if compared is None:
        if top and "comparison" not in params and period.name != ALL:
            notes.append(
                "The dashboard's top row also shows each number's change against the previous "
                "period; add comparison=previous_period to the URL for that query too."
            )
        return [{**query, "date_range": period.date_range()}]
    current = until_today(period, today)
    matched = ""
    if params["comparison"] != CUSTOM and params.get("match_day_of_week", True) is not False:
        matched = f", moved to start on a {current.first:%A} like the period (match_day_of_week)"
    notes.append(
        f"comparison={params['comparison']} becomes a second query for {compared.first} to "
        f"{compared.last}{matched}, compared with {current.first} to {current.last} (both as "
        f"dates, so the two stay side by side). The dashboard's change per metric: "
        f"{CHANGE_PER_METRIC}."
    )
    return [
        {**query, "date_range": current.explicit()},
        {**query, "date_range": compared.explicit()},
    ]


def _realtime(query: Query, top: bool, now: datetime | None, notes: list[str]) -> list[Query]:
    notes.append(
        "The Stats API v2 has no realtime range: the realtime view counts the last "
        f"{REALTIME_MINUTES} minutes (and, as current visitors, the last {CURRENT_MINUTES} "
        "minutes of the whole site), which a query says as two datetimes up to now."
    )
    if now is None:
        notes.append("No clock was given (--today names a day only), so there is no query.")
        return []
    end = now.astimezone(UTC)
    queries = [{**query, "date_range": _minutes(end, REALTIME_MINUTES)}]
    if top:
        current = {"site_id": query["site_id"], "metrics": ["visitors"]}
        queries.append({**current, "date_range": _minutes(end, CURRENT_MINUTES)})
        notes.append(
            "The second query counts the current visitors, unfiltered, as the dashboard does."
        )
    notes.append(f"The ranges end at {_instant(end)}: convert again for another moment.")
    return queries


def _minutes(end: datetime, minutes: int) -> list[str]:
    return [_instant(end - timedelta(minutes=minutes)), _instant(end)]


def _instant(moment: datetime) -> str:
    return f"{moment:%Y-%m-%dT%H:%M:%S}Z"


def _panel(name: str | None, location: Location, notes: list[str]) -> Panel | None:
    if location.view is not None:
        opened = panel_at(location.view)
        if opened is None:
            raise MigrationError(f"/{location.view} is not a dashboard view this converter knows")
        if name is None:
            notes.append(
                f"The URL opens the details of the {opened} panel: the query is its breakdown, "
                "with the panel's own metrics (the details view adds columns)."
            )
            name = opened
    if name is None:
        return None
    found = panel(name)
    if found is None:
        raise MigrationError(f"{name} is not a dashboard panel; the panels are {PANEL_NAMES}")
    return found


def _imports(params: dict[str, Value], notes: list[str]) -> bool:
    value = params.get("with_imported", True)
    if not isinstance(value, bool):
        notes.append(f"with_imported={value} is neither true nor false: the dashboard reads true.")
        value = True
    return value


def _describe_url(location: Location, search: Search, notes: list[str]) -> None:
    if search.form in FORMS:
        notes.append(
            f"This URL uses an older form of the dashboard's filters, {FORMS[search.form]}, "
            "which the dashboard still reads (and rewrites to f=): read as it reads it."
        )
    if search.labels:
        named = ", ".join(f"{value}: {label}" for value, label in search.labels.items())
        notes.append(f"Labels only name values on screen ({named}); the query uses the values.")
    unknown = [name for name in search.params if name not in STATE + DISPLAY]
    shown = [name for name in search.params if name in DISPLAY]
    if shown:
        notes.append(f"Left out: {', '.join(shown)} (how the dashboard looks, not its numbers).")
    if unknown:
        notes.append(f"The dashboard does not read {', '.join(unknown)}; neither does the query.")
    if location.shared:
        notes.append(
            "This is a shared link: its auth= is the link's secret, which opens the dashboard "
            "for anyone who has it, and never a Stats API key. The API needs a key of an "
            "account that can read the site."
            if "auth" in search.params
            else "A shared link without auth= is the old form /share/<slug>, which redirects "
            "to /share/<site>?auth=<slug>: the path is read as the site's domain here."
        )


def _metrics_note(
    metrics: list[str], context: Context, found: Panel | None, notes: list[str]
) -> None:
    if found is None and not context.realtime:
        notes.append(f"The dashboard's top row: {top_row_labels(metrics, context)}.")
    if context.goal and context.revenue is None:
        notes.append(
            "If the site has revenue goals, the dashboard also shows total_revenue and "
            "average_revenue with a goal filter: add them to the metrics."
        )


def _send_note(location: Location, notes: list[str]) -> None:
    origin = location.origin or "https://<your instance>"
    notes.append(
        f"Send each query as the JSON body of POST {origin}/api/v2/query, with "
        "Authorization: Bearer <your Stats API key>."
    )

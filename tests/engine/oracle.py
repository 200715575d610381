"""An independent reference implementation of the query semantics, for the property tests.

Plain Python over the generated ``Session``/``Event`` rows: no SQL and nothing from the engine
but the parsed ``Query`` (the parser is not under test here) and the site configuration. It
follows the query-semantics rules as written in the engine's documentation:

- events count when their timestamp is in the range; sessions when they overlap it;
- a query is answered from the events or the sessions table as the API's table decider
  does (either-scope metrics follow the table the other metrics and filters need);
- a session passes event filters when one of its in-range events passes the whole tree;
- ``engagement`` events only feed ``scroll_depth`` and ``time_on_page``, and complete scroll
  goals in a query about goals (``events`` never counts them, and is ``null`` where a scroll
  goal's completions would be its count).

Values are kept exact (``Fraction``) with the number of decimals the API rounds them to, so the
comparison can accept either rounding of an exact half and nothing else.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from fractions import Fraction
from functools import cache
from typing import Any
from zoneinfo import ZoneInfo

from statsref.engine.data.rows import Event, Session
from statsref.engine.language.query import Query
from statsref.engine.language.site import Goal, Site

ENGAGEMENT = "engagement"
PAGEVIEW = "pageview"
SESSION_ONLY_METRICS = frozenset({"bounce_rate", "visit_duration", "views_per_visit"})
EVENT_ONLY_METRICS = frozenset(
    {"pageviews", "events", "scroll_depth", "time_on_page", "total_revenue", "average_revenue"}
)
SESSION_ONLY_DIMENSIONS = frozenset(
    {"visit:entry_page", "visit:exit_page", "visit:entry_page_hostname", "visit:exit_page_hostname"}
)
REVENUE_METRICS = ("total_revenue", "average_revenue")
NOT_SET = "(not set)"
NOT_SET_FIELDS = frozenset(
    {
        "utm_medium",
        "utm_source",
        "utm_campaign",
        "utm_content",
        "utm_term",
        "device",
        "browser",
        "browser_version",
        "os",
        "os_version",
    }
)
DIRECT_FIELDS = frozenset({"source", "referrer"})
NO_REVENUE_GOALS = "Revenue metrics are null as there are no matching revenue goals."
MIXED_CURRENCIES = (
    "Revenue metrics are null as there are multiple currencies for the selected event:goals."
)


@dataclass(frozen=True)
class Number:
    """An exact value and the decimals the API rounds it to (0: an integer in the JSON)."""

    exact: Fraction
    digits: int

    def rounded(self) -> Fraction:
        """Round half up; only used to sort, where either rounding of a half sorts the same."""
        scale = 10**self.digits
        return Fraction(int(self.exact * scale + Fraction(1, 2)), scale)


@dataclass(frozen=True)
class Revenue:
    amount: Fraction
    currency: str


Value = Number | Revenue | None


@dataclass
class Expected:
    """What the engine must answer: every row before pagination, sorted, and the meta."""

    rows: list[tuple[tuple, list[Value]]]
    sort_keys: list[tuple]
    meta: dict[str, Any]


# --------------------------------------------------------------------------- rows and values


def _visit_display(field: str, raw: Any) -> Any:
    """The dimension value the API shows for a session attribute (placeholders for empties)."""
    if raw != "":
        return raw
    if field in NOT_SET_FIELDS:
        return NOT_SET
    if field in DIRECT_FIELDS:
        return "Direct / None"
    if field == "channel":
        return "Direct"
    return raw


def _clause_raw(field: str, clause: Any) -> Any:
    """A filter clause as the stored value it stands for (placeholders mean "empty")."""
    if field in NOT_SET_FIELDS and clause == NOT_SET:
        return ""
    if field in DIRECT_FIELDS and clause == "Direct / None":
        return ""
    return clause


@cache
def _goal_pattern(path: str) -> re.Pattern[str]:
    parts = (re.escape(p).replace(r"\*", ".*") for p in path.split("|"))
    return re.compile("^(?:" + "|".join(parts) + ")$")


def goal_matches(goal: Goal, event: Event) -> bool:
    if goal.event_name is not None:
        return event.name == goal.event_name
    pattern = _goal_pattern(goal.page_path or "")
    if goal.scroll_threshold is not None:
        depth = event.scroll_depth
        reached = depth is not None and goal.scroll_threshold <= depth <= 100
        return event.name == ENGAGEMENT and reached and bool(pattern.match(event.pathname))
    return event.name == PAGEVIEW and bool(pattern.match(event.pathname))


def _goal_kind(goal: Goal) -> str:
    """The imported report holding a goal's conversions (``scroll``: none does)."""
    if goal.event_name:
        return "custom_events"
    return "scroll" if goal.scroll_threshold is not None else "pages"


# --------------------------------------------------------------------------- filters


def _compare(op: str, clauses: list, values: Iterable[str], case_sensitive: bool) -> bool:
    """``op`` on one value list: its positive form holds when any clause matches any value."""
    values = list(values)
    if not case_sensitive:
        values = [v.lower() for v in values]
        clauses = [c.lower() for c in clauses]
    base = op.removesuffix("_not")
    if base == "is":
        hit = any(c == v for c in clauses for v in values)
    elif base == "contains":
        hit = any(c in v for c in clauses for v in values)
    else:
        hit = any(re.search(c, v) for c in clauses for v in values)
    return hit != op.endswith("_not")


class Context:
    """Everything one query's evaluation needs, computed once."""

    def __init__(
        self,
        site: Site,
        sessions: dict[int, Session],
        events: list[Event],
        imported: list[Any],
        query: Query,
    ):
        self.site = site
        self.sessions = sessions
        self.imported = imported
        self.query = query
        first, last = query.date_range.first_utc, query.date_range.last_utc
        self.events = [e for e in events if first <= e.timestamp <= last]
        self.in_range_sessions = [
            s for s in sessions.values() if s.end >= first and s.start <= last
        ]
        self._behavioral: dict[int, set[int]] = {}

    def goals_of(self, event: Event) -> list[str]:
        return [g.display_name for g in self.site.goals if goal_matches(g, event)]

    def event_values(self, dim: str, event: Event) -> list[str] | None:
        """Values of an ``event:*`` dimension for one event; None for an absent prop."""
        if dim == "event:goal":
            return self.goals_of(event)
        if dim.startswith("event:props:"):
            value = event.props.get(dim.removeprefix("event:props:"))
            return None if value is None else [value]
        return [
            {
                "event:page": event.pathname,
                "event:hostname": event.hostname,
                "event:name": event.name,
            }[dim]
        ]

    def leaf_on_event(self, leaf: list, event: Event) -> bool:
        op, dim, clauses, mods = leaf
        if dim.startswith("visit:"):
            return self.leaf_on_session(leaf, self.sessions[event.session_id])
        values = self.event_values(dim, event)
        if dim.startswith("event:props:"):
            return self._prop_match(op, clauses, values, mods["case_sensitive"])
        return _compare(op, clauses, values, mods["case_sensitive"])

    @staticmethod
    def _prop_match(op: str, clauses: list, values: list[str] | None, case_sensitive: bool) -> bool:
        """For ``is``/``is_not``, ``(none)`` stands for an absent prop and an absent prop never
        matches a real value; ``contains``/``matches`` and their negations hold only for a
        present prop, with ``(none)`` a plain string."""
        if not op.startswith("is"):
            return values is not None and _compare(op, clauses, values, case_sensitive)
        wants_none = "(none)" in clauses
        real = [c for c in clauses if c != "(none)"]
        hit = values is None and wants_none
        if values is not None and real:
            hit = _compare(op.removesuffix("_not"), real, values, case_sensitive)
        return hit != op.endswith("_not")

    def leaf_on_session(self, leaf: list, session: Session) -> bool:
        op, dim, clauses, mods = leaf
        field = dim.removeprefix("visit:")
        raw = getattr(session, field)
        if field == "city":
            return _compare(op, [str(c) for c in clauses], [str(raw)], True)
        clauses = [_clause_raw(field, c) for c in clauses]
        return _compare(op, clauses, [raw], mods["case_sensitive"])

    def behavioral(self, node: list) -> set[int]:
        """Sessions with at least one in-range event passing the inner filter."""
        key = id(node)
        if key not in self._behavioral:
            self._behavioral[key] = {e.session_id for e in self.events if self.on_event(node[1], e)}
        return self._behavioral[key]

    def on_event(self, node: list, event: Event) -> bool:
        """The filter tree on one event (visit leaves read the event's session)."""
        head = node[0]
        if head == "and":
            return all(self.on_event(n, event) for n in node[1])
        if head == "or":
            return any(self.on_event(n, event) for n in node[1])
        if head == "not":
            return not self.on_event(node[1], event)
        if head in ("has_done", "has_not_done"):
            inside = event.session_id in self.behavioral(node)
            return inside == (head == "has_done")
        return self.leaf_on_event(node, event)

    def on_session(self, node: list, session: Session) -> bool:
        """The filter tree on a session that has no event leaves."""
        head = node[0]
        if head == "and":
            return all(self.on_session(n, session) for n in node[1])
        if head == "or":
            return any(self.on_session(n, session) for n in node[1])
        if head == "not":
            return not self.on_session(node[1], session)
        if head in ("has_done", "has_not_done"):
            return (session.session_id in self.behavioral(node)) == (head == "has_done")
        return self.leaf_on_session(node, session)


def _walk(filters: list) -> Iterable[list]:
    """Every leaf outside behavioral filters."""
    for node in filters:
        head = node[0]
        if head in ("and", "or"):
            yield from _walk(node[1])
        elif head == "not":
            yield from _walk([node[1]])
        elif head not in ("has_done", "has_not_done"):
            yield node


def filter_dimensions(filters: list) -> set[str]:
    return {leaf[1] for leaf in _walk(filters)}


def has_event_leaves(filters: list) -> bool:
    return any(d.startswith("event:") for d in filter_dimensions(filters))


# --------------------------------------------------------------------------- time buckets


def _week_label(day: date, range_first: date) -> str:
    return max(day - timedelta(days=day.weekday()), range_first).isoformat()


@dataclass(frozen=True, order=True)
class Hour:
    """An hour bucket: the instant the local hour began (a repeated hour begins later)."""

    start: datetime
    label: str


def shown(key: tuple) -> tuple:
    """A group key as the response shows it (an hour by its label)."""
    return tuple(v.label if isinstance(v, Hour) else v for v in key)


def bucket_label(bucket: str, moment: datetime, tz: ZoneInfo, range_first: date) -> Any:
    local = moment.astimezone(tz)
    if bucket == "time:hour":
        start = local.replace(minute=0, second=0, microsecond=0)
        return Hour(start.astimezone(UTC), start.strftime("%Y-%m-%d %H:00:00"))
    if bucket == "time:day":
        return local.date().isoformat()
    if bucket == "time:week":
        return _week_label(local.date(), range_first)
    return local.strftime("%Y-%m-01")


def hour_slots(start: datetime, end: datetime, first: datetime, last: datetime) -> list[datetime]:
    """The UTC hour starts a session was active in, limited to the range."""
    slot = max(start, first).replace(minute=0, second=0, microsecond=0)
    stop = min(end, last)
    slots = []
    while slot <= stop:
        slots.append(slot)
        slot += timedelta(hours=1)
    return slots


def time_labels(query: Query, bucket: str) -> list[str]:
    """Every bucket label of the range, in order (walking UTC hours, or local midnights); a
    local hour that comes round twice is listed twice."""
    tz = ZoneInfo(query.site.timezone)
    first, last = query.date_range.first_utc, query.date_range.last_utc
    range_first = first.astimezone(tz).date()
    moment = first.replace(minute=0, second=0, microsecond=0) if bucket == "time:hour" else first
    labels: list[str] = []
    while moment <= last:
        label = shown((bucket_label(bucket, moment, tz, range_first),))[0]
        if bucket == "time:hour" or not labels or labels[-1] != label:
            labels.append(label)
        if bucket == "time:hour":
            moment += timedelta(hours=1)
        else:
            moment = _next_local_day(moment, tz)
    return labels


def _next_local_day(moment: datetime, tz: ZoneInfo) -> datetime:
    local = moment.astimezone(tz)
    nxt = datetime.combine(local.date() + timedelta(days=1), datetime.min.time(), tz)
    return nxt.astimezone(UTC)


# --------------------------------------------------------------------------- the oracle


@dataclass
class Group:
    """One result row's rows: its events, sessions, engagement events and imported sums."""

    key: tuple
    events: list[Event]
    sessions: list[Session]
    engaged: list[Event]
    on_events: bool
    imported: Counter

    def distinct(self, attribute: str) -> int:
        rows = self.events if self.on_events else self.sessions
        return len({getattr(x, attribute) for x in rows})


# --------------------------------------------------------------------------- imported data

IMPORT_META = ("imports_included", "imports_skip_reason", "imports_warning")
SKIP_WARNINGS = {
    "unsupported_query": (
        "Imported stats are not included in the results because query parameters are not "
        "supported. For more information, see: "
        "https://plausible.io/docs/stats-api#filtering-imported-stats"
    ),
    "unsupported_interval": (
        "Imported stats are not included because the time dimension (i.e. the interval) is "
        "too short."
    ),
}
EVENT_FIELDS = {
    "event:page": "page",
    "event:hostname": "hostname",
    "event:name": "name",
    "event:goal": "goal",
}


def imported_field(dim: str) -> str:
    return EVENT_FIELDS.get(dim, dim.removeprefix("visit:"))


class Imports:
    """Imported daily aggregates: one report per kind, each holding some dimension columns.

    A query can use them when every dimension and filter it has lives in one report (the
    report is read off the rows themselves), it has no behavioral filter and no hourly
    buckets; their sums are then added to the native groups (the pages report's scroll depth
    and time on page sums too; revenue, which no report holds, stays native).
    """

    def __init__(self, run: _Run) -> None:
        self.run = run
        self.rows = run.ctx.imported
        self.reports: dict[str, set[str]] = defaultdict(set)
        for row in self.rows:
            for column in row.dims:
                self.reports[column].add(row.kind)
        self.reason = self._skip_reason()

    def goal_kinds(self, dimensions: list[str], filters: list) -> set[str]:
        """Where the conversions of the goals the query is about are: event goals in the
        custom events report, page goals in the pages report."""
        named = [f for f in filters if f[0] not in _BRANCHES and f[1] == "event:goal"]
        if not named and "event:goal" not in dimensions:
            return set()
        goals = [
            g
            for g in self.run.query.site.goals
            if all(
                _compare(op, clauses, [g.display_name], m["case_sensitive"])
                for op, _, clauses, m in named
            )
        ]
        return {_goal_kind(g) for g in goals}

    def report(self, dimensions: list[str], filters: list) -> str | None:
        """The report every dimension and filter lives in, or ``both`` goal reports for a
        breakdown by goal alone."""
        fields = [imported_field(d) for d in dimensions if not d.startswith("time")]
        fields += [imported_field(d) for d in filter_dimensions(filters)]
        kinds = [self.reports.get(f, set()) for f in fields if f != "goal"]
        goal_kinds = self.goal_kinds(dimensions, filters)
        if goal_kinds:
            kinds.append(goal_kinds)
        if not kinds:
            return "visitors"
        common = set.intersection(*kinds)
        if len(common) == 1 and common != {"scroll"}:
            return next(iter(common))
        both_kinds = {"custom_events", "pages"} <= goal_kinds
        both = dimensions == ["event:goal"] and not filters and both_kinds
        return "both" if both else None

    def _skip_reason(self) -> str | None:
        q = self.run.query
        if not self.rows:
            return "no_imported_data"
        days = [r.day for r in self.rows]
        if self.run.range_last < min(days) or self.run.range_first > max(days):
            return "out_of_range"
        if "time:hour" in q.dimensions:
            return "unsupported_interval"
        if _has_behavioral(q.filters) or self.report(q.dimensions, q.filters) is None:
            return "unsupported_query"
        return None

    def meta(self) -> dict[str, Any]:
        if self.reason is None:
            return {"imports_included": True}
        meta: dict[str, Any] = {"imports_included": False, "imports_skip_reason": self.reason}
        if self.reason in SKIP_WARNINGS:
            meta["imports_warning"] = SKIP_WARNINGS[self.reason]
        return meta

    def groups(self, filters: list, dimensions: list[str]) -> dict[tuple, Counter]:
        if self.reason is not None:
            return {}
        kind = self.report(dimensions, filters)
        run = self.run
        goal_kinds = self.goal_kinds(dimensions, filters)
        groups: dict[tuple, Counter] = defaultdict(Counter)
        for row in self.rows:
            if not run.range_first <= row.day <= run.range_last:
                continue
            if row.kind == "pages" and "pages" in goal_kinds and kind in ("pages", "both"):
                self._add_page_goals(groups, row, filters, dimensions)
                continue
            if row.kind != ("custom_events" if kind == "both" else kind):
                continue
            if not all(_imported_match(f, row) for f in filters):
                continue
            key = tuple(self._value(d, row) for d in dimensions)
            self._add(groups[key], row)
        return groups

    @staticmethod
    def _add(counter: Counter, row: Any) -> None:
        """A row's sums as the API adds them: events are pageviews outside custom events, and
        pages carry no bounces or durations but the only engagement sums."""
        for name in ("visitors", "visits", "pageviews"):
            counter[name] += getattr(row, name)
        counter["events"] += row.events if row.kind == "custom_events" else row.pageviews
        if row.kind != "pages":
            counter["bounces"] += row.bounces
            counter["bounce_visits"] += row.visits
            counter["visit_duration"] += row.visit_duration
            return
        for name in (
            "total_scroll_depth",
            "total_scroll_depth_visits",
            "total_time_on_page",
            "total_time_on_page_visits",
        ):
            counter[name] += getattr(row, name)

    def _add_page_goals(self, groups, row: Any, filters: list, dimensions: list[str]) -> None:
        """A pages row for each page goal (among those the goal filters name) it completes."""
        named = [f for f in filters if f[0] not in _BRANCHES and f[1] == "event:goal"]
        others = [f for f in filters if f not in named]
        if not all(_imported_match(f, row) for f in others):
            return
        page = row.dims.get("page")
        goals = [
            g.display_name
            for g in self.run.query.site.goals
            if _goal_kind(g) == "pages"
            and _goal_pattern(g.page_path or "").match(page)
            and all(_compare(op, c, [g.display_name], m["case_sensitive"]) for op, _, c, m in named)
        ]
        if "event:goal" not in dimensions:
            goals = goals[:1]
        for goal in goals:
            key = tuple(goal if d == "event:goal" else self._value(d, row) for d in dimensions)
            self._add(groups[key], row)

    def _value(self, dim: str, row: Any) -> Any:
        if dim.startswith("time:"):
            moment = datetime.combine(row.day, datetime.min.time(), self.run.tz)
            return bucket_label(dim, moment, self.run.tz, self.run.range_first)
        value = row.dims.get(imported_field(dim))
        return _visit_display(imported_field(dim), value) if dim.startswith("visit:") else value


def _has_behavioral(filters: list) -> bool:
    for node in filters:
        head = node[0]
        if head in ("has_done", "has_not_done"):
            return True
        if head in ("and", "or") and _has_behavioral(node[1]):
            return True
        if head == "not" and _has_behavioral([node[1]]):
            return True
    return False


def _imported_match(node: list, row: Any) -> bool:
    head = node[0]
    if head == "and":
        return all(_imported_match(n, row) for n in node[1])
    if head == "or":
        return any(_imported_match(n, row) for n in node[1])
    if head == "not":
        return not _imported_match(node[1], row)
    op, dim, clauses, mods = node
    field = imported_field(dim)
    value = row.dims.get(field)
    if field == "city":
        return _compare(op, [str(c) for c in clauses], [str(value)], True)
    clauses = [_clause_raw(field, c) for c in clauses]
    return _compare(op, clauses, [value], mods["case_sensitive"])


class Oracle:
    """Answers parsed queries from a dataset's rows."""

    def __init__(self, dataset: Any) -> None:
        self._dataset = dataset
        self._rows: dict[str, tuple[dict[int, Session], list[Event], list[Any]]] = {}

    def _site_rows(self, domain: str) -> tuple[dict[int, Session], list[Event], list[Any]]:
        if domain not in self._rows:
            sessions = {s.session_id: s for s in self._dataset.sessions(domain)}
            self._rows[domain] = (
                sessions,
                list(self._dataset.events(domain)),
                list(self._dataset.imported(domain)),
            )
        return self._rows[domain]

    def run(self, query: Query) -> Expected:
        sessions, events, imported = self._site_rows(query.site.domain)
        ctx = Context(query.site, sessions, events, imported, query)
        return _Run(ctx).expected()


class _Run:
    """One query's computation."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.query = ctx.query
        self.tz = ZoneInfo(self.query.site.timezone)
        self.range_first = self.query.date_range.first.astimezone(self.tz).date()
        self.range_last = self.query.date_range.last.astimezone(self.tz).date()
        self.imports = Imports(self) if self.query.include.get("imports") else None

    # ---- which table answers which metric

    def event_table(self, metrics: Iterable[str], dimensions: list[str], filters: list) -> bool:
        """True when the either-scope metrics are counted on events (the table decider)."""
        metrics = set(metrics)
        used = filter_dimensions(filters)
        ev_m, se_m = bool(metrics & EVENT_ONLY_METRICS), bool(metrics & SESSION_ONLY_METRICS)
        ev_f = any(d.startswith("event:") for d in used)
        se_f = bool(used & SESSION_ONLY_DIMENSIONS)
        ev_d = any(d.startswith("event:") for d in dimensions)
        se_d = bool(set(dimensions) & SESSION_ONLY_DIMENSIONS)
        if not (ev_m or ev_f or ev_d):
            return False
        if not (se_m or se_f or se_d):
            return True
        if not (ev_m or ev_d):
            return False
        # Events carry their session's attributes, so only session metrics need sessions here.
        return not se_m

    # ---- grouping

    def event_keys(self, event: Event, dimensions: list[str]) -> list[tuple]:
        keys: list[tuple] = [()]
        session = self.ctx.sessions[event.session_id]
        for dim in dimensions:
            if dim.startswith("time:"):
                values: list[Any] = [bucket_label(dim, event.timestamp, self.tz, self.range_first)]
            elif dim.startswith("event:props:"):
                found = self.ctx.event_values(dim, event)
                values = found if found is not None else ["(none)"]
            elif dim.startswith("event:"):
                values = self.ctx.event_values(dim, event) or []
            else:
                values = [self.session_value(dim, session)]
            keys = [(*k, v) for k in keys for v in values]
        return keys

    def session_value(self, dim: str, session: Session) -> Any:
        field = dim.removeprefix("visit:")
        if dim == "event:page":
            field = "entry_page"
        return _visit_display(field, getattr(session, field))

    def session_keys(self, session: Session, dimensions: list[str]) -> list[tuple]:
        keys: list[tuple] = [()]
        first, last = self.query.date_range.first_utc, self.query.date_range.last_utc
        for dim in dimensions:
            if dim == "time:hour":
                values: list[Any] = [
                    bucket_label(dim, s, self.tz, self.range_first)
                    for s in hour_slots(session.start, session.end, first, last)
                ]
            elif dim.startswith("time:"):
                values = [bucket_label(dim, session.end, self.tz, self.range_first)]
            else:
                values = [self.session_value(dim, session)]
            keys = [(*k, v) for k in keys for v in values]
        return keys

    # ---- selections

    def matching_events(self, filters: list, *, engagement: bool = False) -> list[Event]:
        return [
            e
            for e in self.ctx.events
            if (engagement or e.name != ENGAGEMENT or self.completes_scroll_goal(e))
            and all(self.ctx.on_event(f, e) for f in filters)
        ]

    def completes_scroll_goal(self, event: Event) -> bool:
        """Whether an engagement event counts as a scroll goal's completion: only in a query
        about goals (a goal filter anywhere, or a breakdown by goal)."""
        q = self.query
        if "event:goal" not in q.dimensions and "event:goal" not in filter_dimensions(q.filters):
            return False
        return any(g.scroll_threshold is not None and goal_matches(g, event) for g in q.site.goals)

    def matching_sessions(self, filters: list) -> list[Session]:
        if not has_event_leaves(filters):
            return [
                s
                for s in self.ctx.in_range_sessions
                if all(self.ctx.on_session(f, s) for f in filters)
            ]
        ids = {e.session_id for e in self.matching_events(filters)}
        return [s for s in self.ctx.in_range_sessions if s.session_id in ids]

    def grouped_events(self, filters: list, dimensions: list[str], *, engagement: bool = False):
        groups: dict[tuple, list[Event]] = defaultdict(list)
        for event in self.matching_events(filters, engagement=engagement):
            for key in self.event_keys(event, dimensions):
                groups[key].append(event)
        return groups

    def grouped_sessions(self, filters: list, dimensions: list[str]):
        groups: dict[tuple, list[Session]] = defaultdict(list)
        for session in self.matching_sessions(filters):
            for key in self.session_keys(session, dimensions):
                groups[key].append(session)
        return groups

    def visitors(self, filters: list, dimensions: list[str], metrics: Iterable[str]):
        """Visitor counts per group, from the table the decider picks, imports added."""
        if self.event_table(metrics, dimensions, filters):
            rows: dict[tuple, list] = self.grouped_events(filters, dimensions)
        else:
            rows = self.grouped_sessions(filters, dimensions)
        counts = {k: len({x.visitor_id for x in v}) for k, v in rows.items()}
        for key, imported in self.imported(filters, dimensions).items():
            if key in counts or imported["visitors"]:
                counts[key] = counts.get(key, 0) + imported["visitors"]
        return counts

    def imported(self, filters: list, dimensions: list[str]) -> dict[tuple, Counter]:
        return {} if self.imports is None else self.imports.groups(filters, dimensions)

    # ---- the answer

    def expected(self) -> Expected:
        q = self.query
        dims, metrics, filters = q.dimensions, q.metrics, q.filters
        on_events = self.event_table(metrics, dims, filters)
        ev_groups = self.grouped_events(filters, dims)
        se_groups = (
            self.grouped_sessions(filters, dims)
            if not on_events or (set(metrics) & SESSION_ONLY_METRICS)
            else {}
        )
        eng_groups = (
            self.grouped_events(filters, dims, engagement=True)
            if {"scroll_depth", "time_on_page"} & set(metrics)
            else {}
        )
        either_groups = ev_groups if on_events else se_groups
        keys = set(either_groups)
        if set(metrics) & EVENT_ONLY_METRICS:
            keys |= set(ev_groups)
        if set(metrics) & SESSION_ONLY_METRICS:
            keys |= set(se_groups)
        imported = self.imported(filters, dims)
        keys |= {k for k, v in imported.items() if v["visitors"]}
        if not dims:
            keys = {()}
        revenue = self.revenue_setup()
        totals = self.totals()
        rows = []
        for key in keys:
            group = Group(
                key=key,
                events=ev_groups.get(key, []),
                sessions=se_groups.get(key, []),
                engaged=eng_groups.get(key, []),
                on_events=on_events,
                imported=imported.get(key, Counter()),
            )
            rows.append((key, [self.metric(m, group, revenue, totals) for m in metrics]))
        sort_keys = self.sort(rows)
        return Expected(
            rows=[r for _, r in sort_keys],
            sort_keys=[k for k, _ in sort_keys],
            meta=self.meta(revenue),
        )

    def totals(self) -> dict[str, Any]:
        q = self.query
        totals: dict[str, Any] = {}
        if "percentage" in q.metrics:
            totals["percentage"] = self.visitors(q.filters, [], ["visitors"]).get((), 0)
        if "conversion_rate" in q.metrics:
            totals["conversion_rate"] = self.visitors(self.goalless(), [], ["visitors"]).get((), 0)
        if "group_conversion_rate" in q.metrics:
            dims = [d for d in q.dimensions if d != "event:goal"]
            per_group = self.visitors(self.goalless(), dims, ["visitors"])
            keep = [i for i, d in enumerate(q.dimensions) if d != "event:goal"]
            totals["group_conversion_rate"] = (per_group, keep)
        return totals

    def goalless(self) -> list:
        return [
            f
            for f in self.query.filters
            if not (
                f[0] not in ("and", "or", "not", "has_done", "has_not_done")
                and (f[1] == "event:goal" or f[1].startswith("event:props:"))
            )
        ]

    def metric(self, name: str, group: Group, revenue: dict, totals: dict) -> Value:
        imp = group.imported
        visitor_count = group.distinct("visitor_id") + imp["visitors"]
        if name == "visitors":
            return Number(Fraction(visitor_count), 0)
        if name == "visits":
            return Number(Fraction(group.distinct("session_id") + imp["visits"]), 0)
        if name == "pageviews":
            return Number(Fraction(sum(e.name == PAGEVIEW for e in group.events) + imp[name]), 0)
        if name == "events":
            if self.events_unknown(group.key):
                return None
            counted = sum(e.name != ENGAGEMENT for e in group.events)
            return Number(Fraction(counted + imp[name]), 0)
        if name in SESSION_ONLY_METRICS:
            return self.session_metric(name, group.sessions, imp)
        if name == "percentage":
            total = totals["percentage"]
            return Number(Fraction(100 * visitor_count, total), 1) if total else None
        if name == "conversion_rate":
            return _rate(visitor_count, totals["conversion_rate"])
        if name == "group_conversion_rate":
            per_group, keep = totals["group_conversion_rate"]
            return _rate(visitor_count, per_group.get(tuple(group.key[i] for i in keep), 0))
        if name == "scroll_depth":
            return _scroll_depth(group.engaged, imp)
        if name == "time_on_page":
            with_imports = self.imports is not None and self.imports.reason is None
            return _time_on_page(group.engaged, group.events, imp, with_imports)
        return self.revenue_metric(name, group.key, group.events, revenue)

    def session_metric(self, name: str, sessions: list[Session], imp: Counter) -> Number:
        if name == "bounce_rate":
            counted = self.bounce_sessions(sessions)
            entered = len(counted) + imp["bounce_visits"]
            if not entered:
                return Number(Fraction(0), 0)
            bounces = sum(s.is_bounce for s in counted) + imp["bounces"]
            return Number(Fraction(100 * bounces, entered), 0)
        visits = len(sessions) + imp["visits"]
        if not visits:
            return Number(Fraction(0), 0 if name == "visit_duration" else 2)
        if name == "visit_duration":
            total = sum(s.duration for s in sessions) + imp["visit_duration"]
            return Number(Fraction(total, visits), 0)
        views = sum(s.pageviews for s in sessions) + imp["pageviews"]
        return Number(Fraction(views, visits), 2)

    def bounce_sessions(self, sessions: list[Session]) -> list[Session]:
        """With top-level page filters, only sessions entering on a matching page count."""
        pages = [f for f in self.query.filters if f[0] not in _BRANCHES and f[1] == "event:page"]
        return [
            s
            for s in sessions
            if all(_compare(f[0], f[2], [s.entry_page], f[3]["case_sensitive"]) for f in pages)
        ]

    # ---- revenue

    def revenue_setup(self) -> dict[str, Any]:
        """Currency per goal (and the single default) and the warning, as the API decides them."""
        q = self.query
        if not set(REVENUE_METRICS) & set(q.metrics):
            return {}
        goals = self.relevant_goals()
        currencies = {g.display_name: g.currency for g in goals if g.currency}
        distinct = set(currencies.values())
        by_goal = "event:goal" in q.dimensions
        if (by_goal and currencies) or len(distinct) == 1:
            warning = None
        elif len(distinct) > 1:
            warning = ("no_single_revenue_currency", MIXED_CURRENCIES)
        else:
            warning = ("no_revenue_goals_matching", NO_REVENUE_GOALS)
        default = next(iter(distinct)) if len(distinct) == 1 and not by_goal else None
        return {
            "by_goal": by_goal,
            "currencies": currencies,
            "default": default,
            "warning": warning,
        }

    def events_unknown(self, key: tuple) -> bool:
        """``events`` is null in a scroll goal's row of a breakdown by goal, and in every row
        of a query whose top-level goal filters name a scroll goal, one of them written
        without modifiers."""
        dims = self.query.dimensions
        if "event:goal" in dims:
            name = key[dims.index("event:goal")]
            goals = self.query.site.goals
            return any(g.display_name == name and g.scroll_threshold is not None for g in goals)
        # The API's check matches goal filters written without modifiers only.
        bare = any(len(f) == 3 and f[1] == "event:goal" for f in self.query.echo["filters"])
        return bare and any(g.scroll_threshold is not None for g in self.relevant_goals())

    def relevant_goals(self) -> list[Goal]:
        """Goals named by top-level goal filters (all goals when only the dimension asks)."""
        leaves = [f for f in self.query.filters if f[0] not in _BRANCHES and f[1] == "event:goal"]
        goals = list(self.query.site.goals)
        if not leaves:
            return goals if "event:goal" in self.query.dimensions else []
        for op, _dim, clauses, mods in leaves:
            goals = [
                g for g in goals if _compare(op, clauses, [g.display_name], mods["case_sensitive"])
            ]
        return goals

    def revenue_metric(self, name, key, evs, revenue) -> Value:
        if revenue["warning"] is not None and not revenue["by_goal"]:
            return None
        if revenue["by_goal"]:
            goal = key[self.query.dimensions.index("event:goal")]
            currency = revenue["currencies"].get(goal)
        else:
            currency = revenue["default"]
        if currency is None:
            return None
        amounts = [
            Fraction(e.revenue_amount).limit_denominator(1000)
            for e in evs
            if e.revenue_amount is not None
            and e.revenue_currency is not None
            and self.counts_for_currency(e, currency, revenue)
        ]
        if name == "total_revenue":
            return Revenue(sum(amounts, Fraction(0)), currency)
        return Revenue(
            sum(amounts, Fraction(0)) / len(amounts) if amounts else Fraction(0), currency
        )

    def counts_for_currency(self, event: Event, currency: str, revenue: dict) -> bool:
        return any(revenue["currencies"].get(g) == currency for g in self.ctx.goals_of(event))

    # ---- order and meta

    def sort(self, rows: list[tuple[tuple, list[Value]]]):
        """Rows with their sort keys, in the requested order (ties keep any order)."""
        q = self.query
        positions = []
        for name, direction in q.order_by:
            if name in q.dimensions:
                positions.append(("d", q.dimensions.index(name), direction))
            else:
                positions.append(("m", q.metrics.index(name), direction))

        def sort_key(row: tuple[tuple, list[Value]]) -> tuple:
            parts = []
            for kind, index, direction in positions:
                value = row[0][index] if kind == "d" else _sortable(row[1][index])
                parts.append(_Directed(value, direction == "desc"))
            return tuple(parts)

        keyed = [(sort_key(r), r) for r in rows]
        keyed.sort(key=lambda kr: kr[0])
        return keyed

    def meta(self, revenue: dict[str, Any]) -> dict[str, Any]:
        q = self.query
        meta: dict[str, Any] = {} if self.imports is None else self.imports.meta()
        if revenue.get("warning") and not revenue["by_goal"]:
            code, text = revenue["warning"]
            meta["metric_warnings"] = {
                m: {"code": code, "warning": text} for m in q.metrics if m in REVENUE_METRICS
            }
        lacking = not q.site.imported_scroll_depth
        if self.imports and self.imports.reason is None and lacking and "scroll_depth" in q.metrics:
            meta.setdefault("metric_warnings", {})["scroll_depth"] = {
                "code": "no_imported_scroll_depth",
                "warning": "No imports with scroll depth data were found",
            }
        if q.include.get("time_labels"):
            bucket = next(d for d in q.dimensions if d.startswith("time:"))
            meta["time_labels"] = time_labels(q, bucket)
        return meta


_BRANCHES = ("and", "or", "not", "has_done", "has_not_done")


def _rate(part: int, whole: int) -> Number:
    return Number(Fraction(100 * part, whole) if whole else Fraction(0), 2)


def _scroll_depth(engaged: list[Event], imp: Counter) -> Number | None:
    """Each session's deepest scroll, summed with the imported totals, over the sessions and
    imported visits with one; ``null`` when there are none."""
    per_session: dict[int, int] = {}
    for e in engaged:
        if e.name == ENGAGEMENT and e.scroll_depth is not None and e.scroll_depth <= 100:
            per_session[e.session_id] = max(per_session.get(e.session_id, 0), e.scroll_depth)
    visits = len(per_session) + imp["total_scroll_depth_visits"]
    if not visits:
        return None
    return Number(Fraction(sum(per_session.values()) + imp["total_scroll_depth"], visits), 0)


def _time_on_page(
    engaged: list[Event], evs: list[Event], imp: Counter, with_imports: bool
) -> Number | None:
    """Engagement seconds over page visits, imported ones added; without visits ``null``, or
    ``0`` when imports join the query (the API's ``ifNotFinite(..., 0)``)."""
    total_ms = sum(e.engagement_time or 0 for e in engaged if e.name == ENGAGEMENT)
    total_ms += 1000 * imp["total_time_on_page"]
    visits = len({e.session_id for e in evs if e.name == PAGEVIEW})
    visits += imp["total_time_on_page_visits"]
    if not visits:
        return Number(Fraction(0), 0) if with_imports else None
    return Number(Fraction(total_ms, 1000 * visits), 0)


def _sortable(value: Value) -> Any:
    if value is None:
        return None
    if isinstance(value, Revenue):
        return Number(value.amount, 2).rounded()
    return value.rounded()


class _Directed:
    """One sort-key component; ``None`` sorts as the smallest value, as SQLite does."""

    __slots__ = ("desc", "value")

    def __init__(self, value: Any, desc: bool) -> None:
        self.value, self.desc = value, desc

    def _lt(self, a: Any, b: Any) -> bool:
        if a is None or b is None:
            return a is None and b is not None
        return a < b

    def __lt__(self, other: _Directed) -> bool:
        if self.desc:
            return self._lt(other.value, self.value)
        return self._lt(self.value, other.value)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Directed) and self.value == other.value

    def __hash__(self) -> int:
        return hash(self.value)

    def __repr__(self) -> str:
        return f"{self.value!r}{' desc' if self.desc else ''}"


# --------------------------------------------------------------------------- comparison


def _number_ok(got: Any, want: Number) -> bool:
    if isinstance(got, bool) or not isinstance(got, int | float):
        return False
    if want.digits == 0 and not isinstance(got, int):
        return False
    step = Fraction(1, 10**want.digits)
    exact_got = Fraction(got).limit_denominator(10**want.digits)
    return abs(exact_got - want.exact) <= step / 2 and exact_got == round(exact_got / step) * step


def _revenue_ok(got: Any, want: Revenue) -> bool:
    """The amount to the cent, its currency, and ``long`` written from that amount."""
    if not isinstance(got, dict) or got.get("currency") != want.currency:
        return False
    amount = got.get("value")
    if not _number_ok(amount, Number(want.amount, 2)):
        return False
    digits = f"{amount:,.2f}"
    symbol = str(got.get("long", "")).removesuffix(digits)
    if symbol == got.get("long") or not symbol or any(c.isdigit() for c in symbol):
        return False
    return want.currency != "USD" or symbol == "$"


def value_ok(got: Any, want: Value) -> bool:
    if want is None:
        return got is None
    if isinstance(want, Revenue):
        return _revenue_ok(got, want)
    return _number_ok(got, want)


def mismatches(expected: Expected, body: dict, query: Query) -> list[str]:
    """Differences between the engine's body and the oracle, as readable lines (empty: agree)."""
    problems: list[str] = []
    got_rows = body.get("results", [])
    start = query.offset
    index: dict[tuple, list[int]] = defaultdict(list)  # a repeated hour label: both rows
    for pos in [*range(start, len(expected.rows)), *range(min(start, len(expected.rows)))]:
        index[shown(expected.rows[pos][0])].append(pos)
    page_keys = expected.sort_keys[start : start + query.limit]
    if len(got_rows) != len(page_keys):
        returned = {tuple(row["dimensions"]) for row in got_rows}
        absent = [
            list(shown(k))
            for k, _ in expected.rows[start : start + query.limit]
            if shown(k) not in returned
        ]
        problems.append(
            f"row count: want {len(page_keys)} of {len(expected.rows)}, got {len(got_rows)}; "
            f"first rows not returned: {absent[:3]}"
        )
    for n, row in enumerate(got_rows):
        key = tuple(row["dimensions"])
        if not index.get(key):
            problems.append(f"results/{n}: unexpected or repeated dimensions {list(key)}")
            continue
        pos = index[key].pop(0)
        values = expected.rows[pos][1]
        if n < len(page_keys) and expected.sort_keys[pos] != page_keys[n]:
            problems.append(
                f"results/{n}: {list(key)} out of order (want sort key "
                f"{page_keys[n]}, row has {expected.sort_keys[pos]})"
            )
        for name, got, want in zip(query.metrics, row["metrics"], values, strict=True):
            if not value_ok(got, want):
                problems.append(f"results/{n} {list(key)} {name}: want {want}, got {got!r}")
    problems.extend(_meta_mismatches(expected, body.get("meta", {}), query))
    if body.get("query") != query.echo:
        problems.append(f"query: the echo differs from the parsed query's: {body.get('query')!r}")
    return problems


def _meta_mismatches(expected: Expected, meta: dict, query: Query) -> list[str]:
    problems = []
    allowed = {*IMPORT_META, "metric_warnings", "time_labels", "total_rows"}
    if set(meta) - allowed:
        problems.append(f"meta: unexpected fields {sorted(set(meta) - allowed)}")
    for field in (*IMPORT_META, "metric_warnings", "time_labels"):
        if meta.get(field) != expected.meta.get(field):
            problems.append(
                f"meta.{field}: want {expected.meta.get(field)!r}, got {meta.get(field)!r}"
            )
    if query.include.get("total_rows"):
        total = len(expected.rows) if query.offset < len(expected.rows) else 0
        if meta.get("total_rows") != total:
            problems.append(f"meta.total_rows: want {total}, got {meta.get('total_rows')!r}")
    return problems

"""Hypothesis strategies for schema-valid, semantically valid query bodies.

Names come from the query schema (metrics, dimensions, operators, shorthands, include keys), so
a name added there is generated here with no change. Clause values come from a pool read off
the dataset's rows, so filters hit real data. The semantic rules (goal filters for conversion
rates, page filters for page metrics, scope conflicts...) are applied as repairs on the drawn
query, and whatever the parser still rejects is discarded by the test with ``assume``.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from hypothesis import strategies as st

from demo import DATA_SITES
from statsref import schema
from statsref.engine.language.site import REVENUE_GOALS, Site

BRANCHES = ("and", "or", "not", "has_done", "has_not_done")
CONVERSION = ("conversion_rate", "group_conversion_rate")
PAGE_METRICS = ("scroll_depth", "time_on_page")
PLACEHOLDERS = ("(not set)", "Direct / None", "(none)", "")
POOL_SIZE = 25


@dataclass(frozen=True)
class Vocabulary:
    """The names the schema lists, split the way the generator needs them."""

    metrics: tuple[str, ...]
    metric_scope: dict[str, str]
    dimensions: tuple[str, ...]
    dimension_scope: dict[str, str]
    time_dimensions: tuple[str, ...]
    operators: tuple[str, ...]
    case_operators: tuple[str, ...]
    logical: tuple[str, ...]
    behavioral: tuple[str, ...]
    shorthands: tuple[str, ...]
    include_keys: tuple[str, ...]
    props_prefix: str
    revenue_metrics: tuple[str, ...]

    @classmethod
    def from_schema(cls) -> Vocabulary:
        dims = [d for d in schema.dimensions() if d.pattern is None]
        operators = schema.filter_operators()
        return cls(
            metrics=tuple(m.name for m in schema.metrics()),
            metric_scope={m.name: m.get("x-scope") for m in schema.metrics()},
            dimensions=tuple(d.name for d in dims if d.get("x-filterable")),
            dimension_scope={d.name: d.get("x-scope") for d in dims},
            time_dimensions=tuple(d.name for d in dims if not d.get("x-filterable")),
            operators=tuple(o.name for o in operators),
            case_operators=tuple(o.name for o in operators if o.get("x-case-sensitive-modifier")),
            logical=tuple(o.name for o in schema.logical_operators()),
            behavioral=tuple(o.name for o in schema.behavioral_operators()),
            shorthands=tuple(s.name for s in schema.date_range_shorthands() if s.pattern is None),
            include_keys=tuple(o.name for o in schema.include_options()),
            revenue_metrics=tuple(
                m.name for m in schema.metrics() if m.get("x-value-type") == "revenue"
            ),
            props_prefix=next(
                d.pattern.removeprefix("^").split(".")[0] for d in schema.dimensions() if d.pattern
            ),
        )


VOCAB = Vocabulary.from_schema()


# --------------------------------------------------------------------------- value pool


def value_pool(sessions: Iterable[Any], events: Iterable[Any], site: Site) -> dict[str, list]:
    """The most common real values of each filterable dimension, as stored."""
    values: dict[str, Counter] = defaultdict(Counter)
    visit_dims = [d for d in VOCAB.dimensions if d.startswith("visit:")]
    for session in sessions:
        for dim in visit_dims:
            values[dim][getattr(session, dim.removeprefix("visit:"))] += 1
    for event in events:
        values["event:page"][event.pathname] += 1
        values["event:hostname"][event.hostname] += 1
        values["event:name"][event.name] += 1
        for key, value in event.props.items():
            values[f"{VOCAB.props_prefix}{key}"][value] += 1
    values["event:goal"] = Counter(g.display_name for g in site.goals)
    pool = {dim: [v for v, _ in found.most_common(POOL_SIZE)] for dim, found in values.items()}
    for dim in VOCAB.dimensions:
        pool.setdefault(dim, [])
    for prop in site.props:
        pool.setdefault(f"{VOCAB.props_prefix}{prop}", [])
    return pool


# --------------------------------------------------------------------------- pieces


def _regex_for(value: str) -> st.SearchStrategy[str]:
    """Patterns valid in both RE2 and Python ``re``, built around a real value."""
    piece = re.escape(value[: max(1, len(value) // 2)]) if value else ""
    return st.sampled_from(
        [
            f"^{piece}",
            piece,
            f"{piece}$",
            f"^{re.escape(value)}$",
            f"{piece}.*",
            "[0-9]",
            "^/[a-z]+",
        ]
    )


@st.composite
def clauses(draw, pool: dict[str, list], dim: str, op: str) -> list:
    known = pool.get(dim) or ["x"]
    count = draw(st.integers(1, 3))
    # City ids may be given as integers, but all clauses of a filter share one type.
    city_ids = dim == "visit:city" and op.startswith("is") and draw(st.booleans())
    out: list = []
    for _ in range(count):
        value = draw(st.sampled_from(known))
        if city_ids:
            out.append(value)
            continue
        value = str(value)
        if op.startswith("matches"):
            out.append(draw(_regex_for(value)))
        elif op.startswith("contains"):
            start = draw(st.integers(0, max(0, len(value) - 1)))
            out.append(value[start : start + draw(st.integers(1, 6))] or value)
        elif dim in ("visit:country", "event:goal"):
            out.append(value if len(value) == 2 or dim == "event:goal" else "DE")
        else:
            out.append(
                draw(st.sampled_from([value, value.upper(), *PLACEHOLDERS[:3]]))
                if draw(st.integers(0, 9)) == 0
                else value
            )
    return out


def _filterable(site: Site) -> list[str]:
    """Every filterable dimension, custom properties only where the plan allows them."""
    props = [p for p in site.props if site.allows_prop(p)]
    return [*VOCAB.dimensions] + [f"{VOCAB.props_prefix}{p}" for p in props]


@st.composite
def leaf(draw, pool: dict[str, list], site: Site, dims: list[str] | None = None) -> list:
    dim = draw(st.sampled_from(dims or _filterable(site)))
    ops = ("is", "contains") if dim == "event:goal" else VOCAB.operators
    op = draw(st.sampled_from(ops))
    node = [op, dim, draw(clauses(pool, dim, op))]
    if op in VOCAB.case_operators and draw(st.booleans()):
        node.append({"case_sensitive": draw(st.booleans())})
    return node


def _nestable(site: Site) -> list[str]:
    """Dimensions allowed below and/or/not: everything but goals and hostnames."""
    return [d for d in _filterable(site) if d not in ("event:goal", "event:hostname")]


@st.composite
def nested(draw, pool: dict[str, list], site: Site, depth: int = 0) -> list:
    """A leaf, segment, and/or group or ``not`` wrapper with no goal or hostname leaves."""
    kinds = ["leaf", "leaf", "segment", *VOCAB.logical] if depth < 2 else ["leaf", "segment"]
    kind = draw(st.sampled_from(kinds))
    if kind == "leaf":
        return draw(leaf(pool, site, _nestable(site)))
    if kind == "segment":
        return draw(segment(site))
    if kind == "not":
        return ["not", draw(nested(pool, site, depth + 1))]
    return [kind, draw(st.lists(nested(pool, site, depth + 1), min_size=1, max_size=3))]


@st.composite
def behavioral(draw, pool: dict[str, list], site: Site) -> list:
    event_dims = [d for d in _filterable(site) if d.startswith("event:")]
    op = draw(st.sampled_from(VOCAB.behavioral))
    inner = draw(leaf(pool, site, event_dims))
    if draw(st.booleans()):
        plain = [d for d in event_dims if d not in ("event:goal", "event:hostname")]
        inner = ["or", [inner, draw(leaf(pool, site, plain))]]
    return [op, inner]


@st.composite
def filters(draw, pool: dict[str, list], site: Site) -> list:
    shapes = st.sampled_from(["leaf", "leaf", "nested", "behavioral", "segment"])
    out = []
    for _ in range(draw(st.sampled_from([0, 0, 1, 1, 1, 2, 3]))):
        shape = draw(shapes)
        if shape == "leaf":
            out.append(draw(leaf(pool, site)))
        elif shape == "nested":
            out.append(draw(nested(pool, site)))
        elif shape == "behavioral":
            out.append(draw(behavioral(pool, site)))
        else:
            out.append(draw(segment(site)))
    return out


@st.composite
def segment(draw, site: Site) -> list:
    ids = [s.id for s in site.segments]
    return [
        "is",
        "segment",
        draw(st.lists(st.sampled_from(ids), min_size=1, max_size=2, unique=True)),
    ]


@st.composite
def date_ranges(draw, now: datetime, site: Site) -> Any:
    today = now.date()
    kind = draw(
        st.sampled_from(["named", "named", "days", "months", "dates", "datetimes", "imported"])
    )
    if kind == "named":
        return draw(st.sampled_from(VOCAB.shorthands))
    if kind == "days":
        return f"{draw(st.integers(1, site.native_days + 30))}d"
    if kind == "months":
        return f"{draw(st.integers(1, 14))}mo"
    if kind == "imported" and site.imported_days:
        oldest, newest = site.imported_days
        first = today - timedelta(days=draw(st.integers(newest - 30, oldest + 5)))
        return [first.isoformat(), (first + timedelta(days=draw(st.integers(0, 90)))).isoformat()]
    first = today - timedelta(days=draw(st.integers(0, site.native_days + 10)))
    last = first + timedelta(days=draw(st.integers(0, 60)))
    if kind == "dates":
        return [first.isoformat(), last.isoformat()]
    return [_instant(draw, first), _instant(draw, last)]


def _instant(draw, day: date) -> str:
    moment = datetime(
        day.year,
        day.month,
        day.day,
        draw(st.integers(0, 23)),
        draw(st.integers(0, 59)),
        draw(st.integers(0, 59)),
    )
    zone = draw(st.sampled_from(["Z", "+00:00", "-05:00", "+02:00", "+05:30"]))
    return moment.isoformat() + zone


# --------------------------------------------------------------------------- the query


def _top_dims(filters_: list, dim: str) -> bool:
    return any(f[0] not in BRANCHES and f[1] == dim for f in filters_)


def _mentions(filters_: list, dim: str) -> bool:
    for node in filters_:
        if node[0] in ("and", "or"):
            if _mentions(node[1], dim):
                return True
        elif node[0] == "not":
            if _mentions([node[1]], dim):
                return True
        elif node[0] not in BRANCHES and node[1] == dim:
            return True
    return False


def _segment_mentions(site: Site, filters_: list, dim: str) -> bool:
    segments = [site.segment(i) for f in filters_ if f[1:2] == ["segment"] for i in f[2]]
    return any(_mentions(list(s.filters), dim) for s in segments if s)


def _repair(q: dict[str, Any], site: Site, goal: str, page: str) -> None:
    """Make the drawn query meet the API's semantic rules (see the schema's ``x-requires``)."""
    metrics, dims, fl = q["metrics"], q["dimensions"], q["filters"]
    if set(metrics) & set(CONVERSION):
        fl[:] = [f for f in fl if not _props_nested(f) and not _segment_group(f)]
        if "event:goal" not in dims and not _top_dims(fl, "event:goal"):
            fl.append(["is", "event:goal", [goal]])
    if (
        set(metrics) & set(PAGE_METRICS)
        and "event:page" not in dims
        and not _top_dims(fl, "event:page")
    ):
        fl.append(["contains", "event:page", [page]])
    event_dims = [d for d in dims if d.startswith("event:")]
    if event_dims and event_dims != ["event:page"]:
        metrics[:] = [m for m in metrics if VOCAB.metric_scope[m] != "session"]
    session_dims = any(VOCAB.dimension_scope.get(d) == "session" for d in dims)
    if session_dims and event_dims != ["event:page"]:
        metrics[:] = [m for m in metrics if VOCAB.metric_scope[m] != "event"]
    if dims or _mentions(fl, "event:page") or _segment_mentions(site, fl, "event:page"):
        metrics[:] = [m for m in metrics if m != "views_per_visit"]
    if REVENUE_GOALS not in site.features:
        metrics[:] = [m for m in metrics if m not in VOCAB.revenue_metrics]
    if not metrics:
        metrics.append("visitors")


def _segment_group(node: list) -> bool:
    """Several segment ids: their filters end up below an ``or``."""
    return node[1:2] == ["segment"] and len(node[2]) > 1


def _props_nested(node: list) -> bool:
    """A custom-property leaf below any operator (not allowed with conversion rates)."""
    return node[0] in BRANCHES and _has_props(node)


def _has_props(node: list) -> bool:
    if node[0] in ("and", "or"):
        return any(_has_props(n) for n in node[1])
    if node[0] in BRANCHES:
        return _has_props(node[1])
    return node[1].startswith(VOCAB.props_prefix)


@st.composite
def queries(draw, pools: dict[str, dict[str, list]], now: datetime) -> dict[str, Any]:
    """A request body for one of the sites."""
    site = draw(st.sampled_from(sorted(DATA_SITES.values(), key=lambda s: s.domain)))
    pool = pools[site.domain]
    if draw(st.integers(0, 4)) == 0:
        q = draw(_import_shaped(pool, site, now))
    else:
        dim_names = [*_filterable(site), *VOCAB.time_dimensions]
        dims = draw(st.lists(st.sampled_from(dim_names), max_size=2, unique=True))
        if sum(d.startswith("time") for d in dims) > 1:
            dims = [next(d for d in dims if d.startswith("time"))]
        q = {
            "site_id": site.domain,
            "metrics": draw(
                st.lists(st.sampled_from(VOCAB.metrics), min_size=1, max_size=4, unique=True)
            ),
            "date_range": draw(date_ranges(now, site)),
            "dimensions": dims,
            "filters": draw(filters(pool, site)),
        }
    goal = draw(st.sampled_from([g.display_name for g in site.goals]))
    revenue_goals = [g.display_name for g in site.goals if g.currency]
    if revenue_goals and set(q["metrics"]) & set(VOCAB.revenue_metrics) and draw(st.booleans()):
        q["filters"].append(["is", "event:goal", [draw(st.sampled_from(revenue_goals))]])
    page = draw(st.sampled_from(pool["event:page"] or ["/"]))
    _repair(q, site, goal, page[:5] or "/")
    _finish(draw, q)
    return q


@st.composite
def _import_shaped(draw, pool: dict[str, list], site: Site, now: datetime) -> dict[str, Any]:
    """A query imported aggregates can often answer: at most one dimension besides time,
    filters on that dimension only, daily sums' metrics, a range reaching the imported days."""
    dims = draw(st.lists(st.sampled_from(_filterable(site)), max_size=1))
    dims += draw(st.lists(st.sampled_from(VOCAB.time_dimensions), max_size=1))
    summable = [m for m in VOCAB.metrics if m not in PAGE_METRICS + VOCAB.revenue_metrics]
    oldest, newest = site.imported_days or (site.native_days + 60, site.native_days)
    first = now.date() - timedelta(days=draw(st.integers(newest - 30, oldest)))
    last = first + timedelta(days=draw(st.integers(0, 120)))
    plain = dims[:1] if dims and not dims[0].startswith("time") else []
    return {
        "site_id": site.domain,
        "metrics": draw(st.lists(st.sampled_from(summable), min_size=1, max_size=3, unique=True)),
        "date_range": draw(
            st.sampled_from([[first.isoformat(), last.isoformat()], "12mo", "year"])
        ),
        "dimensions": dims,
        "filters": draw(st.lists(leaf(pool, site, plain), max_size=1)) if plain else [],
        "include": {"imports": True},
    }


def _finish(draw, q: dict[str, Any]) -> None:
    """Optional keys: order_by, include, pagination (each drawn or left to its default)."""
    names = q["metrics"] + q["dimensions"]
    if draw(st.booleans()):
        picked = draw(st.lists(st.sampled_from(names), min_size=1, max_size=3, unique=True))
        q["order_by"] = [[n, draw(st.sampled_from(["asc", "desc"]))] for n in picked]
    include = q.get("include", {})
    has_time = any(d.startswith("time") for d in q["dimensions"])
    for key in VOCAB.include_keys:
        if key in include or (key == "time_labels" and not has_time):
            continue
        if draw(st.booleans()):
            include[key] = draw(st.booleans())
    if include:
        q["include"] = include
    if draw(st.booleans()):
        pagination = {"limit": draw(st.sampled_from([1, 2, 5, 10, 50, 10000]))}
        if draw(st.booleans()):
            pagination["offset"] = draw(st.sampled_from([0, 1, 2, 5, 20]))
        q["pagination"] = pagination
    if not q["filters"] and draw(st.booleans()):
        del q["filters"]
    if not q["dimensions"] and draw(st.booleans()):
        del q["dimensions"]

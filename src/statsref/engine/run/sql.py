"""Filters and dimensions as parameterised SQLite fragments.

Every value from a query travels as a ``?`` parameter; the only names written into SQL text
are columns and aliases from fixed tables in this module and ``store``. A ``Fragment`` is SQL
text plus its parameters, in order.

Three contexts read the same filter tree differently:

- ``EventColumns``: an ``events`` row ``e`` (``visit:*`` reads its session ``s``, joined on
  demand);
- ``SessionColumns``: a ``sessions`` row ``s`` (only ``visit:*`` and behavioural filters; the
  caller turns event filters into a session-id subquery);
- ``ImportedColumns``: an ``imported`` row ``i``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from ..data.matching import CONTAINS, CONTAINS_FOLDED, MATCHES, spec
from ..data.store import prop_column
from ..language import timebuckets
from ..language.errors import QueryError
from ..language.query import Filter
from ..language.site import Site
from ..language.vocabulary import PROPS_PREFIX

NOT_SET = "(not set)"
DIRECT_NONE = "Direct / None"
NONE = "(none)"
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
"""Visit fields shown as ``(not set)`` when empty."""
DIRECT_FIELDS = frozenset({"source", "referrer"})
"""Visit fields shown as ``Direct / None`` when empty."""
BRANCHES = ("and", "or", "not")
BEHAVIORAL = ("has_done", "has_not_done")

TEXT, PROP, CITY, GOAL = "text", "prop", "city", "goal"


@dataclass
class Fragment:
    sql: str
    params: list[Any] = field(default_factory=list)


@dataclass
class Select:
    """A grouped SELECT being assembled; parameters are kept per clause, in text order."""

    dims: list[Fragment] = field(default_factory=list)
    aggregates: list[Fragment] = field(default_factory=list)
    joins: list[Fragment] = field(default_factory=list)
    where: list[Fragment] = field(default_factory=list)

    def render(self, table: str, extra_group: str = "") -> Fragment:
        parts = [*self.dims, *self.aggregates]
        columns = ", ".join(f"{p.sql} AS c{i}" for i, p in enumerate(parts))
        sql = f"SELECT {columns} FROM {table} " + " ".join(j.sql for j in self.joins)
        condition = join(self.where, "AND", empty="1")
        sql += f" WHERE {condition.sql}"
        group = [f"c{i}" for i in range(len(self.dims))] + ([extra_group] if extra_group else [])
        if group:
            sql += " GROUP BY " + ", ".join(group)
        params = [p for f in (*parts, *self.joins, condition) for p in f.params]
        return Fragment(sql, params)


def placeholder_value(field_name: str, clause: Any) -> Any:
    """The stored value a placeholder clause stands for (``(not set)`` and ``Direct / None``
    mean empty)."""
    if field_name in NOT_SET_FIELDS and clause == NOT_SET:
        return ""
    if field_name in DIRECT_FIELDS and clause == DIRECT_NONE:
        return ""
    return clause


def is_leaf(node: Filter) -> bool:
    return node[0] not in BRANCHES and node[0] not in BEHAVIORAL


def leaves(filters: Iterable[Filter]) -> Iterator[Filter]:
    """Every leaf outside behavioural filters."""
    for node in filters:
        if node[0] in ("and", "or"):
            yield from leaves(node[1])
        elif node[0] == "not":
            yield from leaves([node[1]])
        elif node[0] not in BEHAVIORAL:
            yield node


def has_event_leaves(filters: Iterable[Filter]) -> bool:
    return any(leaf[1].startswith("event:") for leaf in leaves(filters))


@dataclass
class Column:
    """Where a dimension lives in a context, and how its values compare."""

    expr: str
    kind: str = TEXT
    field: str = ""


class EventColumns:
    """Dimensions read from an ``events`` row; ``visit:*`` from its joined session."""

    def __init__(self, site: Site, alias: str = "e", session_alias: str = "s") -> None:
        self.site = site
        self.alias = alias
        self.session_alias = session_alias
        self.needs_session = False

    def column(self, dim: str) -> Column:
        e = self.alias
        if dim == "event:goal":
            return Column(f"{e}.goals", GOAL)
        if dim.startswith(PROPS_PREFIX):
            name = dim[len(PROPS_PREFIX) :]
            known = name in self.site.props
            return Column(f"{e}.{prop_column(name)}" if known else "NULL", PROP)
        simple = {"event:page": "pathname", "event:hostname": "hostname", "event:name": "name"}
        if dim in simple:
            return Column(f"{e}.{simple[dim]}")
        self.needs_session = True
        return visit_column(self.session_alias, dim)


class SessionColumns:
    """Dimensions read from a ``sessions`` row. ``event:page`` reads the entry page, as the
    API does for session metrics broken down or filtered by page."""

    def __init__(self, alias: str = "s") -> None:
        self.alias = alias

    def column(self, dim: str) -> Column:
        if dim == "event:page":
            return Column(f"{self.alias}.entry_page")
        if dim.startswith("visit:"):
            return visit_column(self.alias, dim)
        raise QueryError(
            f"Dimension `{dim}` cannot be combined with session-only dimensions or metrics.",
            hint=f"Split it in two queries: one with `{dim}`, one with the session-only "
            "dimensions or metrics.",
        )


IMPORTED_DIMENSIONS = {
    "event:page": "page",
    "event:hostname": "hostname",
    "event:name": "name",
    "event:goal": "goal",
    "visit:entry_page": "entry_page",
    "visit:exit_page": "exit_page",
}


class ImportedColumns:
    """Dimensions read from an ``imported`` row (the caller checks the report supports them)."""

    def __init__(self, alias: str = "i") -> None:
        self.alias = alias

    def column(self, dim: str) -> Column:
        if dim in IMPORTED_DIMENSIONS:
            return Column(f"{self.alias}.{IMPORTED_DIMENSIONS[dim]}")
        return visit_column(self.alias, dim)


def day_bucket(dim: str, day: str, month: str, first_day: int) -> Fragment | None:
    """Day, week (the Monday, never before the range start ``first_day``) or month of a local
    day column; ``None`` for any other dimension."""
    if dim == timebuckets.DAY:
        return Fragment(day)
    if dim == timebuckets.WEEK:
        return Fragment(f"MAX({day} - ({day} + 3) % 7, ?)", [first_day])
    if dim == timebuckets.MONTH:
        return Fragment(month)
    return None


def visit_column(alias: str, dim: str) -> Column:
    name = dim.removeprefix("visit:")
    if name == "city":
        return Column(f"{alias}.city", CITY, name)
    return Column(f"{alias}.{name}", TEXT, name)


Columns = EventColumns | SessionColumns | ImportedColumns


@dataclass
class Scope:
    """What a filter tree compiles against: its columns, the site, and the query's range
    (behavioural filters look for events in it)."""

    columns: Columns
    site: Site
    site_index: int
    first_ts: int
    last_ts: int
    session_id: str = "s.session_id"


def compile_filters(filters: Iterable[Filter], scope: Scope) -> Fragment:
    """The filters ANDed together, as one condition (``1`` when there are none)."""
    parts = [compile_node(node, scope) for node in filters]
    return join(parts, "AND", empty="1")


def join(parts: list[Fragment], operator: str, *, empty: str) -> Fragment:
    if not parts:
        return Fragment(empty)
    return Fragment(
        "(" + f" {operator} ".join(p.sql for p in parts) + ")",
        [param for p in parts for param in p.params],
    )


def compile_node(node: Filter, scope: Scope) -> Fragment:
    head = node[0]
    if head in ("and", "or"):
        return join(
            [compile_node(child, scope) for child in node[1]],
            head.upper(),
            empty="1" if head == "and" else "0",
        )
    if head == "not":
        inner = compile_node(node[1], scope)
        return Fragment(f"NOT {inner.sql}", inner.params)
    if head in BEHAVIORAL:
        return behavioral(node, scope)
    return compile_leaf(node, scope.columns.column(node[1]), scope.site)


def behavioral(node: Filter, scope: Scope) -> Fragment:
    """Sessions with (or without) an event in the range that passes the inner filter."""
    inner_scope = Scope(
        EventColumns(scope.site, alias="b"),
        scope.site,
        scope.site_index,
        scope.first_ts,
        scope.last_ts,
    )
    inner = compile_node(node[1], inner_scope)
    negate = "NOT " if node[0] == "has_not_done" else ""
    return Fragment(
        f"{scope.session_id} {negate}IN (SELECT b.session_id FROM events b WHERE b.site = ? "
        f"AND b.ts BETWEEN ? AND ? AND {inner.sql})",
        [scope.site_index, scope.first_ts, scope.last_ts, *inner.params],
    )


def compile_leaf(leaf: Filter, column: Column, site: Site) -> Fragment:
    """One ``[op, dim, clauses, modifiers]`` leaf; ``*_not`` is the negation of the positive
    form, which never evaluates to NULL."""
    op, _dim, clauses = leaf[0], leaf[1], list(leaf[2])
    case_sensitive = leaf[3].get("case_sensitive", True) if len(leaf) > 3 else True
    negate = op.endswith("_not")
    base = op.removesuffix("_not")
    if column.kind == GOAL:
        positive = goal_condition(base, clauses, case_sensitive, column.expr, site)
    elif column.kind == PROP and base != "is":
        return prop_match(base, negate, clauses, case_sensitive, column.expr)
    elif column.kind == PROP:
        positive = prop_condition(clauses, case_sensitive, column.expr)
    elif column.kind == CITY:
        positive = text_condition(
            base, [str(c) for c in clauses], True, f"CAST({column.expr} AS TEXT)"
        )
    else:
        clauses = [placeholder_value(column.field, c) for c in clauses]
        positive = text_condition(base, clauses, case_sensitive, column.expr)
    if negate:
        return Fragment(f"NOT {positive.sql}", positive.params)
    return positive


def text_condition(base: str, clauses: list[Any], case_sensitive: bool, expr: str) -> Fragment:
    """True when any clause matches the column: ``is`` as an ``IN`` list, one case-sensitive
    ``contains`` clause as SQLite's own ``instr``, and any other ``contains`` or ``matches``
    as one ``clauses_match`` call whatever the number of clauses (``matching``)."""
    if base == "contains" and case_sensitive and len(clauses) == 1:
        return Fragment(f"(instr({expr}, ?) > 0)", [str(clauses[0])])
    if base != "is":
        kind = MATCHES if base == "matches" else CONTAINS if case_sensitive else CONTAINS_FOLDED
        return Fragment(f"clauses_match(?, {expr})", [spec(kind, [str(c) for c in clauses])])
    if not case_sensitive:
        expr = f"fold({expr})"
        clauses = [str(c).lower() for c in clauses]
    marks = ", ".join("?" * len(clauses))
    return Fragment(f"({expr} IN ({marks}))", clauses)


def prop_condition(clauses: list[Any], case_sensitive: bool, expr: str) -> Fragment:
    """``is`` on a custom property: ``(none)`` matches an absent property, other clauses only a
    present one (``is_not`` is its negation, as the API's where builder writes both)."""
    parts = []
    if NONE in clauses:
        parts.append(Fragment(f"{expr} IS NULL"))
    real = [c for c in clauses if c != NONE]
    if real:
        match = text_condition("is", real, case_sensitive, expr)
        parts.append(Fragment(f"({expr} IS NOT NULL AND {match.sql})", match.params))
    return join(parts, "OR", empty="0")


def prop_match(
    base: str, negate: bool, clauses: list[Any], case_sensitive: bool, expr: str
) -> Fragment:
    """``contains`` or ``matches`` on a custom property, negated or not: only events that have
    the property pass, either way, and ``(none)`` is a plain string there. The API's where
    builder writes ``has_key(...) and [not] <match>`` for these four (where_builder.ex at
    8f28b2837c6d, ``filter_custom_prop``), so ``contains_not`` drops the events without the
    property where ``is_not`` keeps them."""
    match = text_condition(base, clauses, case_sensitive, expr)
    test = f"NOT {match.sql}" if negate else match.sql
    return Fragment(f"({expr} IS NOT NULL AND {test})", match.params)


def goal_condition(
    base: str, clauses: list[Any], case_sensitive: bool, expr: str, site: Site
) -> Fragment:
    """Goals are matched by display name, then tested with the event's goal bit mask."""
    mask = 0
    for i, goal in enumerate(site.goals):
        if goal_name_matches(base, clauses, case_sensitive, goal.display_name):
            mask |= 1 << i
    return Fragment(f"(({expr} & ?) != 0)", [mask])


def goal_name_matches(base: str, clauses: list[Any], case_sensitive: bool, name: str) -> bool:
    """Whether a goal's display name passes a positive goal leaf: ``is`` compares whole names,
    the other operators look for a clause inside the name."""
    wanted = [str(c) if case_sensitive else str(c).lower() for c in clauses]
    if not case_sensitive:
        name = name.lower()
    return name in wanted if base == "is" else any(w in name for w in wanted)

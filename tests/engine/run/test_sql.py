"""Filter compilation: values only ever travel as parameters; each operator's SQL shape."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime

import pytest

from demo import SITES
from statsref.engine import Dataset, run_query
from statsref.engine.data.matching import CONTAINS, CONTAINS_FOLDED, MATCHES, spec
from statsref.engine.data.store import connect, prop_column
from statsref.engine.run.sql import (
    EventColumns,
    ImportedColumns,
    Scope,
    SessionColumns,
    compile_filters,
    compile_leaf,
    has_event_leaves,
    leaves,
    placeholder_value,
)

SITE = SITES["dummy.site"]
CS = {"case_sensitive": True}
CI = {"case_sensitive": False}


def leaf(op, dim, clauses, modifiers=CS):
    return [op, dim, clauses, modifiers]


def event_scope() -> Scope:
    return Scope(EventColumns(SITE), SITE, 0, 100, 200, session_id="e.session_id")


def test_values_are_parameters_never_sql_text():
    hostile = "x' OR 1=1 --"
    fragment = compile_filters([leaf("is", "event:page", [hostile])], event_scope())
    assert hostile not in fragment.sql and fragment.params == [hostile]


@pytest.mark.parametrize(
    ("node", "sql", "params"),
    [
        (leaf("is", "event:page", ["/a", "/b"]), "(e.pathname IN (?, ?))", ["/a", "/b"]),
        (leaf("is_not", "event:name", ["Signup"]), "NOT (e.name IN (?))", ["Signup"]),
        (leaf("contains", "event:hostname", ["app"]), "(instr(e.hostname, ?) > 0)", ["app"]),
        (
            leaf("contains", "event:hostname", ["app", "b"]),
            "clauses_match(?, e.hostname)",
            [spec(CONTAINS, ["app", "b"])],
        ),
        (
            leaf("matches", "event:page", ["^/b"]),
            "clauses_match(?, e.pathname)",
            [spec(MATCHES, ["^/b"])],
        ),
        (
            leaf("contains", "event:page", ["BLOG"], CI),
            "clauses_match(?, e.pathname)",
            [spec(CONTAINS_FOLDED, ["BLOG"])],
        ),
        (leaf("is", "event:page", ["BLOG"], CI), "(fold(e.pathname) IN (?))", ["blog"]),
        (leaf("is", "visit:source", ["Direct / None"]), "(s.source IN (?))", [""]),
        (leaf("is", "visit:utm_medium", ["(not set)"]), "(s.utm_medium IN (?))", [""]),
        (leaf("is", "visit:city", [2950159]), "(CAST(s.city AS TEXT) IN (?))", ["2950159"]),
    ],
)
def test_leaf_shapes(node, sql, params):
    fragment = compile_filters([node], event_scope())
    assert fragment.sql == f"({sql})" and fragment.params == params


def test_props_none_means_absent():
    column = prop_column("author")
    fragment = compile_filters(
        [leaf("is", "event:props:author", ["(none)", "Marko"])], event_scope()
    )
    assert fragment.sql == (
        f"((e.{column} IS NULL OR (e.{column} IS NOT NULL AND (e.{column} IN (?)))))"
    )
    assert fragment.params == ["Marko"]


def test_negated_contains_and_matches_on_a_prop_keep_only_events_that_have_it():
    """``is_not`` keeps events without the property; ``contains_not`` and ``matches_not`` drop
    them, and ``(none)`` is plain text there (the API's ``filter_custom_prop``)."""
    now = datetime(2026, 11, 2, 14, 30, tzinfo=UTC)
    data = Dataset.build(now, events=3000, seed=4)

    def events(op: str, clauses: list[str]) -> int:
        query = {"site_id": "dummy.site", "metrics": ["events"], "date_range": "28d"}
        query["filters"] = [[op, "event:props:author", clauses]]
        status, body = run_query(query, dataset=data)
        assert status == 200, body
        return body["results"][0]["metrics"][0]

    with_author = events("is_not", ["(none)"])
    marko = events("is", ["Marko"])
    assert 0 < marko < with_author
    assert events("contains_not", ["Marko"]) == events("matches_not", ["^Marko$"])
    assert events("contains_not", ["Marko"]) == with_author - marko
    assert events("is_not", ["Marko"]) > with_author - marko  # events without an author too
    assert events("contains", ["(none)"]) == 0
    assert events("contains_not", ["(none)"]) == with_author


def test_unknown_prop_is_always_absent():
    fragment = compile_filters([leaf("is", "event:props:nope", ["(none)"])], event_scope())
    assert "NULL IS NULL" in fragment.sql


def test_goal_filters_become_bit_masks():
    goals = [g.display_name for g in SITE.goals]
    fragment = compile_filters([leaf("contains", "event:goal", ["visit"], CI)], event_scope())
    expected = (1 << goals.index("Visit /pricing")) | (1 << goals.index("Visit /blog*"))
    assert fragment.sql == "(((e.goals & ?) != 0))" and fragment.params == [expected]


def test_branches_and_behavioral_filters():
    tree = [
        "or",
        [leaf("is", "visit:device", ["Mobile"]), ["not", leaf("is", "event:name", ["Signup"])]],
    ]
    behavioral = ["has_done", leaf("is", "event:name", ["Purchase"])]
    fragment = compile_filters([tree, behavioral], event_scope())
    assert "((s.device IN (?)) OR NOT (e.name IN (?)))" in fragment.sql
    assert "e.session_id IN (SELECT b.session_id FROM events b" in fragment.sql
    assert fragment.params == ["Mobile", "Signup", 0, 100, 200, "Purchase"]


def test_event_columns_note_when_the_session_is_needed():
    columns = EventColumns(SITE)
    compile_filters([leaf("is", "event:page", ["/"])], Scope(columns, SITE, 0, 0, 0))
    assert not columns.needs_session
    compile_filters([leaf("is", "visit:country", ["DE"])], Scope(columns, SITE, 0, 0, 0))
    assert columns.needs_session


def test_session_and_imported_columns():
    assert SessionColumns().column("event:page").expr == "s.entry_page"
    assert ImportedColumns().column("event:goal").expr == "i.goal"
    assert ImportedColumns().column("visit:city").kind == "city"


def test_compiled_sql_runs_on_the_store():
    db: sqlite3.Connection = connect(SITE.props)
    tree = [
        leaf("matches", "event:page", ["^/(blog|docs)"]),
        leaf("contains", "visit:region_name", ["ÎLE"], CI),
    ]
    fragment = compile_filters(tree, event_scope())
    sql = f"SELECT COUNT(*) FROM events e JOIN sessions s USING (session_id) WHERE {fragment.sql}"
    assert db.execute(sql, fragment.params).fetchone() == (0,)


def test_helpers():
    tree = [
        ["and", [leaf("is", "visit:os", ["Mac"]), ["not", leaf("is", "event:name", ["x"])]]],
        ["has_done", leaf("is", "event:page", ["/"])],
    ]
    assert [n[1] for n in leaves(tree)] == ["visit:os", "event:name"]
    assert has_event_leaves(tree)
    assert not has_event_leaves([["has_done", leaf("is", "event:page", ["/"])]])
    assert placeholder_value("browser", "(not set)") == ""
    assert placeholder_value("channel", "(not set)") == "(not set)"
    column = EventColumns(SITE).column("event:page")
    assert compile_leaf(leaf("is_not", "event:page", ["/"]), column, SITE).params == ["/"]

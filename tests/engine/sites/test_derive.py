"""A user's site in the data: every configured page, goal, property value and segment shows up,
with believable frequencies, and the same file, clock and seed always give the same numbers."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from statsref.engine import Dataset, demo_sites, parse_sites, read_sites_file, run_query
from statsref.engine.language.site import Goal
from statsref.engine.sites.currencies import MINOR_UNITS

ACME = Path(__file__).resolve().parents[2] / "fixtures" / "sites" / "acme.toml"
NOW = datetime(2026, 11, 2, 14, 30, tzinfo=UTC)


@pytest.fixture(scope="module")
def acme() -> Dataset:
    return Dataset.build(NOW, sites=read_sites_file(ACME), lazy=True)


def ask(dataset: Dataset, **query: Any) -> list[dict]:
    body = {"site_id": "acme.test", "metrics": ["visitors"], "date_range": "30d", **query}
    status, answer = run_query(body, dataset=dataset)
    assert status == 200, answer
    return answer["results"]


def by_dimension(rows: list[dict]) -> dict[Any, list]:
    return {row["dimensions"][0]: row["metrics"] for row in rows}


def test_about_as_many_visitors_a_day_as_the_file_says(acme: Dataset) -> None:
    days = [row["metrics"][0] for row in ask(acme, dimensions=["time:day"])]
    assert len(days) == 30
    assert 120 <= sum(days) / len(days) <= 170  # 150 on a typical weekday, fewer at weekends


def test_every_listed_page_is_visited_the_first_most(acme: Dataset) -> None:
    pages = by_dimension(ask(acme, dimensions=["event:page"]))
    listed = ["/", "/pricing", "/blog/launch", "/docs/start"]
    assert set(listed) <= set(pages)
    assert pages["/"][0] == max(visitors for (visitors,) in pages.values())


def test_every_goal_converts_event_goals_in_the_low_percents(acme: Dataset) -> None:
    rows = by_dimension(
        ask(acme, metrics=["visitors", "conversion_rate"], dimensions=["event:goal"])
    )
    assert set(rows) == {
        "Signup",
        "Purchase",
        "Visit /pricing",
        "Read a blog post",
        "Visit /careers/*",
    }
    for goal in ("Signup", "Purchase"):
        assert 0.5 <= rows[goal][1] <= 8, goal


def test_a_page_goal_no_listed_page_matches_gets_a_page(acme: Dataset) -> None:
    pages = by_dimension(
        ask(acme, dimensions=["event:page"], filters=[["contains", "event:page", ["/careers/"]]])
    )
    assert list(pages) == ["/careers/example"]


def test_revenue_comes_in_the_goals_currency_scaled_by_its_minor_units(acme: Dataset) -> None:
    [row] = ask(acme, metrics=["average_revenue"], filters=[["is", "event:goal", ["Purchase"]]])
    revenue = row["metrics"][0]
    assert revenue["currency"] == "JPY" and MINOR_UNITS["JPY"] == 0
    assert 900 <= revenue["value"] <= 19_900


def test_every_property_value_is_carried_by_a_share_of_the_visits(acme: Dataset) -> None:
    plans = by_dimension(ask(acme, dimensions=["event:props:plan"]))
    assert {"free", "pro", "(none)"} == set(plans)
    assert plans["free"][0] > plans["pro"][0]


@pytest.mark.parametrize("segment", [7, 8])
def test_every_segment_matches_visits(acme: Dataset, segment: int) -> None:
    [row] = ask(acme, filters=[["is", "segment", [segment]]])
    total = ask(acme)[0]["metrics"][0]
    assert 0.01 * total <= row["metrics"][0] <= 0.2 * total


def test_visitors_come_mostly_from_near_the_sites_timezone(acme: Dataset) -> None:
    rows = by_dimension(ask(acme, dimensions=["visit:country"]))
    asia_pacific = sum(rows.get(code, [0])[0] for code in ("JP", "AU", "IN"))
    assert asia_pacific > rows["GB"][0]


def test_the_same_file_clock_and_seed_give_the_same_numbers(acme: Dataset) -> None:
    again = Dataset.build(NOW, sites=read_sites_file(ACME), lazy=True)
    query = {"dimensions": ["visit:source", "event:goal"], "metrics": ["visitors", "events"]}
    assert ask(again, **query) == ask(acme, **query)
    other = Dataset.build(NOW, sites=read_sites_file(ACME), seed=1, lazy=True)
    assert ask(other, **query) != ask(acme, **query)


def test_every_example_query_shape_answers_on_the_users_site() -> None:
    """Each answered example of the corpus, moved to a site with every kind of goal, answers."""
    from statsref.corpus.load import load_corpus

    acme = Dataset.build(NOW, sites=read_sites_file(ACME), lazy=True)
    rename = {domain: "acme.test" for domain in demo_sites().domains}
    rename["store.dummy.site"] = "old.acme.test"
    for site in demo_sites().at(NOW).values():
        rename |= {f"event:props:{prop}": "event:props:plan" for prop in site.props}
        rename |= {goal.display_name: _same_kind(goal) for goal in site.goals}
    examples = [e for e in load_corpus(Path("examples")) if e.meta.status == 200]
    for example in examples:
        query = _renamed(example.query, rename)
        query["filters"] = [_segment(f) for f in query.get("filters", [])]
        status, answer = run_query(query, dataset=acme, now=example.meta.now)
        assert status == 200, (example.slug, answer)


def _same_kind(goal: Goal) -> str:
    """The goal of acme.test of the same kind as ``goal``."""
    if goal.currency:
        return "Purchase"
    if goal.scroll_threshold:
        return "Read a blog post"
    return "Visit /pricing" if goal.page_path else "Signup"


def _renamed(value: Any, names: dict[str, str]) -> Any:
    if isinstance(value, dict):
        return {k: _renamed(v, names) for k, v in value.items()}
    if isinstance(value, list):
        return [_renamed(v, names) for v in value]
    return names.get(value, value) if isinstance(value, str) else value


def _segment(node: Any) -> Any:
    return ["is", "segment", [7]] if node[:2] == ["is", "segment"] else node


def test_a_site_without_traffic_has_no_rows_and_answers_402() -> None:
    sites = parse_sites('[[sites]]\ndomain = "gone.test"\nlocked = true\n', "gone.toml")
    dataset = Dataset.build(NOW, sites=sites)
    status, _ = run_query(
        {"site_id": "gone.test", "metrics": ["visitors"], "date_range": "7d"}, dataset=dataset
    )
    assert status == 402 and dataset.traffic == {}

"""The site's search index: one entry per documented name, no widget chrome or response bodies."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from statsref import schema
from statsref.docsgen.reference import Reference
from statsref.docsgen.search import name_entries


@pytest.fixture(scope="module")
def index(built_site: Path) -> list[dict]:
    return json.loads((built_site / "search" / "search_index.json").read_text())["docs"]


def test_every_metric_dimension_operator_and_range_has_an_entry_of_its_own() -> None:
    entries = {e["location"]: e for e in name_entries(Reference())}
    bounce = entries["reference/metrics/?name=bounce_rate"]
    assert bounce["title"] == "bounce_rate · Bounce rate"
    assert "`" not in bounce["text"]
    assert entries["reference/dimensions/?name=time%3Aweek"]["title"] == "time:week · Week"
    assert entries["reference/date-ranges/?name=7d"]["title"] == "7d · Last 7 days"
    titles = {e["title"].split(" · ")[0] for e in entries.values()}
    names = schema.metrics() + schema.dimensions() + schema.operators()
    assert {e.name for e in names + schema.date_range_shorthands()} <= titles


def test_the_built_index_holds_the_name_entries(index: list[dict]) -> None:
    locations = {e["location"] for e in index}
    assert "reference/metrics/?name=bounce_rate" in locations
    assert "reference/dimensions/?name=event%3Aprops%3A%3Cname%3E" in locations


def test_widget_chrome_and_response_bodies_stay_out(index: list[dict]) -> None:
    for entry in index:
        assert '"results": [' not in entry["text"], entry["location"]  # a response body
        assert "Example response" not in entry["text"], entry["location"]


def test_searching_bots_finds_what_the_api_does_about_them(index: list[dict]) -> None:
    entry = next(e for e in index if e["location"] == "guides/quirks/#bots-and-crawlers")
    assert entry["title"] == "Bots and crawlers"
    assert "no bot dimension, filter or metric" in entry["text"]
    assert "event.ex" in entry["text"]  # the source read

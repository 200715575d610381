"""``assets/editor.json``: the demo values, clock, range limits and links the editor reads."""

from __future__ import annotations

from datetime import datetime

import pytest

from demo import SITES
from statsref import schema
from statsref.docsgen.editor_data import editor_data, page_url
from statsref.docsgen.reference import Reference
from statsref.engine import Dataset, run_query

CLOCK = "2026-11-02T14:30:00+00:00"


@pytest.fixture(scope="module")
def data() -> dict:
    return editor_data(Reference().links, CLOCK)


def test_every_filterable_dimension_of_the_schema_has_values_on_each_site(data: dict) -> None:
    """Custom properties only where the plan lets queries use them; none on a 402 site."""
    filterable = {e.name for e in schema.dimensions() if e.get("x-filterable") and not e.pattern}
    assert set(data["sites"]) == set(SITES)
    for domain, site in data["sites"].items():
        config = SITES[domain]
        if not config.queryable:
            assert site["values"] == {"event:goal": [], "segment": []}, domain
            continue
        props = {f"event:props:{name}" for name in config.props if config.allows_prop(name)}
        assert set(site["values"]) == filterable | props | {"segment"}
        assert site["values"]["visit:country"], domain
        assert all(v not in ("", 0) for values in site["values"].values() for v in values)
    starter = data["sites"]["starter.dummy.site"]["values"]
    assert "event:props:url" in starter and "event:props:service" not in starter


def test_values_are_the_most_frequent_ones_of_the_last_week(data: dict) -> None:
    now = datetime.fromisoformat(CLOCK)
    query = {
        "site_id": "dummy.site",
        "metrics": ["visitors"],
        "date_range": "7d",
        "dimensions": ["event:page"],
    }
    _, body = run_query(query, dataset=Dataset.build(now, lazy=True), now=now)
    pages = [row["dimensions"][0] for row in body["results"]]
    assert data["sites"]["dummy.site"]["values"]["event:page"] == pages[:15]


def test_site_configuration_comes_from_the_engine(data: dict) -> None:
    shop = data["sites"]["shop.dummy.site"]
    site = SITES["shop.dummy.site"]
    assert shop["timezone"] == site.timezone
    assert shop["values"]["event:goal"] == [g.display_name for g in site.goals]
    assert shop["values"]["segment"] == [s.id for s in site.segments]
    assert shop["labels"]["segment"] == {str(s.id): s.name for s in site.segments}
    assert data["clock"] == CLOCK


def test_links_point_at_the_reference_anchors(data: dict) -> None:
    assert data["links"]["names"]["bounce_rate"] == "reference/metrics/#metric-bounce-rate"
    patterns = dict(data["links"]["patterns"])
    assert patterns["^event:props:.+$"] == "reference/dimensions/#dimension-event-props-name"


def test_without_examples_there_is_no_clock_and_no_values() -> None:
    data = editor_data(Reference().links, None)
    assert data["clock"] is None and data["sites"] == {}


@pytest.mark.parametrize(
    ("page", "directory_urls", "url"),
    [
        ("reference/metrics.md", True, "reference/metrics/"),
        ("index.md", True, ""),
        ("examples/index.md", True, "examples/"),
        ("reference/metrics.md", False, "reference/metrics.html"),
    ],
)
def test_page_url(page: str, directory_urls: bool, url: str) -> None:
    assert page_url(page, directory_urls) == url

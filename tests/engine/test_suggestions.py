"""What an editor suggests for a dataset's sites: the demo sites' and a sites file's alike."""

from __future__ import annotations

from pathlib import Path

import pytest

from demo import CLOCK, SITES
from statsref.engine import Dataset, read_sites_file, run_query
from statsref.engine.suggestions import VALUES_PER_DIMENSION, site_suggestions

ACME = Path(__file__).resolve().parents[1] / "fixtures" / "sites" / "acme.toml"
DIMENSIONS = ("visit:country", "event:page", "visit:source")


@pytest.fixture(scope="module")
def demo() -> dict:
    return site_suggestions(Dataset.build(CLOCK, lazy=True), DIMENSIONS)


@pytest.fixture(scope="module")
def acme() -> dict:
    dataset = Dataset.build(CLOCK, lazy=True, sites=read_sites_file(ACME))
    return site_suggestions(dataset, DIMENSIONS)["acme.test"]


def test_each_site_gets_the_dimensions_it_is_given_and_the_properties_its_plan_allows(
    demo: dict,
) -> None:
    assert set(demo) == set(SITES)
    for domain, site in demo.items():
        config = SITES[domain]
        if not config.queryable:  # a 402: nothing to read values from
            assert site["values"] == {"event:goal": [], "segment": []}, domain
            continue
        props = {f"event:props:{name}" for name in config.props if config.allows_prop(name)}
        assert set(site["values"]) == {*DIMENSIONS, *props, "event:goal", "segment"}
        assert site["values"]["visit:country"], domain
        assert all(v not in ("", 0) for values in site["values"].values() for v in values)
    starter = demo["starter.dummy.site"]["values"]
    assert "event:props:url" in starter and "event:props:service" not in starter


def test_values_are_the_most_frequent_ones_of_the_last_week(demo: dict) -> None:
    query = {
        "site_id": "dummy.site",
        "metrics": ["visitors"],
        "date_range": "7d",
        "dimensions": ["event:page"],
    }
    _, body = run_query(query, dataset=Dataset.build(CLOCK, lazy=True))
    pages = [row["dimensions"][0] for row in body["results"]]
    assert demo["dummy.site"]["values"]["event:page"] == pages[:VALUES_PER_DIMENSION]


def test_a_sites_files_goals_segments_pages_and_properties_are_offered(acme: dict) -> None:
    values = acme["values"]
    assert values["event:goal"] == [
        "Signup",
        "Purchase",
        "Visit /pricing",
        "Read a blog post",
        "Visit /careers/*",
    ]
    assert values["segment"] == [7, 8]
    assert acme["labels"] == {"segment": {"7": "Japan", "8": "From New Zealand on a Linux box"}}
    assert {"/", "/pricing", "/blog/launch", "/docs/start"} <= set(values["event:page"])
    assert {"free", "pro"} <= set(values["event:props:plan"])


def test_a_sites_files_clock_facts_come_from_the_file(acme: dict) -> None:
    site = read_sites_file(ACME).at(CLOCK)["acme.test"]
    assert (acme["timezone"], acme["native_days"]) == ("Asia/Tokyo", site.native_days)

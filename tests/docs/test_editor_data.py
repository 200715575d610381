"""``assets/editor.json``: the demo values, clock, range limits and links the editor reads."""

from __future__ import annotations

import json
import subprocess

import pytest

from demo import SITES
from statsref import schema
from statsref.docsgen.editor_data import editor_data, filterable_dimensions, page_url
from statsref.docsgen.playground import PLAYGROUND_DIR
from statsref.docsgen.reference import Reference

CLOCK = "2026-11-02T14:30:00+00:00"


@pytest.fixture(scope="module")
def data() -> dict:
    return editor_data(Reference().links, CLOCK)


def test_every_demo_site_gets_the_schemas_filterable_dimensions(data: dict) -> None:
    """The values themselves are ``statsref.engine.suggestions``' (tests/engine)."""
    filterable = {e.name for e in schema.dimensions() if e.get("x-filterable") and not e.pattern}
    assert set(data["sites"]) == set(SITES)
    assert filterable <= set(data["sites"]["dummy.site"]["values"])
    assert "event:props:<name>" not in data["sites"]["dummy.site"]["values"]


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


def test_the_playground_reads_the_same_filterable_dimensions_from_the_schema() -> None:
    """For a sites file, the worker suggests values of the dimensions the page names."""
    module = PLAYGROUND_DIR / "src" / "language" / "dimensions.js"
    script = (
        f"import {{ filterableDimensions }} from {json.dumps(module.as_uri())};\n"
        f"const schema = JSON.parse(process.argv[1]);\n"
        "console.log(JSON.stringify(filterableDimensions(schema)));"
    )
    done = subprocess.run(
        ["node", "--input-type=module", "-e", script, json.dumps(schema.query_schema())],
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(done.stdout) == filterable_dimensions()

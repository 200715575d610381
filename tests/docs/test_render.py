"""Rendering of generated pages and of the markers in hand-written pages."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from demo import SITES
from statsref import schema
from statsref.docsgen.reference import Reference
from statsref.docsgen.render import ERRORS, EXAMPLES_INDEX, REFERENCE_PAGES, Renderer, RenderError
from statsref.engine.language import sources
from statsref.engine.language.evidence import Source, evidence_of
from statsref.engine.rules import RULES

from .fakes import QUERY, example

DOCS = Path(__file__).resolve().parents[2] / "docs"


@pytest.fixture(scope="module")
def renderer() -> Renderer:
    examples = [
        example("first-one", order=1),
        example("second-one", order=2, query={**QUERY, "site_id": "shop.dummy.site"}),
        example("bad-one", status=400, order=3, response={"error": "Metric `x` | pipe"}),
    ]
    return Renderer(Reference(), examples)


@pytest.fixture(scope="module")
def pages(renderer: Renderer) -> dict[str, str]:
    return renderer.pages()


def test_every_generated_page_is_rendered(pages: dict[str, str]) -> None:
    expected = {*REFERENCE_PAGES, EXAMPLES_INDEX, ERRORS}
    expected |= {"examples/first-one.md", "examples/second-one.md"}
    assert set(pages) == expected


def test_example_page_wraps_request_and_response_in_the_widget(pages: dict[str, str]) -> None:
    page = pages["examples/first-one.md"]
    assert "# Title of first-one\n\nSummary of first-one." in page
    assert '<section class="sr-playground" data-example="first-one" data-targets="' in page
    assert '=== "Query"' in page and '=== "Example response"' in page
    assert '=== "curl"' in page and '=== "Python"' in page and '=== "JavaScript"' in page
    for target in ("plausible", "instance", "mock"):
        assert page.count(f'{{.sh .sr-sample data-target="{target}"}}') == 1, target
    assert "statsref serve --now '2026-11-02T14:30:00+00:00'" in page


def test_invalid_examples_go_to_the_errors_page_only(pages: dict[str, str]) -> None:
    assert "examples/bad-one.md" not in pages
    assert "## Title of bad-one {: #error-bad-one }" in pages[ERRORS]
    assert '"error": "Metric `x` | pipe"' in pages[ERRORS]


def test_error_table_cells_escape_code_and_pipes(pages: dict[str, str]) -> None:
    assert "<code>Metric &#96;x&#96; &#124; pipe</code>" in pages["reference/errors.md"]


def test_examples_index_lists_titles_with_their_first_sentence(pages: dict[str, str]) -> None:
    row = "| [Title of first-one](first-one.md) | `dummy.site` | {} |".format(
        '<span class="sr-cell">Summary of first-one.</span>'
    )
    assert row in pages[EXAMPLES_INDEX]


def test_reference_links_requirements_to_their_anchor(pages: dict[str, str]) -> None:
    assert "[`event:goal`](dimensions.md#dimension-event-goal)" in pages["reference/metrics.md"]


def test_metric_descriptions_fit_in_one_table_row(pages: dict[str, str]) -> None:
    rows = [line for line in pages["reference/metrics.md"].splitlines() if "metric-" in line]
    assert len([r for r in rows if r.startswith('| <a class="sr-anchor"')]) == len(schema.metrics())


def test_sites_marker_renders_each_site(renderer: Renderer) -> None:
    page = renderer.fill_markers("before\n<!-- statsref:sites -->\nafter", "guides/dataset.md")
    for site in SITES.values():
        assert f"### {site.domain} {{: #site-{site.domain.replace('.', '-')} }}" in page
        assert all(f"`{goal.display_name}`" in page for goal in site.goals)
    assert page.startswith("before\n") and page.endswith("\nafter")


def test_migrate_marker_shows_a_conversion_and_its_widget(renderer: Renderer) -> None:
    page = renderer.fill_markers("<!-- statsref:migrate -->", "guides/migrating-from-v1.md")
    assert '<textarea id="sr-migrate-input"' in page
    assert "https://plausible.io/api/v1/stats/breakdown?site_id=dummy.site" in page
    assert '"dimensions": ["visit:source"]' in page  # the v2 query, in the widget
    assert "<li>v1&#39;s 6mo includes the current month" in page
    assert 'data-query="{&#34;site_id&#34;: &#34;dummy.site&#34;' in page
    assert "or the URL of a dashboard</label>" in page
    assert '<option value="">its top row</option>' in page
    assert '<option value="props:' not in page and '<option value="sources">' in page
    assert 'data-words="Visitors and bounce rate of dummy.site per source from 1 Jun ' in page
    assert 'aria-label="Query in words"><p>Visitors and bounce rate of dummy.site' in page


def test_snippets_marker_takes_an_example_slug(renderer: Renderer) -> None:
    second = renderer.fill_markers("<!-- statsref:snippets:second-one -->", "getting-started.md")
    first = renderer.fill_markers("<!-- statsref:snippets:first -->", "getting-started.md")
    assert '=== "curl"' in second
    assert '"site_id": "shop.dummy.site"' in second
    assert '"site_id": "dummy.site"' in first


def test_widget_marker_renders_the_examples_widget(renderer: Renderer) -> None:
    page = renderer.fill_markers("<!-- statsref:widget:first-one -->", "index.md")
    assert '<section class="sr-playground" data-example="first-one" data-targets="' in page
    assert "data-search-exclude" in page  # the response stays out of the search index
    assert '"results": []' in page  # the static view, without JavaScript


def test_playground_marker_renders_the_full_widget(renderer: Renderer) -> None:
    page = renderer.fill_markers("<!-- statsref:playground -->", "playground.md")
    assert '<section class="sr-playground sr-full" data-example="" data-targets="' in page


@pytest.mark.parametrize(
    ("marker", "message"),
    [
        ("<!-- statsref:nonsense -->", "page.md: unknown marker statsref:nonsense"),
        ("<!-- statsref:snippets:missing -->", "page.md: no valid example named 'missing'"),
        ("<!-- statsref:snippets:bad-one -->", "page.md: no valid example named 'bad-one'"),
    ],
)
def test_bad_markers_fail_with_the_page_name(renderer: Renderer, marker: str, message: str) -> None:
    with pytest.raises(RenderError, match=message):
        renderer.fill_markers(marker, "page.md")


def test_an_empty_corpus_cannot_fill_example_markers() -> None:
    with pytest.raises(RenderError, match="the example corpus is empty"):
        Renderer(Reference(), []).fill_markers("<!-- statsref:snippets:first -->", "x.md")


def test_example_pages_link_every_documented_name_the_query_uses(renderer: Renderer) -> None:
    query = {
        "site_id": "dummy.site",
        "metrics": ["visitors", "conversion_rate"],
        "date_range": "14d",
        "filters": [
            ["is", "event:goal", ["Signup"]],
            ["or", [["is", "visit:device", ["Mobile"]], ["not", ["is", "segment", [101]]]]],
            ["has_done", ["contains", "event:props:plan", ["visitors"]]],
        ],
        "dimensions": ["visit:source"],
        "order_by": [["visitors", "desc"]],
        "include": {"total_rows": True, "imports": False},
    }
    assert renderer.env.filters["names_used"](query) == [
        "visitors",
        "conversion_rate",
        "14d",
        "is",
        "event:goal",
        "or",
        "visit:device",
        "not",
        "has_done",
        "contains",
        "event:props:plan",
        "visit:source",
        "total_rows",
    ]


def test_descriptions_show_their_sources(pages: dict[str, str]) -> None:
    metrics = pages["reference/metrics.md"]
    row = next(line for line in metrics.splitlines() if 'id="metric-percentage"' in line)
    assert '<span class="sr-source">source: <a href="https://github.com/plausible/analytics/' in row
    assert ">query_builder.ex</a>" in row and ">special_metrics.ex</a>" in row


def test_evidence_marker_lists_rules_statements_and_files(renderer: Renderer) -> None:
    page = renderer.fill_markers("<!-- statsref:evidence -->", "guides/how-checked.md")
    assert "| `semantics.custom_props_access`<br>" in page
    assert "| `semantics.one_time_dimension`<br>" in page and "| *mock's own*: " in page
    assert ">authorize_public_api.ex</a>" in page
    for text in sources.EVERY_SOURCE:
        source = Source.parse(text)
        assert f"[{source.path}]({source.url})" in page


def test_source_marker_links_named_files(renderer: Renderer) -> None:
    page = renderer.fill_markers("<!-- statsref:source:API_KEY-AUTHORIZE -->", "authentication.md")
    assert page.startswith('<span class="sr-source">source: <a href=')
    assert ">api_key.ex</a>, <a href=" in page and ">authorize_public_api.ex</a>" in page
    with pytest.raises(RenderError, match="statsref:source:NOPE names no file"):
        renderer.fill_markers("<!-- statsref:source:NOPE -->", "authentication.md")


def test_every_file_read_is_cited_somewhere() -> None:
    """By a rule of the engine, an x-source of the schemas, or a source marker of a page."""
    cited = {str(s) for rule in RULES for s in evidence_of(rule).sources}
    documents = json.dumps([schema.query_schema(), schema.response_schema()])
    cited |= {text for text in sources.EVERY_SOURCE if json.dumps(text) in documents}
    for page in DOCS.rglob("*.md"):
        for argument in re.findall(r"<!-- statsref:source:([\w-]+) -->", page.read_text()):
            cited |= {vars(sources)[name] for name in argument.split("-")}
    assert cited == set(sources.EVERY_SOURCE)


def test_examples_index_counts_the_corpus(pages: dict[str, str]) -> None:
    assert (
        "The corpus holds 2 answered queries, listed here,\nand 1 query the API rejects."
        in (pages[EXAMPLES_INDEX])
    )

"""Table cells carry their column's heading, for the stacked cards of a narrow screen."""

from __future__ import annotations

from statsref.docsgen.cards import label_cells

TABLE = (
    "<table>\n<thead>\n<tr>\n<th>metric</th>\n"
    '<th style="text-align: left;">value &amp; type</th>\n'
    "<th></th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td><code>visitors</code></td>\n"
    '<td style="text-align: left;">integer</td>\n<td>x</td>\n</tr>\n</tbody>\n</table>'
)


def test_each_cell_gets_its_columns_heading() -> None:
    out = label_cells(f"<p>before</p>{TABLE}<p>after</p>")
    assert '<td data-label="metric"><code>visitors</code></td>' in out
    assert '<td style="text-align: left;" data-label="value &amp; type">integer</td>' in out
    assert '<td data-label="">x</td>' in out
    assert out.startswith("<p>before</p>") and out.endswith("<p>after</p>")


def test_tables_without_a_header_are_left_alone() -> None:
    table = "<table><tbody><tr><td>a</td></tr></tbody></table>"
    assert label_cells(table) == table


def test_built_reference_pages_have_labelled_cells(site_html: dict[str, str]) -> None:
    page = site_html["reference/metrics/index.html"]
    assert '<td data-label="metric"><a class="sr-anchor" id="metric-visitors"' in page

"""Rendering of the generated pages with jinja2, and of the markers in hand-written pages.

A hand-written page asks for generated content with an HTML comment on a line of its own,
``<!-- statsref:NAME -->`` or ``<!-- statsref:NAME:ARGUMENT -->``; see ``MARKERS``. An unknown
marker is an error, so a typo fails the build instead of vanishing from the page.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import jinja2

from statsref import schema
from statsref.docsgen import reference, snippets
from statsref.docsgen.anchors import anchor
from statsref.docsgen.examples import Example
from statsref.docsgen.reference import Reference, Term, by_annotation
from statsref.engine import demo_sites, explain
from statsref.engine.language import sources
from statsref.engine.language.evidence import Source, evidence_of
from statsref.engine.language.parse import access_error
from statsref.engine.language.site import INTERNAL_PROPS
from statsref.engine.migrate import Conversion, convert
from statsref.engine.migrate.dashboard.reports import PANELS
from statsref.engine.rules import RULES

REFERENCE_PAGES = {
    reference.REQUEST: "request.md.j2",
    reference.DATE_RANGES: "date-ranges.md.j2",
    reference.METRICS: "metrics.md.j2",
    reference.DIMENSIONS: "dimensions.md.j2",
    reference.FILTERS: "filters.md.j2",
    reference.ORDERING: "ordering.md.j2",
    reference.RESPONSE: "response.md.j2",
    reference.ERROR_RESPONSES: "error-responses.md.j2",
}
EXAMPLES_INDEX = "examples/index.md"
ERRORS = "errors.md"

_MARKER = re.compile(r"^<!-- statsref:([a-z-]+)(?::([\w-]+))? -->$", re.MULTILINE)


class RenderError(ValueError):
    """A generated page could not be rendered; the message names the page or marker."""


def example_page(example: Example) -> str:
    """Source path of an example's page."""
    return f"examples/{example.slug}.md"


class Renderer:
    """Renders every generated page and fills the markers of hand-written ones."""

    def __init__(self, ref: Reference, examples: list[Example]) -> None:
        self.ref = ref
        self.examples = [e for e in examples if e.valid]
        self.invalid = [e for e in examples if not e.valid]
        self.env = jinja2.Environment(
            loader=jinja2.PackageLoader("statsref.docsgen", "templates"),
            undefined=jinja2.StrictUndefined,
            keep_trailing_newline=True,
            autoescape=False,
        )
        self.env.filters.update(
            json=snippets.json_text,
            inline_json=snippets.json_inline,
            cell=_cell,
            described=_described,
            source_links=source_links,
            code=_code,
            first_sentence=_first_sentence,
            groupby_annotation=_groupby_annotation,
            rich_query=_rich_query,
            rich_meta=_rich_meta,
            names_used=self._names_used,
            samples=snippets.samples,
            migrate=self._migrate,
            words=self._words,
        )
        self.env.globals.update(
            ref=ref,
            sites=list(demo_sites().at(datetime.now(UTC)).values()),
            access_error=access_error,
            internal_props=INTERNAL_PROPS,
            examples=self.examples,
            invalid=self.invalid,
            example_page=example_page,
            anchor=anchor,
            targets_attribute=snippets.targets_attribute(),
            dashboard_panels=list(PANELS),
        )

    def pages(self) -> dict[str, str]:
        """Every generated page: source path (relative to ``docs/``) to markdown."""
        pages = {uri: self._render(template, uri) for uri, template in REFERENCE_PAGES.items()}
        pages[EXAMPLES_INDEX] = self._render("examples-index.md.j2", EXAMPLES_INDEX)
        pages[ERRORS] = self._render("errors.md.j2", ERRORS)
        for example in self.examples:
            uri = example_page(example)
            pages[uri] = self._render("example.md.j2", uri, example=example)
        return pages

    def fill_markers(self, markdown: str, page: str) -> str:
        """Replace each ``<!-- statsref:... -->`` line of a hand-written page."""

        def replace(match: re.Match[str]) -> str:
            name, argument = match.group(1), match.group(2)
            if name not in MARKERS:
                raise RenderError(f"{page}: unknown marker statsref:{name}")
            return MARKERS[name](self, page, argument)

        return _MARKER.sub(replace, markdown)

    def example(self, slug: str | None, page: str) -> Example:
        """The example named ``slug``; ``first`` is the first in corpus order."""
        if not self.examples:
            raise RenderError(f"{page}: the example corpus is empty")
        if slug == "first":
            return self.examples[0]
        found = next((e for e in self.examples if e.slug == slug), None)
        if found is None:
            raise RenderError(f"{page}: no valid example named {slug!r}")
        return found

    def _render(self, template: str, page: str, **context: Any) -> str:
        """Render ``template`` for ``page``; backticked names are linked relative to it."""
        try:
            markdown = self.env.get_template(template).render(page=page, **context)
        except jinja2.TemplateError as exc:
            raise RenderError(f"{page} ({template}): {exc}") from exc
        return self.ref.links.link_names(markdown, page)

    def _names_used(self, query: dict[str, Any]) -> list[str]:
        """The documented names a query uses (metrics, range, operators, dimensions...), once
        each, in the order they appear, so an example page can link to each one."""
        found = [*query.get("metrics", []), query.get("date_range")]
        for item in query.get("filters", []):
            found += _filter_names(item)
        found += query.get("dimensions", [])
        found += [entry[0] for entry in query.get("order_by", [])]
        found += [key for key, on in query.get("include", {}).items() if on]
        known = [n for n in found if isinstance(n, str) and self.ref.links.target(n)]
        return list(dict.fromkeys(known))

    def _migrate(self, request: str) -> Conversion:
        """A v1 request converted as on the day of the examples' clock, the mock's today."""
        return convert(request, self._clock().date())

    def _words(self, query: dict[str, Any]) -> str:
        """A query in words under the examples' clock, as the playground reads it."""
        return explain(query, now=self._clock()).text

    def _clock(self) -> datetime:
        return datetime.fromisoformat(self.example("first", "clock").now)

    def _marker_sites(self, page: str, _argument: str | None) -> str:
        return self._render("sites.md.j2", page)

    def _marker_sites_file(self, page: str, _argument: str | None) -> str:
        """The keys of a sites file, table by table, from ``schema/sites.schema.json``."""
        defs = schema.sites_schema()["$defs"]
        site = defs["site"]["properties"]
        tables = [
            ("[[sites]]", defs["site"]),
            ("pages = [{ ... }]", defs["page"]),
            ("[[sites.goals]]", defs["goal"]),
            ("[[sites.events]]", defs["event"]),
            ("[[sites.segments]]", defs["segment"]),
            ("[sites.imports]", site["imports"]),
            ("[sites.rhythm]", site["rhythm"]),
        ]
        return self._render("sites-file.md.j2", page, tables=tables, day_ref=defs["dayRef"])

    def _marker_source(self, page: str, argument: str | None) -> str:
        """``statsref:source:NAME-NAME``: links to files of ``statsref.engine.language.sources``."""
        names = (argument or "").split("-")
        found = [vars(sources).get(name) for name in names]
        if not argument or any(value not in sources.EVERY_SOURCE for value in found):
            raise RenderError(f"{page}: statsref:source:{argument} names no file of the sources")
        return source_links([str(value) for value in found])

    def _marker_evidence(self, page: str, _argument: str | None) -> str:
        rules = [(rule, evidence_of(rule)) for rule in RULES]
        files = [Source.parse(text) for text in sources.EVERY_SOURCE]
        return self._render(
            "evidence.md.j2", page, rules=rules, files=files, checked=sources.LAST_CHECKED
        )

    def _marker_snippets(self, page: str, slug: str | None) -> str:
        return self._render("snippets.md.j2", page, example=self.example(slug, page))

    def _marker_widget(self, page: str, slug: str | None) -> str:
        """``statsref:widget:SLUG``: the example's runnable widget, as on its own page."""
        example = self.example(slug, page)
        return self._render("widget.md.j2", page, example=example, slug=example.slug, full=False)

    def _marker_migrate(self, page: str, _argument: str | None) -> str:
        return self._render("migrate.md.j2", page)

    def _marker_playground(self, page: str, slug: str | None) -> str:
        example = self.example(slug or "first", page)
        return self._render("widget.md.j2", page, example=example, slug="", full=True)


MARKERS: dict[str, Callable[[Renderer, str, str | None], str]] = {
    "sites": Renderer._marker_sites,
    "sites-file": Renderer._marker_sites_file,
    "evidence": Renderer._marker_evidence,
    "source": Renderer._marker_source,
    "snippets": Renderer._marker_snippets,
    "widget": Renderer._marker_widget,
    "playground": Renderer._marker_playground,
    "migrate": Renderer._marker_migrate,
}


def _cell(markdown: str) -> str:
    """Markdown fit for one table cell: paragraphs become line breaks, pipes are escaped.

    The span keeps prose columns readable when a wide table scrolls on a narrow screen.
    """
    paragraphs = [" ".join(p.split()) for p in markdown.strip().split("\n\n")]
    text = "<br><br>".join(paragraphs).replace("|", "\\|")
    return f'<span class="sr-cell">{text}</span>'


def _described(term: Term) -> str:
    """A term's description for a table cell, with the sources it was checked against."""
    return _cell(term.description) + source_links(term.x("source", []), before="<br>")


def source_links(sources: list[str], before: str = "") -> str:
    """Small links to the public files a statement follows (``x-source`` values)."""
    if not sources:
        return ""
    links = ", ".join(
        f'<a href="{html.escape(found.url)}">{html.escape(found.label)}</a>'
        for found in map(Source.parse, sources)
    )
    return f'{before}<span class="sr-source">source: {links}</span>'


def _code(text: str) -> str:
    """``text`` as inline code in raw HTML, safe in a table cell whatever it contains."""
    escaped = html.escape(text).replace("`", "&#96;").replace("|", "&#124;")
    return f"<code>{escaped}</code>"


def _first_sentence(text: str) -> str:
    match = re.match(r"(.+?[.!?])(\s|$)", " ".join(text.split()))
    return match.group(1) if match else text


def _groupby_annotation(terms: list[Term], annotation: str) -> list[tuple[str, list[Term]]]:
    """Terms grouped by an ``x-`` annotation, groups in order of first appearance."""
    return list(by_annotation(terms, annotation).items())


def _rich_query(examples: list[Example]) -> Example | None:
    """The example whose query uses the most top-level keys (the first on a tie)."""
    return max(examples, key=lambda e: len(e.query), default=None)


def _rich_meta(examples: list[Example]) -> Example | None:
    """The shortest response with a non-empty ``meta``, or the shortest response at all."""
    with_meta = [e for e in examples if e.response.get("meta")] or examples
    return min(with_meta, key=lambda e: len(snippets.json_inline(e.response)), default=None)


def _filter_names(item: list[Any]) -> list[Any]:
    """Operator and dimension names of a filter, nested filters included, clauses left out.

    The second element tells the shape: a dimension name (simple filter or segment), a list
    of filters (``and`` / ``or``) or one filter (``not``, ``has_done``, ``has_not_done``).
    """
    operator, operand = item[0], item[1]
    if isinstance(operand, str):
        return [operator, operand]
    children = operand if operand and isinstance(operand[0], list) else [operand]
    return [operator] + [name for child in children for name in _filter_names(child)]

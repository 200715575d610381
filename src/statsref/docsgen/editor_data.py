"""What the playground's editor knows beyond the query schema, written as ``assets/editor.json``.

- ``clock``: the examples' pinned clock, the one every runner answers under by default;
- ``sites``: what the editor suggests for each demo site (``statsref.engine.suggestions``: its
  timezone, days of native stats and the clauses a filter on it can take), computed here by
  the engine at that clock, so an example page never starts the Python runtime to offer them.
  The playground's worker computes the same for a reader's sites file;
- ``ranges``: the engine's limits of ``Nd`` and ``Nmo``, for resolving shorthands in the page;
- ``links``: where each documented name is explained, for links in hover docs and completion.

The names themselves (which dimensions exist and which are filterable) come from the schema.
"""

from __future__ import annotations

import posixpath
from datetime import datetime
from typing import Any

from statsref import schema
from statsref.docsgen.anchors import LinkIndex
from statsref.engine import Dataset
from statsref.engine.language.dates import MAX_DAYS, MAX_MONTHS
from statsref.engine.suggestions import site_suggestions


def editor_data(links: LinkIndex, clock: str | None, *, directory_urls: bool = True) -> dict:
    """The content of ``assets/editor.json`` for the examples' ``clock`` (ISO 8601)."""
    data: dict[str, Any] = {
        "clock": clock,
        "ranges": {"max_days": MAX_DAYS, "max_months": MAX_MONTHS},
        "links": _links(links, directory_urls),
        "sites": {},
    }
    if clock is not None:
        dataset = Dataset.build(datetime.fromisoformat(clock), lazy=True)
        data["sites"] = site_suggestions(dataset, filterable_dimensions())
    return data


def filterable_dimensions() -> list[str]:
    """The dimensions the schema lets filters name, its pattern entries left out."""
    return [e.name for e in schema.dimensions() if e.get("x-filterable") and not e.pattern]


def _links(links: LinkIndex, directory_urls: bool) -> dict[str, Any]:
    """``{names: {name: url}, patterns: [[regex, url]]}``, URLs relative to the site root."""

    def url(page: str, anchor: str) -> str:
        return f"{page_url(page, directory_urls)}#{anchor}"

    return {
        "names": {name: url(t.page, t.anchor) for name, t in links.targets.items()},
        "patterns": [[p.pattern, url(t.page, t.anchor)] for p, t in links.patterns],
    }


def page_url(page: str, directory_urls: bool = True) -> str:
    """The URL of a source page relative to the site root, as MkDocs builds it."""
    stem = page.removesuffix(".md")
    if not directory_urls:
        return f"{stem}.html"
    if posixpath.basename(stem) == "index":
        stem = posixpath.dirname(stem)
    return f"{stem}/" if stem else ""

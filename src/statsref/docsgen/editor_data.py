"""What the playground's editor knows beyond the query schema, written as ``assets/editor.json``.

- ``clock``: the examples' pinned clock, the one every runner answers under by default;
- ``sites``: each demo site's timezone, days of native stats and the clauses a filter on it can
  take (what the editor suggests): the most frequent values of each filterable dimension and
  of each custom property its plan lets queries use, computed here by the engine at that clock
  (so an example page never starts the Python runtime to offer them), its configured goal
  names and its segment ids, with the segments' names as ``labels``. A site the API answers
  with a 402 has no values;
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
from statsref.engine import Dataset, run_query
from statsref.engine.language.dates import MAX_DAYS, MAX_MONTHS
from statsref.engine.language.site import Site
from statsref.engine.language.vocabulary import PROPS_PREFIX

GOAL, SEGMENT = "event:goal", "segment"
VALUES_PER_DIMENSION = 15
VALUES_RANGE = "7d"
"""The period whose most frequent values are suggested: the week before the clock, which
holds nearly every value the dataset draws and takes a second to build."""


def editor_data(links: LinkIndex, clock: str | None, *, directory_urls: bool = True) -> dict:
    """The content of ``assets/editor.json`` for the examples' ``clock`` (ISO 8601)."""
    data: dict[str, Any] = {
        "clock": clock,
        "ranges": {"max_days": MAX_DAYS, "max_months": MAX_MONTHS},
        "links": _links(links, directory_urls),
        "sites": {},
    }
    if clock is not None:
        now = datetime.fromisoformat(clock)
        dataset = Dataset.build(now, lazy=True)
        data["sites"] = {
            domain: _site(site, dataset, now) for domain, site in dataset.sites.items()
        }
    return data


def _site(site: Site, dataset: Dataset, now: datetime) -> dict[str, Any]:
    dimensions = [e.name for e in schema.dimensions() if e.get("x-filterable") and not e.pattern]
    dimensions += [f"{PROPS_PREFIX}{name}" for name in site.props if site.allows_prop(name)]
    if not site.queryable:
        dimensions = []
    values = {d: _top_values(site, d, dataset, now) for d in dimensions}
    # A goal filter with `is` must name a configured goal, completed or not.
    values[GOAL] = [goal.display_name for goal in site.goals]
    values[SEGMENT] = [segment.id for segment in site.segments]
    return {
        "timezone": site.timezone,
        "native_days": site.native_days,
        "values": values,
        "labels": {SEGMENT: {str(s.id): s.name for s in site.segments}},
    }


def _top_values(site: Site, dimension: str, dataset: Dataset, now: datetime) -> list[Any]:
    """The dimension's most frequent values by visitors, empty values (unknown) left out."""
    query = {
        "site_id": site.domain,
        "metrics": ["visitors"],
        "date_range": VALUES_RANGE,
        "dimensions": [dimension],
        "pagination": {"limit": VALUES_PER_DIMENSION},
    }
    status, body = run_query(query, dataset=dataset, now=now)
    if status != 200:
        raise ValueError(f"demo values of {dimension} on {site.domain}: {body.get('error')}")
    return [row["dimensions"][0] for row in body["results"] if row["dimensions"][0] not in ("", 0)]


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

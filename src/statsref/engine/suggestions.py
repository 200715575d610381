"""What an editor can suggest for each site a dataset serves: its timezone, its days of native
stats and the clauses a filter on it can take.

The playground's completion and builder offer these. The docs build computes them for the demo
sites (``assets/editor.json``, with the filterable dimensions of the query schema); the
playground's worker computes them for a reader's sites file (with the dimensions of the schema
the page fetched). The engine itself does not know which dimensions the schema lists as
filterable, so the caller names them.

For each site: the most frequent values of each of those dimensions and of each custom property
its plan lets queries use, by visitors in the week before the dataset's clock; its configured
goal names (a goal filter with ``is`` must name one, completed or not) and its segment ids,
with the segments' names as ``labels``. A site the API answers with a 402 has no values.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from . import Dataset, run_query
from .language.site import Site
from .language.vocabulary import PROPS_PREFIX

GOAL, SEGMENT = "event:goal", "segment"
VALUES_PER_DIMENSION = 15
VALUES_RANGE = "7d"
"""The period whose most frequent values are suggested: the week before the clock, which holds
nearly every value the generator draws and builds in about a second."""


def site_suggestions(dataset: Dataset, dimensions: Sequence[str]) -> dict[str, dict[str, Any]]:
    """``{domain: {timezone, native_days, values, labels}}`` for every site of ``dataset``;
    ``dimensions`` are the filterable dimensions whose values are suggested (no pattern such
    as ``event:props:<name>``: each site's own properties are added)."""
    return {domain: _site(site, dataset, dimensions) for domain, site in dataset.sites.items()}


def _site(site: Site, dataset: Dataset, dimensions: Sequence[str]) -> dict[str, Any]:
    named = [*dimensions, *(f"{PROPS_PREFIX}{p}" for p in site.props if site.allows_prop(p))]
    values = {d: _top_values(site, d, dataset) for d in named} if site.queryable else {}
    values[GOAL] = [goal.display_name for goal in site.goals]
    values[SEGMENT] = [segment.id for segment in site.segments]
    return {
        "timezone": site.timezone,
        "native_days": site.native_days,
        "values": values,
        "labels": {SEGMENT: {str(s.id): s.name for s in site.segments}},
    }


def _top_values(site: Site, dimension: str, dataset: Dataset) -> list[Any]:
    """The dimension's most frequent values by visitors, empty values (unknown) left out."""
    query = {
        "site_id": site.domain,
        "metrics": ["visitors"],
        "date_range": VALUES_RANGE,
        "dimensions": [dimension],
        "pagination": {"limit": VALUES_PER_DIMENSION},
    }
    status, body = run_query(query, dataset=dataset)
    if status != 200:
        raise ValueError(f"values of {dimension} on {site.domain}: {body.get('error')}")
    return [row["dimensions"][0] for row in body["results"] if row["dimensions"][0] not in ("", 0)]

"""Segments: a ``["is", "segment", [ids]]`` filter stands for the site's saved filters.

One id becomes ``["and", saved filters]``, several become ``["or", [["and", ...], ...]]``.
Then top-level ``and`` filters are spread into the top-level list, as the real API does, so
the echoed query shows plain filters.
"""

from __future__ import annotations

from .errors import QueryError
from .filter_tree import Filter, copied, leaves, rebuilt
from .site import Site

MAX_SEGMENT_IDS = 10


def expand_segments(filters: list[Filter], site: Site) -> list[Filter]:
    """``filters`` with every segment replaced by its saved filters (a new list)."""
    ids = [i for leaf in leaves(filters) if leaf.dimension == "segment" for i in leaf.clauses]
    if not ids:
        return copied(filters)
    if len(ids) > MAX_SEGMENT_IDS:
        raise QueryError(
            f"Invalid filters. You can only use up to {MAX_SEGMENT_IDS} segment filters "
            "in a query.",
            pointer="/filters",
            hint=f"Name at most {MAX_SEGMENT_IDS} segment ids in all the query's filters.",
        )
    for leaf in leaves(filters):
        if leaf.dimension == "segment" and any(site.segment(i) is None for i in leaf.clauses):
            raise QueryError(
                "Invalid filters. Some segments don't exist or aren't accessible.",
                pointer=leaf.pointer,
                hint=_segment_hint(site),
            )
    expanded = [rebuilt(node, lambda leaf: _replace(leaf, site)) for node in filters]
    return [item for node in expanded for item in (node[1] if node[0] == "and" else [node])]


def _segment_hint(site: Site) -> str:
    ids = ", ".join(f"`{segment.id}`" for segment in site.segments)
    if not ids:
        return f"Leave the segment filter out: {site.domain} has no segments."
    return f"Name segments of {site.domain}: {ids}."


def _replace(leaf: Filter, site: Site) -> Filter:
    if leaf[1] != "segment":
        return copied(leaf)
    groups = [["and", copied(site.segment(i).filters)] for i in leaf[2]]  # type: ignore[union-attr]
    return groups[0] if len(groups) == 1 else ["or", groups]

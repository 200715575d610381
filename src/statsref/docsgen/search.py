"""Search that lands on the name: one entry of the site's search index per documented name.

MkDocs' search (Material's) indexes pages by heading, so a metric documented in a table row
is found only as "the Metrics page". After the search plugin has written its index, each metric,
dimension, operator, date range, key and option documented under an anchor gets an entry of its
own, titled with the name; typing ``bounce_rate`` then lands on the row of ``bounce_rate``.
Widget chrome and response bodies carry ``data-search-exclude`` in the templates, so they never
reach the index.

The entry's location is ``reference/metrics/?name=bounce_rate``, without the row's ``#anchor``:
Material groups results by the part of a location before ``#`` and links each group's heading to
that part, so an entry at ``reference/metrics/#metric-bounce-rate`` would be listed under a
"Metrics" heading linked to the top of the page. With a query string of its own each name is a
result of its own, and the page script (``playground/src/pages/landing.js``) moves ``?name=``
to the row's anchor; static hosts ignore the query string.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from statsref.docsgen.editor_data import page_url
from statsref.docsgen.reference import Reference, Term

INDEX = Path("search") / "search_index.json"
_MARKUP = re.compile(r"[`*]|\[([^\]]*)\]\([^)]*\)")


def _plain(markdown: str) -> str:
    """Description text without Markdown marks (link labels kept)."""
    return " ".join(_MARKUP.sub(lambda m: m.group(1) or "", markdown).split())


def name_entries(ref: Reference, *, directory_urls: bool = True) -> list[dict[str, Any]]:
    """One search entry per anchored name, in the order the reference documents them."""
    groups: list[list[Term]] = [
        [key.term for key in ref.keys],
        ref.metrics,
        ref.dimensions,
        ref.operators + ref.logical_operators + ref.behavioral_operators,
        ref.date_ranges,
        ref.directions,
        ref.include,
        ref.pagination,
    ]
    entries = []
    for term in (term for group in groups for term in group):
        target = ref.links.target(term.name)
        if target is None:
            continue
        title = term.name if term.title in ("", term.name) else f"{term.name} · {term.title}"
        query = urlencode({"name": term.name})
        entries.append(
            {
                "location": f"{page_url(target.page, directory_urls)}?{query}",
                "title": title,
                "text": _plain(term.description),
            }
        )
    return entries


def add_name_entries(site_dir: Path, ref: Reference, *, directory_urls: bool = True) -> int:
    """Add the name entries to the built index; returns how many. No index: nothing to do."""
    path = site_dir / INDEX
    if not path.is_file():
        return 0
    index = json.loads(path.read_text(encoding="utf-8"))
    entries = name_entries(ref, directory_urls=directory_urls)
    index["docs"].extend(entries)
    path.write_text(json.dumps(index, separators=(",", ":")), encoding="utf-8")
    return len(entries)

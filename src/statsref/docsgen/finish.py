"""``statsref docs finish``: what the built site gets once the site generator has run.

Three things need the rendered pages or the generator's own output, so they come after it:
the ``data-label`` of each table cell for the cards of narrow screens (``cards``), an entry of
the search index per documented name (``search``: MkDocs' search index; a generator that
writes none, as Zensical, keeps its own search) and the compressed copies of the larger files
(``compress``, last: it reads everything else).
"""

from __future__ import annotations

from pathlib import Path

from statsref.docsgen.cards import label_cells
from statsref.docsgen.compress import precompress
from statsref.docsgen.playground import build_cache
from statsref.docsgen.reference import Reference
from statsref.docsgen.search import add_name_entries


def finish(site_dir: Path) -> None:
    """Label the table cells of every page under ``site_dir``, add the name entries to its
    search index and write the compressed copies."""
    for page in site_dir.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        labelled = label_cells(text)
        if labelled != text:
            page.write_text(labelled, encoding="utf-8")
    add_name_entries(site_dir, Reference())
    cache = build_cache()
    precompress(site_dir, cache)
    cache.prune()

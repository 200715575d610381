"""``statsref docs generate``: the site's sources, written before the site generator runs.

The site generator (MkDocs, or Zensical, which runs no MkDocs hooks) then only renders Markdown
and copies files. Under ``build/`` (never committed) this writes:

- ``build/docs/``, the folder ``mkdocs.yml`` names as ``docs_dir``: the hand-written pages of
  ``docs/`` with their ``<!-- statsref:... -->`` markers filled, the reference, example and
  error pages rendered from ``schema/`` and ``examples/``, the other files of ``docs/`` as they
  are, the files the playground fetches (schemas, typed definitions, ``assets/examples.json``,
  ``assets/editor.json``) and the playground itself (``assets/playground/``);
- ``build/nav.yml``, which ``mkdocs.yml`` inherits: ``docs/nav.yml`` with its Examples entry
  turned into a section of every example page.

``docs/overrides/`` (the theme's template overrides) and ``docs/nav.yml`` are read in place.
The site uses directory URLs (MkDocs' default), which the editor's links assume.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import yaml

from statsref import schema
from statsref.docsgen.build import DocsBuild
from statsref.docsgen.outputs import write_text
from statsref.docsgen.playground import build_playground
from statsref.docsgen.render import RenderError

DOCS = Path("docs")
SOURCE_NAV = DOCS / "nav.yml"
READ_IN_PLACE = (SOURCE_NAV, DOCS / "overrides")
GENERATED_DOCS = Path("build") / "docs"
GENERATED_NAV = Path("build") / "nav.yml"
DEFAULT_SITE_URL = "http://127.0.0.1:8000/"
"""Where ``statsref serve`` serves the site, ``mkdocs.yml``'s ``site_url`` without ``SITE_URL``."""


def generate(root: Path) -> Path:
    """Write ``build/docs/`` and ``build/nav.yml`` under the project ``root``; returns the docs
    folder. Raises ``ExampleError`` or ``RenderError`` naming the file at fault."""
    schema.reload()
    build = DocsBuild(root)
    out = root / GENERATED_DOCS
    if out.exists():
        shutil.rmtree(out)
    written = _copy_hand_written(root, out, build)
    for uri, markdown in build.pages.items():
        if uri in written:
            raise RenderError(f"docs/{uri}: a generated page has this path; rename the file")
        write_text(out / uri, markdown)
    build.write_outputs(out, site_url=os.environ.get("SITE_URL", DEFAULT_SITE_URL))
    build_playground(out, build.examples)
    nav = yaml.safe_load((root / SOURCE_NAV).read_text(encoding="utf-8"))["nav"]
    write_text(
        root / GENERATED_NAV, yaml.safe_dump({"nav": build.expand_nav(nav)}, sort_keys=False)
    )
    return out


def _copy_hand_written(root: Path, out: Path, build: DocsBuild) -> set[str]:
    """Copy ``docs/`` into ``out``, pages with their markers filled; returns the pages' paths
    (relative to ``docs/``)."""
    skipped = [root / path for path in READ_IN_PLACE]
    pages: set[str] = set()
    for path in sorted((root / DOCS).rglob("*")):
        if path.is_dir() or any(path.is_relative_to(s) for s in skipped):
            continue
        uri = path.relative_to(root / DOCS).as_posix()
        target = out / uri
        if path.suffix == ".md":
            markdown = path.read_text(encoding="utf-8")
            write_text(target, build.renderer.fill_markers(markdown, uri))
            pages.add(uri)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target)
    return pages

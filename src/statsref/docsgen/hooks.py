"""MkDocs hooks (``hooks:`` in mkdocs.yml): generate the reference and example pages at build time.

Nothing generated is committed: each build renders the pages from ``schema/`` and ``examples/``
(``on_files``), fills the markers of the hand-written pages (``on_page_markdown``), labels table
cells for the cards of narrow screens (``on_page_content``) and writes the schemas,
``assets/examples.json``, ``assets/editor.json``, the search entries of each documented name and
the playground's assets into the site, then compressed copies of its larger files
(``on_post_build``).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from statsref import schema
from statsref.docsgen.build import DocsBuild
from statsref.docsgen.cards import label_cells
from statsref.docsgen.compress import precompress
from statsref.docsgen.examples import ExampleError
from statsref.docsgen.playground import build_cache, build_playground
from statsref.docsgen.render import RenderError
from statsref.docsgen.search import add_name_entries

_build: DocsBuild | None = None


@contextmanager
def _reported() -> Iterator[None]:
    """Bad schema or example files stop the build with one line naming the file, no traceback."""
    try:
        yield
    except (ExampleError, RenderError) as exc:
        raise PluginError(f"statsref docs: {exc}") from exc


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _build
    schema.reload()
    with _reported():
        _build = DocsBuild(Path(config.config_file_path).parent)
    config.nav = _build.expand_nav(config.nav)
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    with _reported():
        pages = _current().pages
    for src_uri, markdown in pages.items():
        files.append(File.generated(config, src_uri, content=markdown))
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if page.file.generated_by is not None:
        return markdown
    with _reported():
        return _current().renderer.fill_markers(markdown, page.file.src_uri)


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return label_cells(html)


def on_post_build(config: MkDocsConfig) -> None:
    """Runs after the search plugin's (hooks come after plugins): its index gets our entries."""
    site_dir = Path(config.site_dir)
    build = _current()
    build.write_outputs(
        site_dir, directory_urls=config.use_directory_urls, site_url=config.site_url
    )
    add_name_entries(site_dir, build.renderer.ref, directory_urls=config.use_directory_urls)
    build_playground(site_dir, build.examples)
    cache = build_cache()
    precompress(site_dir, cache)
    cache.prune()


def _current() -> DocsBuild:
    if _build is None:
        raise RuntimeError("statsref docs hooks: on_config did not run")
    return _build

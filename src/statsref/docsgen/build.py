"""One docs build: the project's schemas and examples, rendered once for ``generate``."""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import Any

from statsref.docsgen.editor_data import editor_data
from statsref.docsgen.examples import load_examples
from statsref.docsgen.outputs import write_outputs
from statsref.docsgen.reference import Reference
from statsref.docsgen.render import EXAMPLES_INDEX, Renderer, example_page


class DocsBuild:
    """The generated content of the site whose ``mkdocs.yml`` is in ``root``."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.examples = load_examples(root / "examples")
        self.renderer = Renderer(Reference(), self.examples)

    @cached_property
    def pages(self) -> dict[str, str]:
        """Source path (under ``docs/``) to markdown, for every generated page."""
        return self.renderer.pages()

    def expand_nav(self, nav: list[Any] | None) -> list[Any] | None:
        """Replace the nav entry pointing at the examples index with a section of all pages.

        ``mkdocs.yml`` lists ``Examples: examples/index.md``; the example pages are known only
        at build time, so the section is completed here, in corpus order.
        """
        if nav is None:
            return None
        section = [EXAMPLES_INDEX] + [{e.title: example_page(e)} for e in self.renderer.examples]
        return [self._expand(item, section) for item in nav]

    def _expand(self, item: Any, section: list[Any]) -> Any:
        if isinstance(item, dict):
            return {
                title: section if value == EXAMPLES_INDEX else self._expand(value, section)
                for title, value in item.items()
            }
        if isinstance(item, list):
            return [self._expand(child, section) for child in item]
        return item

    def write_outputs(
        self, site_dir: Path, *, directory_urls: bool = True, site_url: str | None = None
    ) -> list[Path]:
        clock = self.examples[0].now if self.examples else None
        editor = editor_data(self.renderer.ref.links, clock, directory_urls=directory_urls)
        return write_outputs(site_dir, self.examples, editor, site_url)

"""The example corpus as the docs see it: one flat record per example, in corpus order.

Reading and validating the files is ``statsref.corpus.load``'s job (the same code the
``examples check`` command uses); this module only flattens each example for the templates
and for ``site/assets/examples.json``, with the query in words under the example's clock (the
page shows them without JavaScript, the playground until the reader edits the query).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from statsref.corpus.load import CorpusError, load_corpus
from statsref.engine import explain, validate_query

ExampleError = CorpusError
"""Raised with one line per unreadable file; the docs build prints it and stops."""


@dataclass(frozen=True)
class Example:
    slug: str
    title: str
    summary: str
    query: dict[str, Any]
    response: dict[str, Any]
    status: int
    now: str
    site: str
    order: int
    words: str
    pointer: str | None = None
    """Where a rejected query's error points (the playground marks it without the engine)."""
    hint: str | None = None
    """What to change in a rejected query, in our words (``QueryError.hint``)."""

    @property
    def valid(self) -> bool:
        return self.status == 200

    def as_json(self) -> dict[str, Any]:
        """The record of ``site/assets/examples.json`` (the playground's example picker)."""
        record = asdict(self)
        del record["order"]
        return record


def load_examples(root: Path) -> list[Example]:
    """Every example under ``root``, sorted by ``order`` then slug; none if there is no corpus.
    A rejected one carries its error's pointer and hint, as the engine gives them."""
    if not root.is_dir():
        return []
    examples = []
    for ex in load_corpus(root):
        error = validate_query(ex.query, now=ex.meta.now) if ex.meta.status != 200 else None
        examples.append(
            Example(
                slug=ex.slug,
                title=ex.meta.title,
                summary=ex.meta.summary.strip(),
                query=ex.query,
                response=ex.response,
                status=ex.meta.status,
                now=ex.meta.now.isoformat(),
                site=ex.meta.site,
                order=ex.meta.order,
                pointer=error.pointer if error else None,
                hint=error.hint if error else None,
                words=explain(ex.query, now=ex.meta.now).text,
            )
        )
    return examples

"""The example corpus as the docs see it: one record per ``examples/<slug>/`` folder, in order.

Validation is the corpus checker's job (``statsref examples check``); this loader only needs
the files to exist and parse, and says which file is wrong when one does not.
"""

from __future__ import annotations

import json
import tomllib
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

METADATA = "example.toml"


class ExampleError(ValueError):
    """A missing or unreadable example file; the message names the file."""


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

    @property
    def valid(self) -> bool:
        return self.status == 200

    def as_json(self) -> dict[str, Any]:
        """The record of ``site/assets/examples.json`` (the playground's example picker)."""
        record = asdict(self)
        del record["order"]
        return record


def load_examples(root: Path) -> list[Example]:
    """Every example under ``root``, sorted by ``order`` then slug."""
    if not root.is_dir():
        return []
    folders = [p for p in root.iterdir() if p.is_dir() and (p / METADATA).exists()]
    examples = [_load(folder) for folder in folders]
    return sorted(examples, key=lambda e: (e.order, e.slug))


def _load(folder: Path) -> Example:
    meta = _read(folder / METADATA, tomllib.loads)
    try:
        return Example(
            slug=folder.name,
            title=str(meta["title"]),
            summary=str(meta["summary"]).strip(),
            query=_read(folder / "query.json", json.loads),
            response=_read(folder / "response.json", json.loads),
            status=int(meta["status"]),
            now=_iso(meta["now"]),
            site=str(meta["site"]),
            order=int(meta["order"]),
        )
    except KeyError as missing:
        raise ExampleError(f"{folder / METADATA}: missing key {missing}") from None


def _iso(value: Any) -> str:
    """TOML may hold the clock as a string or as a native datetime; both become ISO 8601."""
    return value.isoformat() if isinstance(value, datetime) else str(value)


def _read(path: Path, parse: Any) -> Any:
    try:
        return parse(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ExampleError(f"{path}: file not found") from None
    except (json.JSONDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ExampleError(f"{path}: {exc}") from None

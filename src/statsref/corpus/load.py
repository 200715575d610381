"""Reading the example corpus: one folder per example, three files each.

Every problem with a file (missing, unreadable, invalid JSON or TOML, a wrong metadata field)
becomes a ``Problem``: one line naming the file, a JSON pointer and what is wrong. Nothing here
raises on bad input, so the commands can report every broken example in one run.
"""

from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from statsref.engine import SiteSet, demo_sites
from statsref.files import EXAMPLE_BYTES, FileError, MissingFile, read_file

QUERY_FILE = "query.json"
RESPONSE_FILE = "response.json"
META_FILE = "example.toml"
EXAMPLE_FILES = (QUERY_FILE, RESPONSE_FILE, META_FILE)
STATUSES = (200, 400, 402)


@dataclass(frozen=True)
class Problem:
    """One failure, printed as ``<file>: <JSON pointer>: <message>``."""

    file: str
    pointer: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.pointer}: {self.message}"


def pointer(*parts: object) -> str:
    """A JSON pointer in URI-fragment form (``#/results/0/metrics``), escaping ``~`` and ``/``."""
    escaped = (str(p).replace("~", "~0").replace("/", "~1") for p in parts)
    return "/".join(("#", *escaped))


@dataclass(frozen=True)
class Meta:
    """The contents of ``example.toml``."""

    title: str
    summary: str
    now: datetime
    site: str
    status: int
    order: int


@dataclass(frozen=True)
class Example:
    """One example. ``response`` is ``None`` when it was not loaded (``update`` rewrites it)."""

    slug: str
    folder: Path
    display: str
    meta: Meta
    query: Any
    response: Any

    def path(self, filename: str) -> str:
        """The path of one of the example's files, as the check prints it."""
        return f"{self.display}/{filename}"


def read_json(path: Path, display: str) -> tuple[Any, list[Problem]]:
    """The parsed file, or ``None`` and the problem that prevented it."""
    text, problems = _read(path, display)
    if text is None:
        return None, problems
    try:
        return json.loads(text), []
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno} column {exc.colno}"
        return None, [Problem(display, "#", f"invalid JSON at {where}: {exc.msg}")]
    except RecursionError:
        return None, [Problem(display, "#", "invalid JSON: nested too deeply")]


def _read_toml(path: Path, display: str) -> tuple[dict[str, Any] | None, list[Problem]]:
    text, problems = _read(path, display)
    if text is None:
        return None, problems
    try:
        return tomllib.loads(text), []
    except tomllib.TOMLDecodeError as exc:
        return None, [Problem(display, "#", f"invalid TOML: {exc}")]
    except RecursionError:
        return None, [Problem(display, "#", "invalid TOML: nested too deeply")]


def _read(path: Path, display: str) -> tuple[str | None, list[Problem]]:
    """The text of an example's file: a regular file of at most ``EXAMPLE_BYTES``."""
    try:
        return read_file(path, EXAMPLE_BYTES), []
    except MissingFile:
        return None, [Problem(display, "#", "file is missing")]
    except FileError as exc:
        return None, [Problem(display, "#", f"cannot read the file: {exc}")]


def parse_now(value: Any) -> datetime | str:
    """A timezone-aware datetime, or the reason ``value`` is not one."""
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            return f"expected an ISO 8601 datetime with offset, got {value!r}"
    if not isinstance(value, datetime):
        return f"expected an ISO 8601 datetime with offset, got {value!r}"
    if value.utcoffset() is None:
        return f"the datetime {value.isoformat()!r} needs an offset such as +00:00"
    return value


def _field_problem(name: str, value: Any, domains: list[str]) -> str | None:
    """Why a metadata field's value is wrong, or ``None`` (``domains``: the sites there are)."""
    if name in ("title", "summary"):
        return None if isinstance(value, str) and value.strip() else "expected non-empty text"
    if name == "site":
        if value in domains:
            return None
        return f"unknown site {value!r}; expected one of {', '.join(sorted(domains))}"
    if name == "status":
        if value in STATUSES and not isinstance(value, bool):
            return None
        return f"expected 200, 400 or 402, got {value!r}"
    if name == "order":
        return None if type(value) is int else f"expected an integer, got {value!r}"
    parsed = parse_now(value)
    return parsed if isinstance(parsed, str) else None


def parse_meta(
    data: dict[str, Any], display: str, sites: SiteSet | None = None
) -> tuple[Meta | None, list[Problem]]:
    """Validate the metadata table; unknown keys are reported so typos do not go unnoticed.
    ``sites``: the sites an example may name (the demo sites by default)."""
    domains = (sites or demo_sites()).domains
    problems = []
    for name in Meta.__dataclass_fields__:
        if name not in data:
            problems.append(Problem(display, pointer(name), "required key is missing"))
        elif (why := _field_problem(name, data[name], domains)) is not None:
            problems.append(Problem(display, pointer(name), why))
    for name in data.keys() - Meta.__dataclass_fields__.keys():
        problems.append(Problem(display, pointer(name), "unknown key"))
    if problems:
        return None, problems
    now = parse_now(data["now"])
    assert isinstance(now, datetime)
    fields = {name: data[name] for name in Meta.__dataclass_fields__}
    return Meta(**{**fields, "now": now}), []


def load_example(
    folder: Path, display: str, *, with_response: bool = True, sites: SiteSet | None = None
) -> tuple[Example | None, list[Problem]]:
    """Read one example folder; ``with_response=False`` skips ``response.json``."""
    raw_meta, problems = _read_toml(folder / META_FILE, f"{display}/{META_FILE}")
    meta = None
    if raw_meta is not None:
        meta, meta_problems = parse_meta(raw_meta, f"{display}/{META_FILE}", sites)
        problems += meta_problems
    query, query_problems = read_json(folder / QUERY_FILE, f"{display}/{QUERY_FILE}")
    problems += query_problems
    response = None
    if with_response:
        response, response_problems = read_json(
            folder / RESPONSE_FILE, f"{display}/{RESPONSE_FILE}"
        )
        problems += response_problems
    if problems or meta is None:
        return None, problems
    return Example(folder.name, folder, display, meta, query, response), []


class CorpusError(Exception):
    """The corpus cannot be read at all (no folder, no examples): one message, no traceback."""


def example_folders(root: Path) -> list[Path]:
    """The example folders under ``root``: every sub-folder holding at least one example file."""
    if not root.is_dir():
        raise CorpusError(f"{root}: corpus folder not found")
    folders = sorted(
        child
        for child in root.iterdir()
        if child.is_dir() and any((child / name).exists() for name in EXAMPLE_FILES)
    )
    if not folders:
        expected = ", ".join(EXAMPLE_FILES)
        raise CorpusError(f"{root}: no examples found (expected sub-folders holding {expected})")
    return folders


def order_problems(examples: list[Example]) -> list[Problem]:
    """Duplicate ``order`` values: the docs and the playground list examples in that order."""
    seen: dict[int, str] = {}
    problems = []
    for example in examples:
        other = seen.setdefault(example.meta.order, example.slug)
        if other != example.slug:
            message = f"order {example.meta.order} is already used by {other}"
            problems.append(Problem(example.path(META_FILE), pointer("order"), message))
    return problems


def load_examples(
    root: Path, *, with_response: bool = True, sites: SiteSet | None = None
) -> tuple[list[Example], dict[str, list[Problem]]]:
    """The examples under ``root`` that could be read, sorted by ``order`` then slug, and the
    reading problems of every folder keyed by slug (``order_problems`` is left to the caller).
    """
    examples, problems = [], {}
    for folder in example_folders(root):
        display = f"{root.as_posix()}/{folder.name}"
        example, found = load_example(folder, display, with_response=with_response, sites=sites)
        problems[folder.name] = found
        if example is not None:
            examples.append(example)
    examples.sort(key=lambda ex: (ex.meta.order, ex.slug))
    return examples, problems


def load_corpus(root: Path) -> list[Example]:
    """Every example under ``root`` sorted by ``order`` then slug, for readers of the corpus
    (the docs build, the playground bundle).

    Raises ``CorpusError`` with every problem, one per line, if any example cannot be read:
    ``statsref examples check`` reports the same problems in detail.
    """
    examples, by_folder = load_examples(root)
    problems = [problem for found in by_folder.values() for problem in found]
    problems += order_problems(examples)
    if problems:
        raise CorpusError("\n".join(str(problem) for problem in problems))
    return examples

"""The files ``statsref validate`` is given: found, read, recognised and paired.

Paths may be files, folders (searched for ``*.json`` below them, leaving out hidden folders and
``node_modules``) and globs (``**`` included), expanded here so they work quoted in CI too.
A file is a query or a response by its content, whatever its name; files are then paired by
name: ``<stem>-query.json`` with ``<stem>-response.json``, and ``query.json`` with
``response.json``, each pair in one folder. A file given without its partner (pre-commit passes
only the files a commit changes) brings the partner along when it lies beside it. Every other
query or response is checked alone.
A JSON file that is neither is skipped when a folder or a glob found it, and is a problem when
it was named.
"""

from __future__ import annotations

import glob
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from statsref import schema

from .positions import Located, read_located

QUERY = "query"
RESPONSE = "response"
SKIPPED_FOLDERS = {"node_modules"}


@dataclass(frozen=True)
class Unusable:
    """Input that cannot be checked at all: no such path, an unreadable file, not JSON."""

    file: str
    message: str
    line: int | None = None
    column: int | None = None


@dataclass(frozen=True)
class Found:
    """A path to read: ``shown`` is how reports name it, ``named`` whether it was given as is
    (rather than found in a folder or by a glob)."""

    path: Path
    shown: str
    named: bool


@dataclass(frozen=True)
class JsonFile:
    """A file read: its document with positions, and what it holds (``QUERY``, ``RESPONSE`` or
    ``None`` for neither)."""

    found: Found
    document: Located
    kind: str | None

    @property
    def shown(self) -> str:
        return self.found.shown

    @property
    def value(self) -> Any:
        return self.document.value


@dataclass(frozen=True)
class Pair:
    query: JsonFile
    response: JsonFile


def _walk(folder: Path) -> list[Path]:
    """Every ``*.json`` file below ``folder``, hidden folders and ``node_modules`` left out."""
    files = []
    for root, folders, names in os.walk(folder):
        folders[:] = sorted(
            f for f in folders if not f.startswith(".") and f not in SKIPPED_FOLDERS
        )
        files += [Path(root, name) for name in sorted(names) if name.endswith(".json")]
    return files


def _is_glob(argument: str) -> bool:
    return any(char in argument for char in "*?[")


def find(arguments: list[str]) -> tuple[list[Found], list[Unusable]]:
    """The files the arguments name, each once, and the arguments that name nothing."""
    found: dict[Path, Found] = {}
    unusable = []
    for argument in arguments:
        if _is_glob(argument):
            matches = [Path(match) for match in sorted(glob.glob(argument, recursive=True))]
            if not matches:
                unusable.append(Unusable(argument, "no file or folder matches this pattern"))
        else:
            matches = [Path(argument)]
            if not matches[0].exists():
                unusable.append(Unusable(argument, "no such file or folder"))
                continue
        for match in matches:
            named = not _is_glob(argument) and not match.is_dir()
            for path in _walk(match) if match.is_dir() else [match]:
                found.setdefault(path.resolve(), Found(path, path.as_posix(), named))
    for path in [f.path for f in found.values()]:
        partner = path.with_name(partner_name(path.name) or path.name)
        if partner.is_file():
            found.setdefault(partner.resolve(), Found(partner, partner.as_posix(), False))
    return sorted(found.values(), key=lambda f: f.shown), unusable


def read(found: Found) -> JsonFile | Unusable:
    """The file read and recognised, or why it cannot be."""
    try:
        text = found.path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return Unusable(found.shown, f"cannot read the file: {exc}")
    try:
        document = read_located(text)
    except json.JSONDecodeError as exc:
        return Unusable(found.shown, f"not JSON: {exc.msg}", exc.lineno, exc.colno)
    except RecursionError:
        return Unusable(found.shown, "not readable: the JSON nests too deep")
    return JsonFile(found, document, kind_of(document.value))


def _keys(node: dict[str, Any]) -> set[str]:
    return set(node.get("properties", {}))


def kind_of(value: Any) -> str | None:
    """``QUERY`` or ``RESPONSE`` by which schema's top-level keys the object has more of
    (``$schema``, an editor's pointer to the schema, counts for a query), else ``None``."""
    if not isinstance(value, dict):
        return None
    definitions = schema.response_schema()["$defs"]
    response_keys = _keys(definitions["success"]) | _keys(definitions["error"])
    query_keys = _keys(schema.query_file_schema())
    as_query, as_response = len(value.keys() & query_keys), len(value.keys() & response_keys)
    if as_query == as_response:
        return None
    return QUERY if as_query > as_response else RESPONSE


def partner_name(name: str) -> str | None:
    """The name of the file that a query or response file called ``name`` pairs with."""
    if name in ("query.json", "response.json"):
        return "response.json" if name == "query.json" else "query.json"
    for mine, theirs in (("-query.json", "-response.json"), ("-response.json", "-query.json")):
        if name.endswith(mine) and len(name) > len(mine):
            return name.removesuffix(mine) + theirs
    return None


def named_kind(name: str) -> str | None:
    """What a file's name says it holds (``QUERY``, ``RESPONSE`` or ``None``)."""
    partner = partner_name(name)
    if partner is None:
        return None
    return QUERY if partner.endswith("response.json") else RESPONSE


def pair(files: list[JsonFile]) -> tuple[list[Pair], list[JsonFile]]:
    """Pairs by name (each side holding what its name says), and every other file."""
    by_path = {file.found.path: file for file in files}
    pairs = []
    for file in files:
        name = file.found.path.name
        if not file.kind == named_kind(name) == QUERY:
            continue
        partner = by_path.get(file.found.path.with_name(partner_name(name) or name))
        if partner is not None and partner.kind == RESPONSE:
            pairs.append(Pair(file, partner))
    paired = {id(side) for p in pairs for side in (p.query, p.response)}
    return pairs, [file for file in files if id(file) not in paired]

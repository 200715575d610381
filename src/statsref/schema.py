"""Access to the query and response JSON Schemas: loading, validation and the vocabulary.

The schemas in ``schema/`` are the single source of the API's vocabulary. Other modules read
names, descriptions and annotations through the accessors here (``metrics()``,
``dimensions()``...) instead of keeping their own lists.

The files are found in the package (``statsref/schema_files/``, where the wheel puts them) or,
in a source checkout, in the repository's ``schema/`` folder.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urldefrag, urljoin

from jsonschema import Draft202012Validator
from referencing import Registry, Resource

QUERY_SCHEMA_ID = "https://statsref.example/schema/query.schema.json"
RESPONSE_SCHEMA_ID = "https://statsref.example/schema/response.schema.json"
QUERY_SCHEMA_FILE = "query.schema.json"
RESPONSE_SCHEMA_FILE = "response.schema.json"
QUERY_FILE_SCHEMA_FILE = "query-file.schema.json"
SITES_SCHEMA_FILE = "sites.schema.json"
SCHEMA_KEY = "$schema"
SINCE = "x-since"
"""The annotation of a response field the API added later (``"2024-09"``): responses of an
older instance may lack it or give it in an older form."""

_PACKAGED = Path(__file__).parent / "schema_files"
_CHECKOUT = Path(__file__).resolve().parents[2] / "schema"


def schema_dir() -> Path:
    """The folder holding both schema files: packaged copy first, then the source checkout."""
    for folder in (_PACKAGED, _CHECKOUT):
        if (folder / QUERY_SCHEMA_FILE).is_file():
            return folder
    raise FileNotFoundError(
        f"schema files not found in {_PACKAGED} or {_CHECKOUT}; reinstall statsref"
    )


@cache
def _load(filename: str) -> dict[str, Any]:
    return json.loads((schema_dir() / filename).read_text(encoding="utf-8"))


def query_schema() -> dict[str, Any]:
    """The parsed ``query.schema.json`` (shared, do not mutate)."""
    return _load(QUERY_SCHEMA_FILE)


def response_schema() -> dict[str, Any]:
    """The parsed ``response.schema.json`` (shared, do not mutate)."""
    return _load(RESPONSE_SCHEMA_FILE)


def sites_schema() -> dict[str, Any]:
    """The parsed ``sites.schema.json``: the sites file's keys (shared, do not mutate)."""
    return _load(SITES_SCHEMA_FILE)


def query_file_schema() -> dict[str, Any]:
    """The query schema for query files kept in an editor, where ``"$schema"`` names it.

    Editors validate that key like any other, and the query schema rejects unknown keys, as
    the API does; this copy allows it. Strip it before sending (``statsref query`` does).
    """
    base = query_schema()
    described = {"type": "string", "description": "The schema of this file; not sent to the API."}
    return {
        **base,
        "$id": base["$id"].replace(QUERY_SCHEMA_FILE, QUERY_FILE_SCHEMA_FILE),
        "properties": {SCHEMA_KEY: described, **base["properties"]},
    }


@cache
def registry() -> Registry:
    """Both schemas under their ``$id``, so each can ``$ref`` the other."""
    return Registry().with_resources(
        (schema["$id"], Resource.from_contents(schema))
        for schema in (query_schema(), response_schema())
    )


def validator(schema: dict[str, Any]) -> Draft202012Validator:
    """A validator for ``schema`` (or any part of it) that resolves references to both files."""
    return Draft202012Validator(
        schema, registry=registry(), format_checker=Draft202012Validator.FORMAT_CHECKER
    )


def reload() -> None:
    """Forget the loaded schemas, so the next access reads the files again.

    A process that generates the docs more than once (a test) reads edited schemas again.
    """
    for cached in (
        _load,
        registry,
        query_validator,
        query_file_validator,
        response_validator,
        older_response_validator,
    ):
        cached.cache_clear()


@cache
def query_validator() -> Draft202012Validator:
    return validator(query_schema())


@cache
def query_file_validator() -> Draft202012Validator:
    """The query schema as query files kept in an editor meet it (``query_file_schema``)."""
    return validator(query_file_schema())


@cache
def response_validator() -> Draft202012Validator:
    return validator(response_schema())


@cache
def older_response_validator() -> Draft202012Validator:
    """The response schema as responses of an older API version meet it: every field marked
    ``x-since`` is optional and unconstrained, whatever else the schema asks still holds."""
    documents: dict[str, dict[str, Any]] = {}
    older = _older(response_schema(), RESPONSE_SCHEMA_ID, documents)
    resources = [(uri, Resource.from_contents(document)) for uri, document in documents.items()]
    return Draft202012Validator(
        {**older, "$id": _older_id(RESPONSE_SCHEMA_ID)},
        registry=registry().with_resources(resources),
        format_checker=Draft202012Validator.FORMAT_CHECKER,
    )


def _older_id(uri: str) -> str:
    return uri.replace(".schema.json", ".older.schema.json")


def _older(node: Any, base: str, documents: dict[str, dict[str, Any]]) -> Any:
    """``node`` with its ``x-since`` fields relaxed. When such a field is required by the schema
    a ``$ref`` points at, the reference goes to a copy of that document (added to
    ``documents``) where it is not."""
    if isinstance(node, list):
        return [_older(item, base, documents) for item in node]
    if not isinstance(node, dict):
        return node
    copy = {key: _older(value, base, documents) for key, value in node.items()}
    later = {key for key, sub in node.get("properties", {}).items() if SINCE in sub}
    if not later:
        return copy
    for key in later:
        copy["properties"][key] = {SINCE: node["properties"][key][SINCE]}
    copy["required"] = [key for key in node.get("required", []) if key not in later]
    if "$ref" in node:
        copy["$ref"] = _older_target(urljoin(base, node["$ref"]), later, documents)
    return copy


def _older_target(uri: str, later: set[str], documents: dict[str, dict[str, Any]]) -> str:
    document_uri, fragment = urldefrag(uri)
    document = json.loads(json.dumps(registry().contents(document_uri)))
    target = document
    for part in filter(None, fragment.split("/")):
        target = target[part]
    target["required"] = [key for key in target.get("required", []) if key not in later]
    document["$id"] = _older_id(document_uri)
    documents[document["$id"]] = document
    return document["$id"] + (f"#{fragment}" if fragment else "")


@dataclass(frozen=True)
class Entry:
    """One documented value of the vocabulary.

    ``name`` is the literal value (``"visitors"``) or, for a pattern entry, its title
    (``"event:props:<name>"``) with ``pattern`` set. ``annotations`` holds the ``x-*`` keys
    as written in the schema, e.g. ``annotations["x-value-type"]``.
    """

    name: str
    title: str
    description: str
    annotations: dict[str, Any] = field(default_factory=dict)
    pattern: str | None = None
    default: Any = None

    def get(self, key: str, default: Any = None) -> Any:
        """An annotation by its schema key, ``"x-scope"`` for example."""
        return self.annotations.get(key, default)


def _entry(name: str, node: dict[str, Any]) -> Entry:
    return Entry(
        name=name,
        title=node.get("title", name),
        description=node.get("description", ""),
        annotations={k: v for k, v in node.items() if k.startswith("x-")},
        pattern=node.get("pattern"),
        default=node.get("default"),
    )


def _choices(node: dict[str, Any]) -> list[Entry]:
    """The const and pattern entries of a ``oneOf`` / ``anyOf`` vocabulary node."""
    options = node.get("oneOf") or node.get("anyOf") or []
    return [_entry(str(o["const"]) if "const" in o else o["title"], o) for o in options]


def _properties(node: dict[str, Any]) -> list[Entry]:
    return [_entry(name, sub) for name, sub in node.get("properties", {}).items()]


def query_def(name: str) -> dict[str, Any]:
    """A definition of the query schema, ``query_def("metric")`` for example."""
    return query_schema()["$defs"][name]


def metrics() -> list[Entry]:
    """Every metric, in documentation order."""
    return _choices(query_def("metric"))


def dimensions() -> list[Entry]:
    """Every dimension (``event:props:<name>`` is a pattern entry), in documentation order."""
    return _choices(query_def("dimension"))


def filter_operators() -> list[Entry]:
    """The operators of simple filters (``is``, ``contains``, ``matches``...)."""
    return _choices(query_def("filter_operator"))


def logical_operators() -> list[Entry]:
    return _choices(query_def("logical_operator"))


def behavioral_operators() -> list[Entry]:
    return _choices(query_def("behavioral_operator"))


def operators() -> list[Entry]:
    """Every filter operator: simple, then logical, then behavioral."""
    return filter_operators() + logical_operators() + behavioral_operators()


def date_range_shorthands() -> list[Entry]:
    """The relative periods (named ones, then the ``Nd`` and ``Nmo`` pattern entries)."""
    return _choices(query_def("date_range_shorthand"))


def order_directions() -> list[Entry]:
    return _choices(query_def("order_direction"))


def include_options() -> list[Entry]:
    """The keys of ``include``, each with ``x-adds-meta``."""
    return _properties(query_def("include"))


def pagination_options() -> list[Entry]:
    return _properties(query_def("pagination"))


def top_level_keys() -> list[Entry]:
    """The query's top-level keys; a ``$ref`` key takes its title and description from the def."""
    entries = []
    for name, node in query_schema()["properties"].items():
        ref = node.get("$ref", "")
        target = query_def(ref.rsplit("/", 1)[-1]) if ref.startswith("#/$defs/") else node
        entries.append(_entry(name, {**target, **node}))
    return entries


def required_keys() -> list[str]:
    return list(query_schema()["required"])


def meta_fields() -> list[Entry]:
    """The fields ``meta`` may hold in a success response."""
    return _properties(response_schema()["$defs"]["meta"])

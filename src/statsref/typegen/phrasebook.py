"""The engine's phrasebook: the ``x-words`` and ``x-missing`` annotations of the query schema,
written as a Python module (``statsref/engine/language/phrasebook.py``).

The engine reads a query back in English (``statsref.engine.language.words``) in CPython and in
the browser, where only the engine's own package is loaded: it cannot open the schema, so the
words travel with it in a module generated from the schema. ``python -m
statsref.typegen.phrasebook`` rewrites it; a test fails when the file and the schema disagree.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

from statsref import schema

TARGET = Path(__file__).resolve().parents[1] / "engine" / "language" / "phrasebook.py"
WORDS, MISSING = "x-words", "x-missing"
_PATTERN_SUFFIX = re.compile(r"\^\[0-9\]\+([a-z]+)\$")

HEADER = '''"""The words of the query language, for reading a query in English (``words``).

Generated from the ``x-words`` and ``x-missing`` annotations of ``schema/query.schema.json`` by
``python -m statsref.typegen.phrasebook``; do not edit, regenerate (a test compares the two).
Placeholders: ``{name}`` is a custom property's name, ``{n}`` the N of ``Nd`` and ``Nmo``.
"""

from __future__ import annotations
'''


def _words(entries: list[schema.Entry]) -> dict[str, Any]:
    return {entry.name: entry.get(WORDS) for entry in entries if entry.pattern is None}


def tables() -> dict[str, tuple[str, Any]]:
    """Each constant of the module: its type and its value, read from the schema."""
    shorthands = schema.date_range_shorthands()
    props = next(entry for entry in schema.dimensions() if entry.pattern)
    modifiers = schema.query_def("filter_modifiers")["properties"]
    keys = {entry.name: entry for entry in schema.top_level_keys()}
    return {
        "METRICS": ("dict[str, str]", _words(schema.metrics())),
        "DIMENSIONS": ("dict[str, str]", _words(schema.dimensions())),
        "CUSTOM_PROPERTY": ("str", props.get(WORDS)),
        "OPERATORS": ("dict[str, str]", _words(schema.operators())),
        "SEGMENT": ("str", schema.query_def("segment_filter")[WORDS]),
        "IGNORING_CASE": ("str", modifiers["case_sensitive"][WORDS]),
        "SHORTHANDS": ("dict[str, str]", _words(shorthands)),
        "COUNTED_SHORTHANDS": (
            "dict[str, dict[str, str]]",
            {_suffix(entry.pattern): entry.get(WORDS) for entry in shorthands if entry.pattern},
        ),
        "DIRECTIONS": ("dict[str, str]", _words(schema.order_directions())),
        "INCLUDE": ("dict[str, str]", _words(schema.include_options())),
        "MISSING": ("dict[str, str]", {k: keys[k].get(MISSING) for k in schema.required_keys()}),
    }


def _suffix(pattern: str | None) -> str:
    """``d`` for ``^[0-9]+d$``: the unit of a counted shorthand."""
    match = _PATTERN_SUFFIX.fullmatch(pattern or "")
    if match is None:
        raise ValueError(f"a shorthand pattern the phrasebook cannot read: {pattern}")
    return match.group(1)


def render() -> str:
    """The module's text, formatted as ``ruff format`` leaves it."""
    blocks = [HEADER]
    for name, (annotation, value) in tables().items():
        blocks.append(f"{name}: {annotation} = {_literal(value, 0)}\n")
    return "\n".join(blocks)


def _literal(value: Any, depth: int) -> str:
    if isinstance(value, str):
        # ruff keeps double quotes unless that needs more escapes than single ones
        return repr(value) if '"' in value and "'" not in value else json.dumps(value)
    if not isinstance(value, dict) or not value:
        raise ValueError(f"every {WORDS} annotation is a string or an object: {value!r}")
    inner = "    " * (depth + 1)
    lines = [f"{inner}{_literal(k, depth)}: {_literal(v, depth + 1)}," for k, v in value.items()]
    return "{\n" + "\n".join(lines) + "\n" + "    " * depth + "}"


def main() -> int:
    TARGET.write_text(render(), encoding="utf-8")
    print(f"wrote {TARGET}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

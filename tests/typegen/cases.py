"""What the generated types are checked on: every example's query and response, and a few
invalid queries of the kinds types can catch, with the checkers that must reject each."""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

from statsref.typegen import FILES, definitions, model
from statsref.typegen.model import Array, Lit, Object, Prim, Ref, Template, Tuple, Type, TypeModel

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
BASE = {"site_id": "dummy.site", "metrics": ["visitors"], "date_range": "7d"}

REJECTED = {
    # invalid examples of the corpus that types can express
    "invalid-missing-keys": {"ts", "python"},
    "invalid-unknown-key": {"ts", "python"},
    "invalid-unknown-metric": {"ts", "python"},
    "invalid-wrong-type": {"ts", "python"},
    "invalid-time-dimension-filter": {"ts"},  # Python: a dimension may be any str (custom props)
    # and a few more
    "bad-operator": {"ts", "python"},
    "bad-order-direction": {"ts", "python"},
    "bad-segment-id": {"ts"},  # Python: "segment" is a str, so this passes as a simple filter
    # a pattern's shape: TypeScript's template literal types check it, Python's str cannot
    "spelled-out-date-range": {"ts"},
    "misspelt-dimension": {"ts"},
    "misspelt-property-prefix": {"ts"},
}
EXTRA = {
    "bad-operator": {**BASE, "filters": [["equals", "visit:country", ["DE"]]]},
    "bad-order-direction": {**BASE, "order_by": [["visitors", "descending"]]},
    "bad-segment-id": {**BASE, "filters": [["is", "segment", ["101"]]]},
    "spelled-out-date-range": {**BASE, "date_range": "30 days"},
    "misspelt-dimension": {**BASE, "dimensions": ["event:pgae"]},
    "misspelt-property-prefix": {**BASE, "dimensions": ["event:prop:author"]},
}


def cases() -> dict[str, tuple[Any, Any]]:
    """``name: (query, response)``; the extra invalid queries have no response."""
    found = {
        folder.name: tuple(
            json.loads((folder / name).read_text(encoding="utf-8"))
            for name in ("query.json", "response.json")
        )
        for folder in sorted(EXAMPLES.iterdir())
        if (folder / "query.json").is_file()
    }
    return {**found, **{name: (query, None) for name, query in EXTRA.items()}}


def identifier(name: str) -> str:
    return "case_" + name.replace("-", "_")


def type_check(
    folder: Path, lang: str, source: Callable[[Any, Any], str], command: list[str]
) -> tuple[set[str], set[str], str]:
    """Write the definitions and one file per case into ``folder`` (``case_<name>`` plus the
    extension of ``lang``), run ``command`` there with the files' names appended, and return
    the cases the checker rejected, the cases it should reject, and what it printed."""
    extension = {"ts": ".ts", "python": ".py"}[lang]
    (folder / FILES[lang]).write_text(definitions(lang), encoding="utf-8")
    names = {identifier(name): name for name in cases()}
    for name, (query, response) in cases().items():
        (folder / f"{identifier(name)}{extension}").write_text(
            source(query, response), encoding="utf-8"
        )
    files = sorted(f"{file}{extension}" for file in names)
    done = subprocess.run(
        [*command, *files], cwd=folder, capture_output=True, text=True, timeout=300, check=False
    )
    pattern = re.compile(rf"^(case_\w+){re.escape(extension)}[(:]\d+", re.MULTILINE)
    rejected = {names[file] for file in pattern.findall(done.stdout)}
    return rejected, {name for name, langs in REJECTED.items() if lang in langs}, done.stdout


def python_assignment(name: str, value: Any, type_name: str) -> str:
    """``name: type_name = value`` as Python source, positional arrays as tuples.

    mypy infers a tuple literal against a union of tuple types poorly, so every value whose
    type is a union of named tuple types (a filter, anywhere) is first given a variable
    annotated with the one it is, as typed code would (``f: SimpleFilter = (...)``).
    """
    lines: list[str] = []
    text = _literal(lines, value, Ref(type_name), model(), name)
    return "\n".join([*lines, f"{name}: {type_name} = {text}"]) + "\n"


def _literal(lines: list[str], value: Any, type_: Type, types: TypeModel, prefix: str) -> str:
    member = _member(value, types.resolve(type_), types)
    shape = types.resolve(member)
    if isinstance(member, Ref) and isinstance(shape, Tuple) and member != type_:
        text = _literal(lines, value, member, types, prefix)
        lines.append(f"{prefix}_{len(lines)}: {member.name} = {text}")
        return f"{prefix}_{len(lines) - 1}"
    if isinstance(shape, Tuple) and isinstance(value, list):
        items = [
            _literal(lines, v, t, types, prefix) for v, t in zip(value, shape.items, strict=False)
        ]
        return "(" + ", ".join(items) + ("," if len(items) == 1 else "") + ")"
    if isinstance(value, list):
        item = getattr(shape, "item", Prim("unknown"))
        return "[" + ", ".join(_literal(lines, v, item, types, prefix) for v in value) + "]"
    if isinstance(value, dict):
        fields = {f.name: f.type for f in shape.fields} if isinstance(shape, Object) else {}
        values = getattr(shape, "values", None) or Prim("unknown")
        pairs = (
            f"{k!r}: {_literal(lines, v, fields.get(k, values), types, prefix)}"
            for k, v in value.items()
        )
        return "{" + ", ".join(pairs) + "}"
    return repr(value)


def _member(value: Any, type_: Type, types: TypeModel) -> Type:
    """The member of a union ``value`` fits, as the union names it (the type itself when it is
    not a union)."""
    members = getattr(type_, "members", (type_,))
    return next((m for m in members if _fits(value, types.resolve(m), types)), members[0])


_PYTHON_TYPES = {
    "string": str,
    "integer": int,
    "number": int | float,
    "boolean": bool,
    "null": type(None),
    "unknown": object,
}


def _fits(value: Any, type_: Type, types: TypeModel) -> bool:
    if isinstance(type_, Lit):
        return value == type_.value
    if isinstance(type_, Prim):
        exact = not isinstance(value, bool) or type_.name in ("boolean", "unknown")
        return exact and isinstance(value, _PYTHON_TYPES[type_.name])
    if isinstance(type_, Template):
        return isinstance(value, str) and value.startswith(type_.prefix)
    if isinstance(type_, Tuple):
        return (
            isinstance(value, list)
            and type_.required <= len(value) <= len(type_.items)
            and all(
                _fits(v, types.resolve(t), types) for v, t in zip(value, type_.items, strict=False)
            )
        )
    if isinstance(type_, Object):
        return isinstance(value, dict)
    if isinstance(type_, Array):
        return isinstance(value, list) and all(
            _fits(v, types.resolve(type_.item), types) for v in value
        )
    return _any_fits(value, type_, types)


def _any_fits(value: Any, type_: Type, types: TypeModel) -> bool:
    return any(_fits(value, types.resolve(m), types) for m in getattr(type_, "members", ()))

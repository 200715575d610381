"""A Python module of the model: ``TypedDict`` classes and ``Literal`` aliases.

Arrays with fixed positions (filters, sort keys, date pairs) are tuples, so a type checker can
check an operator or a direction; ``json.dumps`` writes them as JSON arrays. Strings the schema
constrains by a pattern (``event:props:<name>``, ``14d``) are plain ``str``: Python has no type
for a string of a given shape. Every alias that names another type is a string, so definitions
may refer to each other in any order.

An object the schema closes (``additionalProperties: false``, every one of them) is a ``@final``
``TypedDict``: no other keys can hide in a subclass, so ``if "error" in body`` narrows a
``QueryResponse`` to ``ErrorResponse`` (mypy narrows with ``in`` only between final
TypedDicts).
"""

from __future__ import annotations

import json

from .model import Array, Field, Lit, Named, Object, Prim, Ref, Template, Tuple, Type, Union

_PRIMITIVES = {
    "string": "str",
    "number": "float",
    "integer": "int",
    "boolean": "bool",
    "null": "None",
    "unknown": "object",
}
IMPORTS = "from typing import Literal, NotRequired, TypeAlias, TypedDict, final"


def python(named: list[Named], header: str) -> str:
    """The whole module."""
    docstring = '"""' + header.replace('"""', "'''").strip() + '\n"""'
    blocks = [docstring, "from __future__ import annotations\n\n" + IMPORTS]
    blocks += [_declaration(item) for item in named]
    return "\n\n\n".join(blocks) + "\n"


def _declaration(item: Named) -> str:
    comment = _comment(item.doc, "")
    if isinstance(item.type, Object) and item.type.fields:
        final = "@final\n" if item.type.closed else ""
        return comment + f"{final}class {item.name}(TypedDict):\n" + _fields(item.type.fields)
    return comment + f"{item.name}: TypeAlias = {_alias(item.type)}"


def _alias(type_: Type) -> str:
    literals = [m for m in _members(type_) if isinstance(m, Lit)]
    rest = [m for m in _members(type_) if not isinstance(m, Lit)]
    if literals:
        lines = [f"    {json.dumps(m.value)},{'  # ' + m.doc if m.doc else ''}" for m in literals]
        text = "Literal[\n" + "\n".join(lines) + "\n]"
        return " | ".join(dict.fromkeys([text, *(_type(m) for m in rest)]))
    text = _type(type_)
    return repr(text) if _names_types(type_) else text


def _fields(fields: tuple[Field, ...]) -> str:
    lines = []
    for item in fields:
        lines.append(_comment(item.doc, "    ").rstrip("\n"))
        annotation = _type(item.type)
        annotation = annotation if item.required else f"NotRequired[{annotation}]"
        lines.append(f"    {item.name}: {annotation}")
    return "\n".join(line for line in lines if line)


def _type(type_: Type) -> str:
    if isinstance(type_, Lit):
        return f"Literal[{json.dumps(type_.value)}]"
    if isinstance(type_, Prim):
        return _PRIMITIVES[type_.name]
    if isinstance(type_, Template):
        return "str"
    if isinstance(type_, Ref):
        return type_.name
    if isinstance(type_, Union):
        values = [json.dumps(m.value) for m in type_.members if isinstance(m, Lit)]
        literal = [f"Literal[{', '.join(values)}]"] if values else []
        others = (_type(m) for m in type_.members if not isinstance(m, Lit))
        return " | ".join(dict.fromkeys([*literal, *others]))
    if isinstance(type_, Array):
        return f"list[{_type(type_.item)}]"
    if isinstance(type_, Tuple):
        shapes = [type_.items[:count] for count in range(type_.required, len(type_.items) + 1)]
        return " | ".join(f"tuple[{', '.join(_type(i) for i in shape)}]" for shape in shapes)
    keys = _type(type_.keys) if type_.keys else "str"
    return f"dict[{keys}, {_type(type_.values) if type_.values else 'object'}]"


def _members(type_: Type) -> tuple[Type, ...]:
    return type_.members if isinstance(type_, Union) else (type_,)


def _names_types(type_: Type) -> bool:
    """Whether ``type_`` refers to a named type (its alias must then be a string)."""
    if isinstance(type_, Ref):
        return True
    if isinstance(type_, Union | Tuple):
        children = type_.members if isinstance(type_, Union) else type_.items
        return any(_names_types(child) for child in children)
    if isinstance(type_, Array):
        return _names_types(type_.item)
    if isinstance(type_, Object):
        return any(_names_types(t) for t in (type_.keys, type_.values) if t is not None)
    return False


def _comment(text: str, indent: str) -> str:
    lines = " ".join(text.split())
    if not lines:
        return ""
    wrapped, line = [], ""
    for word in lines.split(" "):
        if line and len(indent) + len(line) + len(word) + 3 > 96:
            wrapped.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    wrapped.append(line)
    return "".join(f"{indent}# {text}\n" for text in wrapped)

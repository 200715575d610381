"""TypeScript definitions of the model: a type alias or an interface per named type.

Literal unions list one name a line with the first sentence of its description, so an editor
shows what each name means where it is completed.
"""

from __future__ import annotations

import json

from .model import Array, Field, Lit, Named, Object, Prim, Ref, Template, Tuple, Type, Union

_PRIMITIVES = {"integer": "number", "null": "null", "unknown": "unknown"}


def typescript(named: list[Named], header: str) -> str:
    """The whole ``.d.ts`` file."""
    blocks = [_comment(header, "")] + [_declaration(item) for item in named]
    return "\n\n".join(blocks) + "\n"


def _declaration(item: Named) -> str:
    doc = _comment(item.doc, "") + "\n" if item.doc else ""
    if isinstance(item.type, Object) and item.type.fields:
        return f"{doc}export interface {item.name} {_fields(item.type.fields, '')}"
    return f"{doc}export type {item.name} ={_alias(item.type)};"


def _alias(type_: Type) -> str:
    """A union of literals one member a line (with its doc); anything else on one line."""
    if isinstance(type_, Union) and any(isinstance(m, Lit) for m in type_.members):
        lines = []
        for member in type_.members:
            if isinstance(member, Lit) and member.doc:
                lines.append(f"\n  // {member.doc}")
            lines.append(f"\n  | {_type(member)}")
        return "".join(lines)
    return f" {_type(type_)}"


def _fields(fields: tuple[Field, ...], indent: str) -> str:
    lines = ["{"]
    for item in fields:
        if item.doc:
            lines.append(_comment(item.doc, indent + "  "))
        optional = "" if item.required else "?"
        lines.append(f"{indent}  {item.name}{optional}: {_type(item.type, indent + '  ')};")
    lines.append(indent + "}")
    return "\n".join(lines)


def _type(type_: Type, indent: str = "") -> str:
    if isinstance(type_, Lit):
        return json.dumps(type_.value)
    if isinstance(type_, Prim):
        return _PRIMITIVES.get(type_.name, type_.name)
    if isinstance(type_, Template):
        return f"`{type_.prefix}${{{type_.kind}}}{type_.suffix}`"
    if isinstance(type_, Ref):
        return type_.name
    if isinstance(type_, Union):
        return " | ".join(_type(member, indent) for member in type_.members)
    if isinstance(type_, Array):
        item = _type(type_.item, indent)
        return f"({item})[]" if isinstance(type_.item, Union) else f"{item}[]"
    if isinstance(type_, Tuple):
        items = [
            _type(item, indent) + ("" if index < type_.required else "?")
            for index, item in enumerate(type_.items)
        ]
        return f"[{', '.join(items)}]"
    return _object(type_, indent)


def _object(type_: Object, indent: str) -> str:
    if type_.fields:
        return _fields(type_.fields, indent)
    values = _type(type_.values, indent) if type_.values else "unknown"
    if type_.keys:
        return f"Partial<Record<{_type(type_.keys, indent)}, {values}>>"
    return f"Record<string, {values}>"


def _comment(text: str, indent: str) -> str:
    lines = text.replace("*/", "*\\/").strip().splitlines() or [""]
    if len(lines) == 1:
        return f"{indent}/** {lines[0]} */"
    body = "\n".join(f"{indent} *{' ' + line if line else ''}" for line in lines)
    return f"{indent}/**\n{body}\n{indent} */"

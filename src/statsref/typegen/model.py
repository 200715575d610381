"""The types the two JSON Schemas describe, as a small model both emitters print from.

Each schema and each of its ``$defs`` is a named type: ``x-type-name`` when the schema gives
one, else the definition's key in PascalCase. Definitions that are only a string format
(``date``, ``datetime``) are inlined. Objects nested where no name is given get one from their
parent and key (``EchoedQueryPagination``), because Python's TypedDict must be named.

What types cannot say is left to the schema: ``minItems`` and ``uniqueItems``, number bounds,
the ``if``/``then`` rules (case-sensitivity only with some operators, goals only with ``is`` and
``contains``) and patterns other than a literal prefix and suffix around ``.+`` or ``[0-9]+``.
A ``not`` is applied to the literal names it excludes (``filter_dimension`` drops the time
dimensions); the types are therefore looser than the schema, never stricter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urldefrag, urljoin

Node = dict[str, Any]


@dataclass(frozen=True)
class Lit:
    value: str | int | bool
    doc: str = ""


@dataclass(frozen=True)
class Prim:
    """``string``, ``number``, ``integer``, ``boolean``, ``null`` or ``unknown``."""

    name: str


@dataclass(frozen=True)
class Template:
    """A string ``prefix`` + (any ``string`` or a ``number``) + ``suffix``."""

    prefix: str
    kind: str
    suffix: str


@dataclass(frozen=True)
class Union:
    members: tuple[Type, ...]


@dataclass(frozen=True)
class Array:
    item: Type


@dataclass(frozen=True)
class Tuple:
    """A fixed-length array; the items after the first ``required`` may be left out."""

    items: tuple[Type, ...]
    required: int


@dataclass(frozen=True)
class Field:
    name: str
    type: Type
    required: bool
    doc: str = ""


@dataclass(frozen=True)
class Object:
    """Named fields (``closed``: no others), or a map from ``keys`` to ``values``."""

    fields: tuple[Field, ...] = ()
    closed: bool = False
    keys: Type | None = None
    values: Type | None = None


@dataclass(frozen=True)
class Ref:
    name: str


Type = Lit | Prim | Template | Union | Array | Tuple | Object | Ref


@dataclass(frozen=True)
class Named:
    name: str
    type: Type
    doc: str = ""


_TEMPLATE = re.compile(r"^\^([^\\^$.*+?()\[\]{}|]*)(\.\+|\[0-9\]\+)([^\\^$.*+?()\[\]{}|]*)\$$")
_PRIMITIVES = ("string", "number", "integer", "boolean", "null")


@dataclass
class TypeModel:
    """The named types of ``schemas`` (the query schema first), in definition order."""

    schemas: list[Node]
    named: dict[str, Named] = field(default_factory=dict)
    _names: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._by_id = {schema["$id"]: schema for schema in self.schemas}
        for schema in self.schemas:
            self._names[schema["$id"]] = schema["x-type-name"]
            for key, node in schema.get("$defs", {}).items():
                if not _only_format(node):
                    uri = f"{schema['$id']}#/$defs/{key}"
                    self._names[uri] = node.get("x-type-name", _pascal(key))
        self._uris = {name: uri for uri, name in self._names.items()}
        for name in self._uris:
            self._named_type(name)

    def resolve(self, type_: Type) -> Type:
        """``type_`` with a reference followed to the type it names."""
        return self._named_type(type_.name).type if isinstance(type_, Ref) else type_

    def _named_type(self, name: str) -> Named:
        if name not in self.named:
            node = self._node(self._uris[name])
            named = Named(name, self._type(node, self._uris[name], name), _doc(node))
            self.named.setdefault(name, named)
        return self.named[name]

    def _node(self, uri: str) -> Node:
        document, fragment = urldefrag(uri)
        node = self._by_id[document]
        for part in filter(None, fragment.split("/")):
            node = node[part]
        return node

    def _ref(self, node: Node, base: str) -> Type:
        uri = urljoin(base, node["$ref"])
        if uri in self._names:
            return Ref(self._names[uri])
        return self._type(self._node(uri), uri, "")

    def _type(self, node: Any, base: str, name: str) -> Type:
        """The type of schema ``node``; ``name`` names the object it describes, if it is one."""
        if not isinstance(node, dict):
            return Prim("unknown")
        if "const" in node:
            return Lit(node["const"], _first_sentence(node.get("description", "")))
        if "$ref" in node:
            return self._referenced(node, base, name)
        for keyword in ("oneOf", "anyOf"):
            if keyword in node:
                return _union(self._type(option, base, "") for option in node[keyword])
        kind = node.get("type", "unknown")
        if isinstance(kind, list):
            return _union(Prim(item) for item in kind)
        if kind == "array":
            return self._array(node, base, name)
        if kind == "object":
            return self._object(node, base, name)
        if kind == "string" and "pattern" in node:
            return _template(node["pattern"])
        return Prim(kind if kind in _PRIMITIVES else "unknown")

    def _referenced(self, node: Node, base: str, name: str) -> Type:
        """A ``$ref`` alone, or narrowed by ``not``, or an object with fields overridden."""
        if "not" in node:
            return _exclude(self.resolve(self._ref(node, base)), node["not"])
        if "properties" in node or "required" in node:
            target_uri = urljoin(base, node["$ref"])
            target = _absolute(self._node(target_uri), target_uri)
            merged = _merge(target, _absolute({k: v for k, v in node.items() if k != "$ref"}, base))
            return self._type(merged, base, name)
        return self._ref(node, base)

    def _array(self, node: Node, base: str, name: str) -> Type:
        if "prefixItems" in node:
            items = tuple(self._type(item, base, "") for item in node["prefixItems"])
            return Tuple(items, node.get("minItems", len(items)))
        return Array(self._type(node.get("items"), base, name + "Item"))

    def _object(self, node: Node, base: str, name: str) -> Type:
        properties = node.get("properties", {})
        if not properties:
            keys = node.get("propertyNames")
            return Object(
                keys=self._type(keys, base, "") if keys else None,
                values=self._type(node.get("additionalProperties"), base, name + "Value"),
            )
        required = set(node.get("required", ()))
        fields = tuple(
            Field(key, self._type(sub, base, name + _pascal(key)), key in required, _doc(sub))
            for key, sub in properties.items()
        )
        type_ = Object(fields, closed=node.get("additionalProperties") is False)
        if name in self._uris:
            return type_
        self.named[name] = Named(name, type_, _doc(node))
        return Ref(name)


def _only_format(node: Node) -> bool:
    """A definition that is just a string with a format (inlined, not named)."""
    return node.get("type") == "string" and "format" in node


def _pascal(key: str) -> str:
    return "".join(part[:1].upper() + part[1:] for part in re.split(r"[_\W]+", key))


def _first_sentence(text: str) -> str:
    match = re.match(r"(.+?[.!?])(\s|$)", " ".join(text.split()))
    return match.group(1) if match else " ".join(text.split())


def _doc(node: Any) -> str:
    """A node's description, else its title, else nothing."""
    if not isinstance(node, dict):
        return ""
    return str(node.get("description") or node.get("title") or "")


def _union(members: Any) -> Type:
    flat: list[Type] = []
    for member in members:
        for item in member.members if isinstance(member, Union) else (member,):
            if item not in flat:
                flat.append(item)
    return flat[0] if len(flat) == 1 else Union(tuple(flat))


def _template(pattern: str) -> Type:
    match = _TEMPLATE.match(pattern)
    if not match:
        return Prim("string")
    prefix, wildcard, suffix = match.groups()
    return Template(prefix, "number" if wildcard == "[0-9]+" else "string", suffix)


def _exclude(type_: Type, excluded: Node) -> Type:
    """``type_`` without the literal names ``excluded`` (a ``const`` or a ``pattern``) matches."""
    members = type_.members if isinstance(type_, Union) else (type_,)

    def dropped(member: Type) -> bool:
        if isinstance(member, Lit) and "const" in excluded:
            return member.value == excluded["const"]
        sample = member.prefix + "x" + member.suffix if isinstance(member, Template) else None
        text = member.value if isinstance(member, Lit) else sample
        return (
            "pattern" in excluded
            and isinstance(text, str)
            and bool(re.search(excluded["pattern"], text))
        )

    return _union(member for member in members if not dropped(member))


def _absolute(node: Any, base: str) -> Any:
    """``node`` with every ``$ref`` made absolute against ``base``."""
    if isinstance(node, dict):
        return {
            key: urljoin(base, value) if key == "$ref" else _absolute(value, base)
            for key, value in node.items()
        }
    if isinstance(node, list):
        return [_absolute(item, base) for item in node]
    return node


def _merge(target: Any, override: Any) -> Any:
    """``override`` laid over ``target``: objects merge key by key, ``required`` lists join."""
    if not (isinstance(target, dict) and isinstance(override, dict)):
        return override
    merged = dict(target)
    for key, value in override.items():
        if key == "required":
            merged[key] = [*target.get(key, []), *value]
        else:
            merged[key] = _merge(target.get(key), value) if key in target else value
    return merged

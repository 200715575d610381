"""Walking filter trees: the leaves with their position, and the shapes the executor consumes.

A tree is a list of filters (an implicit AND). A filter is a leaf ``[op, dim, clauses]`` (with
an optional modifiers object), ``["and"|"or", [filters]]``, ``["not", filter]`` or
``["has_done"|"has_not_done", filter]``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from .patterns import to_python
from .vocabulary import BEHAVIORAL_OPERATORS

PATTERN_OPERATORS = ("matches", "matches_not")

Filter = list[Any]


@dataclass(frozen=True)
class Leaf:
    """A leaf filter, its JSON pointer, how many operators wrap it, how many are behavioral."""

    filter: Filter
    pointer: str
    depth: int
    behavioral: int

    @property
    def operator(self) -> str:
        return self.filter[0]

    @property
    def dimension(self) -> str:
        return self.filter[1]

    @property
    def clauses(self) -> list[Any]:
        return self.filter[2]


def leaves(filters: list[Filter], pointer: str = "/filters") -> Iterator[Leaf]:
    """Every leaf, depth first, in the order the filters are written."""
    for index, node in enumerate(filters):
        yield from _walk(node, f"{pointer}/{index}", 0, 0)


def _walk(node: Filter, pointer: str, depth: int, behavioral: int) -> Iterator[Leaf]:
    operator = node[0]
    if operator in ("and", "or"):
        for index, child in enumerate(node[1]):
            yield from _walk(child, f"{pointer}/1/{index}", depth + 1, behavioral)
    elif operator == "not" or operator in BEHAVIORAL_OPERATORS:
        inner = behavioral + (operator in BEHAVIORAL_OPERATORS)
        yield from _walk(node[1], f"{pointer}/1", depth + 1, inner)
    else:
        yield Leaf(node, pointer, depth, behavioral)


def filters_on(filters: list[Filter], dimension: str, *, behavioral: bool = False) -> list[Leaf]:
    """The leaves on ``dimension`` at any depth; inside has_done only when ``behavioral``."""
    return [
        leaf
        for leaf in leaves(filters)
        if leaf.dimension == dimension and (behavioral or leaf.behavioral == 0)
    ]


def top_level_filters(filters: list[Filter], dimension: str) -> list[Filter]:
    """The leaves on ``dimension`` written directly in the top-level list."""
    return [f for f in filters if len(f) >= 3 and f[1] == dimension]


def rebuilt(node: Filter, leaf: Callable[[Filter], Filter]) -> Filter:
    """A new tree with the operators of ``node`` and every leaf replaced by ``leaf(leaf)``."""
    operator = node[0]
    if operator in ("and", "or"):
        return [operator, [rebuilt(child, leaf) for child in node[1]]]
    if operator == "not" or operator in BEHAVIORAL_OPERATORS:
        return [operator, rebuilt(node[1], leaf)]
    return leaf(node)


def normalized(node: Filter) -> Filter:
    """A copy of ``node`` in the executor's shape: every leaf carries its modifiers object
    ``{"case_sensitive": bool}`` as a 4th element (true unless the query says otherwise), and
    ``matches`` patterns are rewritten from RE2 into Python ``re`` syntax."""
    return rebuilt(node, _normalized_leaf)


def _normalized_leaf(node: Filter) -> Filter:
    operator = node[0]
    modifiers = node[3] if len(node) > 3 else {}
    clauses = [to_python(c) for c in node[2]] if operator in PATTERN_OPERATORS else list(node[2])
    return [
        operator,
        node[1],
        clauses,
        {"case_sensitive": modifiers.get("case_sensitive", True)},
    ]


def copied(node: Any) -> Any:
    """A deep copy of a JSON-shaped value (tuples become lists)."""
    if isinstance(node, list | tuple):
        return [copied(item) for item in node]
    if isinstance(node, dict):
        return {key: copied(value) for key, value in node.items()}
    return node

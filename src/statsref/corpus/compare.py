"""Where two JSON documents first differ, as a JSON pointer and a one-line message."""

from __future__ import annotations

from typing import Any

from .crosscheck import shown
from .load import pointer

Difference = tuple[str, str]


def _same_type(a: Any, b: Any) -> bool:
    """JSON types compared strictly: ``1`` and ``1.0`` or ``true`` and ``1`` differ in the text."""
    return type(a) is type(b)


def first_difference(
    stored: Any, actual: Any, path: tuple[Any, ...] = (), *, by: str = "engine"
) -> Difference | None:
    """The first place, in document order, where ``actual`` differs from ``stored``;
    ``by`` names what answered ``actual`` in the message (the engine, an endpoint)."""
    if not _same_type(stored, actual):
        return pointer(*path), f"stored {shown(stored)}, {by} returns {shown(actual)}"
    if isinstance(stored, dict):
        return _dict_difference(stored, actual, path, by)
    if isinstance(stored, list):
        for index, (old, new) in enumerate(zip(stored, actual, strict=False)):
            if found := first_difference(old, new, (*path, index), by=by):
                return found
        if len(stored) != len(actual):
            message = f"stored {len(stored)} items, {by} returns {len(actual)}"
            return pointer(*path), message
        return None
    if stored != actual:
        return pointer(*path), f"stored {shown(stored)}, {by} returns {shown(actual)}"
    return None


def _dict_difference(
    stored: dict, actual: dict, path: tuple[Any, ...], by: str
) -> Difference | None:
    for key, value in stored.items():
        if key not in actual:
            return pointer(*path, key), f"stored, but missing from the {by}'s response"
        if found := first_difference(value, actual[key], (*path, key), by=by):
            return found
    for key in actual:
        if key not in stored:
            return pointer(*path, key), f"{by} adds {shown(actual[key])}, not stored"
    if list(stored) != list(actual):
        return pointer(*path), f"key order differs: {by} returns {', '.join(actual)}"
    return None
